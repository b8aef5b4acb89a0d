import type { ChannelStatus, InterfaceEngine } from '../engine-types.js';
import { createMirthHttp, type MirthHttpOptions } from './mirth-http.js';
import { newestReceivedAt, parseStatusList } from './mirth-shapes.js';

export interface MirthEngineOptions extends MirthHttpOptions {
  /** Ask each channel for its newest message's time (one small call per channel; default true). */
  lastMessageTimes?: boolean;
  /** Channels asked for their newest message at once (default 4). */
  concurrency?: number;
}

/**
 * NextGen Connect (Mirth Connect) 3.x/4.x over its REST API, read-only:
 * - `GET /api/channels/statuses` (ChannelStatusServletInterface.getChannelStatusList): the dashboard, one
 *   DashboardStatus per deployed channel with state, `statistics` (RECEIVED/FILTERED/SENT/ERROR) and `queued`;
 * - `GET /api/channels/{id}/messages?limit=1&includeContent=false` (MessageServletInterface.getMessages; the
 *   search orders by message id descending, so one row is the newest): only `receivedDate` is read, and message
 *   content is never requested.
 * The dashboard has no last-message time, hence the second call. A channel whose messages cannot be listed (the
 * user lacks "view messages", or pruning left none) simply has no `lastMessageAt`.
 * @example
 * const mirth = createMirthEngine({ url: 'https://mirth.local:8443', user, password, fetch });
 * const channels = await mirth.channels();
 */
export function createMirthEngine(options: MirthEngineOptions): InterfaceEngine {
  const http = createMirthHttp(options);
  const concurrency = Math.max(1, options.concurrency ?? 4);

  async function lastMessageAt(channel: ChannelStatus): Promise<number | undefined> {
    const body = await http
      .get(`/channels/${encodeURIComponent(channel.id)}/messages`, { limit: '1', includeContent: 'false' })
      .catch(() => undefined);
    return newestReceivedAt(body);
  }

  return {
    name: 'mirth',
    async channels() {
      const channels = parseStatusList(await http.get('/channels/statuses'));
      if (options.lastMessageTimes === false) return channels;
      let next = 0;
      const worker = async () => {
        while (next < channels.length) {
          const channel = channels[next++] as ChannelStatus;
          const at = await lastMessageAt(channel);
          if (at !== undefined) channel.lastMessageAt = at;
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, channels.length) }, worker));
      return channels;
    },
  };
}
