import { formatMinutes, slaState } from '../../tickets/sla-clock.js';
import { triageChannels } from '../../tickets/ticket-queues.js';
import { openStatuses, type Ticket, TimelineKind } from '../../tickets/types.js';
import type { TicketContext } from './ticket-context.js';

/**
 * Claims shared by the replicas (`src/cluster/claims.ts` fits): true for one caller per key until `ttlMs` passed.
 * Typed structurally so that this folder does not import the cluster.
 */
export interface ReminderClaims {
  claim(key: string, ttlMs: number): Promise<boolean>;
  release?(key: string): Promise<void>;
}

/** Without shared claims (one runner, tests), every claim succeeds. */
const noClaims: ReminderClaims = { claim: async () => true };

// Long enough for any pass that read the same state to have finished; each key names that state.
const claimTtlMs = 60 * 60_000;

/**
 * One pass of the reminder job: a note in the card thread when a ticket breaches its SLA (once per
 * ticket) or has had no update for `untouchedMinutes` (the note itself counts as an update, so it
 * repeats at most once per period). Returns what it posted, for tests and logs.
 *
 * Two passes that race (an old leader that has not noticed it lost the lease, and the new one) post once:
 * each side effect is claimed first under a key naming the state it acts on, and that state is read again after
 * the claim. The untouched note and the missing card name the ticket's `version` (every change bumps it, the
 * note too), so the next period's note has a new key; the breach note is once per ticket.
 */
export async function runReminders(
  ctx: TicketContext,
  untouchedMinutes: number,
  claims: ReminderClaims = noClaims,
): Promise<{ breached: string[]; untouched: string[] }> {
  const now = new Date(ctx.now());
  // Claim, check the state is still as read, record; a record that failed frees the claim for the next pass.
  const once = async (key: string, stillDue: () => Promise<boolean>, record: () => Promise<boolean>) => {
    if (!(await claims.claim(key, claimTtlMs))) return false;
    const done = await stillDue()
      .then((due) => due && record())
      .catch(async (error: unknown) => {
        await claims.release?.(key).catch(() => undefined);
        throw error;
      });
    if (!done) await claims.release?.(key);
    return done;
  };
  const unchanged = (t: Ticket) => async () => (await ctx.store.get(t.key))?.version === t.version;
  const note = (t: Ticket, reason: string) => async () =>
    Boolean(await ctx.store.addEntry(t.key, { actorId: 'system', kind: TimelineKind.Reminder, data: { reason } }));
  // Safety net: an open ticket whose card never made it to Slack (an outage, a long 429 burst) gets it now.
  if (triageChannels(ctx).size > 0) {
    for (const ticket of await ctx.store.list({ status: openStatuses }))
      if (!ticket.card)
        await once(`reminder:${ticket.key}:card:${ticket.version}`, unchanged(ticket), async () => {
          // The notifier logs a failed post rather than throwing: the card is set only if it went out.
          await ctx.notifier.postCard(ticket);
          return Boolean((await ctx.store.get(ticket.key))?.card);
        });
  }
  const due = await ctx.store.needingReminder(now, untouchedMinutes);
  const posted = { breached: [] as string[], untouched: [] as string[] };
  const breachNoted = async (key: string) =>
    (await ctx.store.timeline(key)).some((e) => e.kind === TimelineKind.Reminder && e.data?.reason === 'sla_breach');
  // Tickets whose breach is noted in this tick, here or by a racing pass: no untouched note for them this tick.
  const breachingNow = new Set<string>();
  for (const ticket of due.breached) {
    if (await breachNoted(ticket.key)) continue;
    breachingNow.add(ticket.key);
    const notYet = async () => !(await breachNoted(ticket.key));
    if (!(await once(`reminder:${ticket.key}:sla_breach`, notYet, note(ticket, 'sla_breach')))) continue;
    const late = formatMinutes(slaState(ticket, now).minutesLeft);
    await ctx.notifier.postInCardThread(
      ticket,
      `⏰ *${ticket.key}* breached its ${ticket.urgency.toUpperCase()} SLA ${late} ago.${ticket.assigneeId ? ` <@${ticket.assigneeId}>` : ' It is unassigned.'}`,
    );
    await ctx.notifier.refreshCard(ticket);
    posted.breached.push(ticket.key);
  }
  for (const ticket of due.untouched) {
    if (breachingNow.has(ticket.key)) continue;
    const key = `reminder:${ticket.key}:untouched:${ticket.version}`;
    if (!(await once(key, unchanged(ticket), note(ticket, 'untouched')))) continue;
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
  options: { intervalMs: number; untouchedMinutes: number; claims?: ReminderClaims },
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runReminders(ctx, options.untouchedMinutes, options.claims)
      .catch((error: unknown) => ctx.logger.error({ err: (error as Error).message }, 'reminder pass failed'))
      .finally(() => {
        running = false;
      });
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
