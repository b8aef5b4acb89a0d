import { ApiError, objArg, requireStr, str } from '../errors.js';
import { botMessageObject } from '../events.js';
import { addMessage, botMessage, echoBotMessage, saveMessage } from '../messaging.js';
import type { Json, StoredMessage } from '../types.js';
import { ownMessage } from './chat.js';
import { blocksArg, channelArg, type MethodTable } from './common.js';

const MAX_MARKDOWN = 12_000;

/** markdown_text plus the markdown of `chunks` (`{type:'markdown_text', text}`); other chunk types are kept aside. */
function streamText(args: Json): { text: string; chunks: unknown[] } {
  const markdown = str(args, 'markdown_text') ?? '';
  if (markdown.length > MAX_MARKDOWN) throw new ApiError('msg_too_long');
  const chunks = objArg(args, 'chunks') as unknown[] | undefined;
  if (chunks !== undefined && !Array.isArray(chunks)) throw new ApiError('invalid_chunks');
  let text = markdown;
  for (const c of chunks ?? []) {
    const chunk = c as { type?: string; text?: string };
    if (chunk.type === 'markdown_text' && typeof chunk.text === 'string') text += chunk.text;
  }
  return { text, chunks: (chunks ?? []).filter((c) => (c as { type?: string }).type !== 'markdown_text') };
}

function streamingMessage(found: StoredMessage | undefined): StoredMessage {
  const m = ownMessage(found, 'message_not_owned_by_app');
  if (!m.streaming) throw new ApiError('message_not_in_streaming_state');
  return m;
}

/** chat.startStream / appendStream / stopStream (web-api ≥ 7.11; Bolt's sayStream and ChatStreamer use them). */
export const streamMethods: MethodTable = {
  'chat.startStream': (args, ctx) => {
    const channel = channelArg(args);
    // Streamed messages are always replies to a user request.
    const threadTs = requireStr(args, 'thread_ts');
    if (!channel.isIm && (!str(args, 'recipient_user_id') || !str(args, 'recipient_team_id')))
      throw new ApiError('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] recipient_user_id and recipient_team_id are required outside DMs'] },
      });
    const { text, chunks } = streamText(args);
    const m = addMessage(
      ctx,
      botMessage(channel.id, {
        text,
        thread_ts: threadTs,
        streaming: true,
        streamed: true,
        ...(chunks.length ? { chunks } : {}),
      }),
    );
    echoBotMessage(ctx, m);
    return { channel: channel.id, ts: m.ts };
  },

  'chat.appendStream': (args, ctx) => {
    const channel = channelArg(args);
    const ts = requireStr(args, 'ts');
    const m = streamingMessage(ctx.messages.get(channel.id, ts));
    const { text, chunks } = streamText(args);
    if (!text && !chunks.length)
      throw new ApiError('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] markdown_text or chunks required'] },
      });
    saveMessage(ctx, {
      ...m,
      text: m.text + text,
      ...(chunks.length ? { chunks: [...(m.chunks ?? []), ...chunks] } : {}),
    });
    return { channel: channel.id, ts };
  },

  'chat.stopStream': (args, ctx) => {
    const channel = channelArg(args);
    const ts = requireStr(args, 'ts');
    const m = streamingMessage(ctx.messages.get(channel.id, ts));
    const { text, chunks } = streamText(args);
    const blocks = blocksArg(args);
    const metadata = objArg(args, 'metadata', 'invalid_metadata_format');
    const saved = saveMessage(ctx, {
      ...m,
      text: m.text + text,
      streaming: false,
      ...(chunks.length ? { chunks: [...(m.chunks ?? []), ...chunks] } : {}),
      ...(blocks ? { blocks } : {}),
      ...(metadata !== undefined ? { metadata } : {}),
    });
    return { channel: channel.id, ts, message: botMessageObject(saved) };
  },
};
