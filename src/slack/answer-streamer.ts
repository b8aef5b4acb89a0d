import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { escapeSlack, inertLinks } from './format/escape.js';

export interface StreamTarget {
  channel: string;
  threadTs: string;
  userId: string;
  teamId?: string;
}

/**
 * Streams an LLM answer into the thread with chat.startStream/appendStream/stopStream. Text is released
 * line by line, escaped and with links made inert, because streamed text cannot be vetted afterwards.
 * If Slack refuses streaming, `started` stays false and the caller posts a normal message instead.
 */
export function createAnswerStreamer(client: WebClient, target: StreamTarget) {
  const streamer = client.chatStream({
    channel: target.channel,
    thread_ts: target.threadTs,
    recipient_user_id: target.userId,
    ...(target.teamId ? { recipient_team_id: target.teamId } : {}),
    buffer_size: 256,
  });
  let pending = '';
  let started = false;
  let broken = false;

  async function send(text: string) {
    if (broken || !text) return;
    try {
      await streamer.append({ markdown_text: escapeSlack(inertLinks(text)) });
      started = true;
    } catch {
      broken = true;
    }
  }

  return {
    get started() {
      return started && !broken;
    },
    get broken() {
      return broken;
    },
    async push(delta: string) {
      pending += delta;
      const cut = pending.lastIndexOf('\n');
      if (cut < 0) return;
      const lines = pending.slice(0, cut + 1);
      pending = pending.slice(cut + 1);
      await send(lines);
    },
    /** Flushes the last line and closes the stream with the footer blocks. */
    async finish(blocks: KnownBlock[], note?: string) {
      await send(pending + (note ? `\n\n_${note}_` : ''));
      pending = '';
      if (!started || broken) return false;
      try {
        await streamer.stop({ blocks });
        return true;
      } catch {
        broken = true;
        return false;
      }
    },
  };
}
