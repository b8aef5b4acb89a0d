import { validateBlocks } from '../blocks.js';
import type { Ctx } from '../context.js';
import { type ChannelInfo, findChannel } from '../directory.js';
import { ApiError, objArg, str } from '../errors.js';
import type { Json } from '../types.js';

export type Handler = (args: Json, ctx: Ctx) => Json | Promise<Json>;
export type MethodTable = Record<string, Handler>;

export const MAX_TEXT = 40_000;

export function channelArg(args: Json, key = 'channel'): ChannelInfo {
  const id = str(args, key);
  const channel = id ? findChannel(id) : undefined;
  if (!channel) throw new ApiError('channel_not_found');
  return channel;
}

/** `blocks` from a form field (JSON string) or JSON body, validated for the given surface. */
export function blocksArg(args: Json, surface: 'message' | 'modal' | 'home' = 'message'): unknown[] | undefined {
  const blocks = objArg(args, 'blocks', 'invalid_blocks_format');
  if (blocks === undefined) return undefined;
  const errors = validateBlocks(blocks, surface);
  if (errors.length) throw new ApiError('invalid_blocks', { errors, response_metadata: { messages: errors } });
  return blocks as unknown[];
}

export interface MessageContent {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
}

/** text/blocks/attachments/metadata of chat.postMessage, postEphemeral and update, with Slack's errors. */
export function contentArgs(args: Json): MessageContent {
  const text = typeof args.text === 'string' ? args.text : undefined;
  const blocks = blocksArg(args);
  const attachments = objArg(args, 'attachments', 'invalid_attachments') as unknown[] | undefined;
  if (attachments !== undefined && !Array.isArray(attachments)) throw new ApiError('invalid_attachments');
  const metadata = objArg(args, 'metadata', 'invalid_metadata_format');
  if (!text && !blocks?.length && !attachments?.length) throw new ApiError('no_text');
  if (text && text.length > MAX_TEXT) throw new ApiError('msg_too_long');
  const out: MessageContent = {};
  if (text !== undefined) out.text = text;
  if (blocks !== undefined) out.blocks = blocks;
  if (attachments !== undefined) out.attachments = attachments;
  if (metadata !== undefined) out.metadata = metadata;
  return out;
}
