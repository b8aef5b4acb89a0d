import type { Clock } from '../../core/clock.js';
import { ApiError } from './errors.js';
import { APP_ID, BOT_ID, randomId, TEAM_ID } from './ids.js';
import type { Db } from './store.js';
import type { Json, ViewRecord } from './types.js';

const MAX_STACK = 3;

/** Modal stacks per user and one Home view per user. */
export class ViewStore {
  private readonly db: Db;
  private readonly now: Clock;

  constructor(db: Db, now: Clock) {
    this.db = db;
    this.now = now;
  }

  /** Builds Slack's view object from a views.* `view` argument. */
  build(input: Json, user: string, id: string, root: string | null, previous: string | null): ViewRecord {
    const blocks = ((input.blocks as Json[] | undefined) ?? []).map((b) => ({
      ...b,
      block_id: b.block_id ?? randomId('', 5).toLowerCase(),
    }));
    const hash = `${Math.floor(this.now() / 1000)}.${randomId('', 8).toLowerCase()}`;
    const view: Json = {
      id,
      team_id: TEAM_ID,
      type: input.type,
      blocks,
      private_metadata: input.private_metadata ?? '',
      callback_id: input.callback_id ?? '',
      state: { values: {} },
      hash,
      title: input.title ?? null,
      clear_on_close: input.clear_on_close ?? false,
      notify_on_close: input.notify_on_close ?? false,
      close: input.close ?? null,
      submit: input.submit ?? null,
      previous_view_id: previous,
      root_view_id: root ?? id,
      app_id: APP_ID,
      external_id: input.external_id ?? '',
      app_installed_team_id: TEAM_ID,
      bot_id: BOT_ID,
    };
    const title = (input.title as { text?: string } | undefined)?.text ?? '';
    return {
      id,
      user,
      type: input.type === 'home' ? 'home' : 'modal',
      callback_id: String(view.callback_id),
      external_id: String(view.external_id),
      title,
      blocks,
      hash,
      root_view_id: String(view.root_view_id),
      previous_view_id: previous,
      private_metadata: String(view.private_metadata),
      view,
    };
  }

  /** views.open: starts a new modal stack for the user (any open one is replaced). */
  open(user: string, input: Json): ViewRecord {
    this.db.prepare("UPDATE views SET open = 0 WHERE user = ? AND kind = 'modal'").run(user);
    const id = randomId('V', 10);
    return this.put(this.build(input, user, id, null, null), 0);
  }

  push(user: string, input: Json): ViewRecord {
    const stack = this.stack(user);
    if (stack.length >= MAX_STACK) throw new ApiError('push_limit_reached');
    const top = stack.at(-1);
    const id = randomId('V', 10);
    return this.put(this.build(input, user, id, top?.root_view_id ?? null, top?.id ?? null), stack.length);
  }

  /** Replaces a view in place (same id, new hash). */
  replace(old: ViewRecord, input: Json): ViewRecord {
    const keep = input.external_id === undefined && old.external_id ? { external_id: old.external_id } : {};
    const next = this.build({ ...input, ...keep }, old.user, old.id, old.root_view_id, old.previous_view_id);
    const row = this.db.prepare('SELECT open, stack_index FROM views WHERE id = ?').get(old.id) as {
      open: number;
      stack_index: number;
    };
    return this.put(next, row.stack_index, row.open === 1);
  }

  publishHome(user: string, input: Json): ViewRecord {
    const existing = this.home(user);
    const next = this.build(input, user, existing?.id ?? randomId('V', 10), null, null);
    this.db.prepare("DELETE FROM views WHERE user = ? AND kind = 'home'").run(user);
    return this.put(next, 0);
  }

  get(id: string): ViewRecord | undefined {
    const row = this.db.prepare('SELECT data FROM views WHERE id = ?').get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as ViewRecord) : undefined;
  }

  isOpen(id: string): boolean {
    const row = this.db.prepare('SELECT open FROM views WHERE id = ?').get(id) as { open: number } | undefined;
    return row?.open === 1;
  }

  byExternalId(externalId: string): ViewRecord | undefined {
    const row = this.db.prepare('SELECT data FROM views WHERE external_id = ? ORDER BY rowid DESC').get(externalId) as
      | { data: string }
      | undefined;
    return row ? (JSON.parse(row.data) as ViewRecord) : undefined;
  }

  /** The user's open modals, bottom first. */
  stack(user: string): ViewRecord[] {
    const rows = this.db
      .prepare("SELECT data FROM views WHERE user = ? AND kind = 'modal' AND open = 1 ORDER BY stack_index")
      .all(user) as { data: string }[];
    return rows.map((r) => JSON.parse(r.data) as ViewRecord);
  }

  home(user: string): ViewRecord | undefined {
    const row = this.db.prepare("SELECT data FROM views WHERE user = ? AND kind = 'home'").get(user) as
      | { data: string }
      | undefined;
    return row ? (JSON.parse(row.data) as ViewRecord) : undefined;
  }

  close(id: string): void {
    this.db.prepare('UPDATE views SET open = 0 WHERE id = ?').run(id);
  }

  closeAll(user: string): void {
    this.db.prepare("UPDATE views SET open = 0 WHERE user = ? AND kind = 'modal'").run(user);
  }

  save(v: ViewRecord): void {
    this.db.prepare('UPDATE views SET data = ? WHERE id = ?').run(JSON.stringify(v), v.id);
  }

  private put(v: ViewRecord, stackIndex: number, open = true): ViewRecord {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO views (id, user, kind, open, stack_index, external_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(v.id, v.user, v.type, open ? 1 : 0, stackIndex, v.external_id || null, JSON.stringify(v));
    return v;
  }
}
