import type { Ctx } from './context.js';
import { findChannel, findPersona } from './directory.js';
import { parseTs } from './ids.js';
import type { MessageFilter, StoredMessage, ViewRecord } from './types.js';

const DEFAULT_TIMEOUT_MS = 10_000;

/** Every `text` string of a message: its text plus the texts inside its blocks. */
export function allText(m: StoredMessage): string {
  const parts = [m.text];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') parts.push(x);
        else walk(x);
      }
  };
  walk(m.blocks);
  return parts.join('\n');
}

function matcher(f: MessageFilter): (m: StoredMessage) => boolean {
  const channel = f.channel ? (findChannel(f.channel, f.ephemeralFor)?.id ?? f.channel) : undefined;
  const ephemeralFor = f.ephemeralFor ? (findPersona(f.ephemeralFor)?.id ?? f.ephemeralFor) : undefined;
  return (m) =>
    (!channel || m.channel === channel) &&
    (!f.thread_ts || (m.thread_ts === f.thread_ts && m.ts !== f.thread_ts)) &&
    (f.fromBot === undefined || Boolean(m.bot_id) === f.fromBot) &&
    (!ephemeralFor || m.ephemeral_for === ephemeralFor) &&
    (!f.textIncludes || allText(m).includes(f.textIncludes)) &&
    (!f.after || parseTs(m.ts) > parseTs(f.after)) &&
    (f.streaming === undefined || Boolean(m.streaming) === f.streaming);
}

/** Waiters that resolve on a stored or future change, with timeouts that explain what was there instead. */
export class Waiters {
  private readonly pending = new Set<() => void>();

  private readonly ctx: Ctx;

  constructor(ctx: Ctx) {
    this.ctx = ctx;
  }

  waitForMessage(filter: MessageFilter, options: { timeoutMs?: number } = {}): Promise<StoredMessage> {
    const match = matcher(filter);
    const existing = this.ctx.messages.all().find(match);
    if (existing) return Promise.resolve(existing);
    return this.wait<StoredMessage>(
      'message',
      (m: StoredMessage) => (match(m) ? m : undefined),
      options.timeoutMs,
      () => {
        const channel = filter.channel ? findChannel(filter.channel, filter.ephemeralFor)?.id : undefined;
        const recent = this.ctx.messages
          .all()
          .filter((m) => !channel || m.channel === channel)
          .slice(-8);
        const lines = recent.map(
          (m) =>
            `  ${m.channel} ${m.ts} thread=${m.thread_ts ?? '-'} ${m.bot_id ? 'bot' : (m.user ?? '?')}${m.ephemeral_for ? ` ephemeral_for=${m.ephemeral_for}` : ''}${m.streaming ? ' streaming' : ''}: ${JSON.stringify(allText(m).slice(0, 120))}`,
        );
        return `waitForMessage(${JSON.stringify(filter)}) found no match. Most recent messages${channel ? ` in ${channel}` : ''}:\n${lines.join('\n') || '  (none)'}`;
      },
    );
  }

  waitForView(
    filter: { user: string; callback_id?: string },
    options: { timeoutMs?: number } = {},
  ): Promise<ViewRecord> {
    const user = findPersona(filter.user)?.id ?? filter.user;
    const find = () =>
      [...this.ctx.views.stack(user)]
        .reverse()
        .find((v) => !filter.callback_id || v.callback_id === filter.callback_id);
    const existing = find();
    if (existing) return Promise.resolve(existing);
    return this.wait<ViewRecord>(
      'view',
      () => find(),
      options.timeoutMs,
      () => {
        const open = this.ctx.views.stack(user).map((v) => `${v.id}:${v.callback_id}`);
        return `waitForView(${JSON.stringify(filter)}) found no match. Open modals of ${user}: ${open.join(', ') || '(none)'}`;
      },
    );
  }

  /** Rejects everything still waiting (on stop). */
  cancelAll(): void {
    for (const cancel of [...this.pending]) cancel();
  }

  private wait<T>(
    event: string,
    test: (x: StoredMessage) => T | undefined,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    explain: () => string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.ctx.bus.off(event, onEvent);
        this.pending.delete(cancel);
      };
      const onEvent = (x: StoredMessage) => {
        const hit = test(x);
        if (hit !== undefined) {
          done();
          resolve(hit);
        }
      };
      const cancel = () => {
        done();
        reject(new Error(`Workspace stopped while waiting. ${explain()}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Timed out after ${timeoutMs} ms. ${explain()}`));
      }, timeoutMs);
      this.ctx.bus.on(event, onEvent);
      this.pending.add(cancel);
    });
  }
}
