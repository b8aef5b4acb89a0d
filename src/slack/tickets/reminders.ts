import { formatMinutes, slaState } from '../../tickets/sla-clock.js';
import { openStatuses, TimelineKind } from '../../tickets/types.js';
import type { TicketContext } from './ticket-context.js';

/**
 * One pass of the reminder job: a note in the card thread when a ticket breaches its SLA (once per
 * ticket) or has had no update for `untouchedMinutes` (the note itself counts as an update, so it
 * repeats at most once per period). Returns what it posted, for tests and logs.
 */
export async function runReminders(
  ctx: TicketContext,
  untouchedMinutes: number,
): Promise<{ breached: string[]; untouched: string[] }> {
  const now = new Date(ctx.now());
  // Safety net: an open ticket whose card never made it to Slack (an outage, a long 429 burst) gets it now.
  if (ctx.triageChannel) {
    for (const ticket of await ctx.store.list({ status: openStatuses }))
      if (!ticket.card) await ctx.notifier.postCard(ticket);
  }
  const due = await ctx.store.needingReminder(now, untouchedMinutes);
  const posted = { breached: [] as string[], untouched: [] as string[] };
  for (const ticket of due.breached) {
    const timeline = await ctx.store.timeline(ticket.key);
    if (timeline.some((e) => e.kind === TimelineKind.Reminder && e.data?.reason === 'sla_breach')) continue;
    await ctx.store.addEntry(ticket.key, {
      actorId: 'system',
      kind: TimelineKind.Reminder,
      data: { reason: 'sla_breach' },
    });
    const late = formatMinutes(slaState(ticket, now).minutesLeft);
    await ctx.notifier.postInCardThread(
      ticket,
      `⏰ *${ticket.key}* breached its ${ticket.urgency.toUpperCase()} SLA ${late} ago.${ticket.assigneeId ? ` <@${ticket.assigneeId}>` : ' It is unassigned.'}`,
    );
    await ctx.notifier.refreshCard(ticket);
    posted.breached.push(ticket.key);
  }
  for (const ticket of due.untouched) {
    if (posted.breached.includes(ticket.key)) continue;
    await ctx.store.addEntry(ticket.key, {
      actorId: 'system',
      kind: TimelineKind.Reminder,
      data: { reason: 'untouched' },
    });
    await ctx.notifier.postInCardThread(
      ticket,
      `⏰ *${ticket.key}* has had no update for ${formatMinutes(untouchedMinutes)}.`,
    );
    posted.untouched.push(ticket.key);
  }
  if (posted.breached.length || posted.untouched.length) ctx.logger.info(posted, 'ticket reminders posted');
  return posted;
}

/** Runs `runReminders` every `intervalMs` until stopped; a failed pass is logged and the next one runs. */
export function startReminders(
  ctx: TicketContext,
  options: { intervalMs: number; untouchedMinutes: number },
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runReminders(ctx, options.untouchedMinutes)
      .catch((error: unknown) => ctx.logger.error({ err: (error as Error).message }, 'reminder pass failed'))
      .finally(() => {
        running = false;
      });
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
