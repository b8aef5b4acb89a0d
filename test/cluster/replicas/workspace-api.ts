/** A message as `GET /api/test/messages` returns it. */
export interface WsMessage {
  ts: string;
  user: string | null;
  bot_id: string | null;
  text: string;
  blocks: unknown[] | null;
  thread_ts: string | null;
  ephemeral_for: string | null;
}

export interface WorkspaceState {
  socketConnections: number;
  bot: { user_id: string };
}

/** The local workspace's JSON test API (README "The local Slack workspace"), over HTTP from another process. */
export function workspaceApi(baseUrl: string) {
  async function call<T>(path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${baseUrl}/api/test/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
  return {
    state: () => call<WorkspaceState>('state'),
    /** Posts as a persona in a channel (name or id) or `dm`; a leading `/pacs …` runs the command. */
    post: (user: string, channel: string, text: string, threadTs?: string) =>
      call<{ ts: string | null; channel?: string; event_ids?: string[]; command?: Record<string, unknown> }>('post', {
        user,
        channel,
        text,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      }),
    messages: (channel: string, threadTs?: string) =>
      call<WsMessage[]>(`messages?channel=${channel}${threadTs ? `&thread_ts=${threadTs}` : ''}`),
    click: (body: { user: string; channel: string; ts: string; action_id: string; value?: string }) =>
      call<{ status: number; outcome: string }>('click', body),
    views: (user: string) => call<{ id: string; callback_id: string; blocks: unknown[] }[]>(`views?user=${user}`),
    submit: (user: string, viewId: string, values: Record<string, unknown>) =>
      call<Record<string, unknown>>('submit', { user, view_id: viewId, values }),
    /** Slack retrying an event (`event_ids` of `post`): over Socket Mode on any open connection. */
    redeliver: (eventId: string, retryNum: number, reason = 'timeout') =>
      call<{ status: number; outcome: string; via: string }>('redeliver', {
        event_id: eventId,
        retry_num: retryNum,
        reason,
      }),
    /** Web API calls the bot made (newest last), optionally of one method. */
    calls: (method?: string) =>
      call<{ method: string; args: Record<string, unknown>; ok: boolean }[]>(
        `calls${method ? `?method=${method}` : ''}`,
      ),
    deliveries: (limit = 500) =>
      call<{ kind: string; event_id: string | null; retry_num: number; outcome: string; duration_ms: number }[]>(
        `deliveries?limit=${limit}`,
      ),
  };
}

export type WorkspaceApi = ReturnType<typeof workspaceApi>;

/** The bot's replies in a thread (its own messages after the question; the question itself excluded). */
export async function botReplies(api: WorkspaceApi, channel: string, threadTs: string): Promise<WsMessage[]> {
  return (await api.messages(channel, threadTs)).filter((m) => m.bot_id && m.ts !== threadTs && !m.ephemeral_for);
}

/**
 * Polls `check` until it returns a value other than `undefined`, at most `timeoutMs`: the processes under test
 * change the state meanwhile. On timeout, throws with `describe()` (what was there instead).
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; describe?: () => Promise<string> | string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${options.timeoutMs} ms${options.describe ? `: ${await options.describe()}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 50));
  }
}
