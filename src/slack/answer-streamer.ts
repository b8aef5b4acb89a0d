import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { AnswerMessage } from './blocks/answer-blocks.js';
import { maxAnswerChars } from './blocks/answer-blocks.js';
import { escapeSlack } from './format/escape.js';

export interface StreamTarget {
  channel: string;
  threadTs: string;
  userId: string;
  teamId?: string;
}

/** chat.appendStream takes at most 12,000 characters of markdown_text per call. */
const maxAppendChars = 4000;

/**
 * Streams an LLM answer into the thread with chat.startStream/appendStream/stopStream. The answer service hands
 * over text already vetted a line at a time (links, mentions, credential requests, citations, exactly as a posted
 * answer); here it is escaped for Slack and kept within Slack's limits: appends are split, and past the length a
 * posted answer may have the stream is cut at a line, an open code fence closed, and a note added.
 * If Slack refuses streaming, `started` stays false and the caller posts a normal message instead. When the answer
 * is interrupted (the model stalls or fails midway), `replace` turns the streamed message into the one that stands
 * in for it, in place: the thread never keeps half a sentence followed by a second message.
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
  let sentChars = 0;
  let openFence = false;
  let full = false;
  let started = false;
  let broken = false;
  let stopped = false;

  async function append(markdown: string) {
    for (let i = 0; i < markdown.length && !broken; i += maxAppendChars) {
      try {
        await streamer.append({ markdown_text: markdown.slice(i, i + maxAppendChars) });
        started = true;
      } catch {
        broken = true;
      }
    }
  }

  /** Escapes whole lines and sends them while the answer fits; then closes it off once. */
  async function send(lines: string) {
    if (broken || full || !lines) return;
    const escaped = escapeSlack(lines);
    if (sentChars + escaped.length <= maxAnswerChars - 200) {
      for (const line of lines.split('\n')) if (/^\s*(`{3,}|~{3,})/.test(line)) openFence = !openFence;
      sentChars += escaped.length;
      await append(escaped);
      return;
    }
    full = true;
    await append(`${openFence ? '\n```' : ''}\n_…(shortened; see the sources below)_\n`);
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
      await send(pending);
      pending = '';
      if (note && !broken) await append(`\n\n_${escapeSlack(note)}_`);
      if (!started || broken) return false;
      try {
        stopped = true;
        await streamer.stop({ blocks });
        return true;
      } catch {
        broken = true;
        return false;
      }
    },
    /**
     * Replaces whatever was streamed with `message` (text and blocks), stopping the stream first. False when no
     * streamed message exists in Slack (nothing was shown yet) or Slack refused: the caller posts `message` instead.
     */
    async replace(message: AnswerMessage): Promise<boolean> {
      pending = '';
      full = true;
      const ts = streamer.ts;
      if (!ts) return false;
      if (!stopped) {
        stopped = true;
        // Buffered text is flushed by the stop, then replaced at once; a failed stop still leaves the update.
        await streamer.stop().catch(() => undefined);
      }
      try {
        await client.chat.update({ channel: target.channel, ts, text: message.text, blocks: message.blocks });
        return true;
      } catch {
        return false;
      }
    },
  };
}
