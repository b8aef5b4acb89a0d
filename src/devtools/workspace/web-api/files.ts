import type { Ctx } from '../context.js';
import { ApiError, objArg, requireStr, str } from '../errors.js';
import { BOT_USER_ID, randomHex, randomId } from '../ids.js';
import { addMessage, botMessage, echoBotMessage, type NewMessage } from '../messaging.js';
import type { Json } from '../types.js';
import { channelArg, type MethodTable } from './common.js';
import { filesTable, fileType, fileUrl, pngDimensions, type StoredFile } from './files-store.js';

/** Slack's cap for one external upload is 1 GB; the local workspace keeps files in SQLite, so far less. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const badArgs = (message: string) => new ApiError('invalid_arguments', { response_metadata: { messages: [message] } });

/** The `file` object Slack returns and puts on the file-share message. */
export function fileObject(ctx: Ctx, f: StoredFile): Json {
  const [mimetype, filetype, pretty_type] = fileType(f.name);
  const url = fileUrl(ctx.url, f);
  return {
    id: f.id,
    created: Math.floor(f.created / 1000),
    timestamp: Math.floor(f.created / 1000),
    name: f.name,
    title: f.title ?? f.name,
    mimetype,
    filetype,
    pretty_type,
    user: BOT_USER_ID,
    size: f.bytes?.length ?? 0,
    mode: 'hosted',
    is_external: false,
    is_public: true,
    url_private: url,
    url_private_download: `${url}?download=1`,
    permalink: url,
    ...(f.alt_txt ? { alt_txt: f.alt_txt } : {}),
    ...(f.bytes && mimetype === 'image/png' ? pngDimensions(f.bytes) : {}),
  };
}

interface FileRef {
  id: string;
  title?: string;
}

function fileRefs(args: Json): FileRef[] {
  const files = objArg(args, 'files');
  if (!Array.isArray(files) || files.length === 0) throw badArgs('[ERROR] missing required field: files');
  return files.map((f) => {
    const ref = f as { id?: unknown; title?: unknown };
    if (typeof ref.id !== 'string') throw badArgs('[ERROR] each file needs an id');
    return { id: ref.id, ...(typeof ref.title === 'string' ? { title: ref.title } : {}) };
  });
}

/**
 * Slack's external upload flow (docs.slack.dev/messaging/working-with-files): `files.getUploadURLExternal`
 * (filename, length) → POST the bytes to `upload_url` (./files-transfer.ts) → `files.completeUploadExternal`
 * (files [{id, title}], channel_id, initial_comment, thread_ts), which shares them in one message.
 */
export const fileMethods: MethodTable = {
  'files.getUploadURLExternal': (args, ctx) => {
    const name = requireStr(args, 'filename');
    const length = Number(requireStr(args, 'length'));
    if (!Number.isInteger(length) || length < 1 || length > MAX_FILE_BYTES)
      throw badArgs('[ERROR] length must be a whole number of bytes, at least 1');
    const id = randomId('F', 10);
    filesTable(ctx.db).create({
      id,
      name,
      length,
      alt_txt: str(args, 'alt_txt') ?? str(args, 'alt_text') ?? null,
      created: ctx.now(),
    });
    return { upload_url: `${ctx.url}/api/upload/v1/${id}${randomHex(8)}`, file_id: id };
  },

  'files.completeUploadExternal': (args, ctx) => {
    const refs = fileRefs(args);
    const table = filesTable(ctx.db);
    const found = refs.map((ref) => {
      const f = table.get(ref.id);
      // A file whose bytes never arrived cannot be completed, as on Slack.
      if (!f?.bytes || f.shared) throw new ApiError('file_not_found');
      return { f, title: ref.title ?? f.name };
    });
    const channelId = str(args, 'channel_id') ?? str(args, 'channels')?.split(',')[0];
    const channel = channelId ? channelArg({ channel: channelId }) : undefined;
    for (const { f, title } of found) table.share(f.id, title);
    const files = found.map(({ f }) => fileObject(ctx, table.get(f.id) ?? f));
    if (channel) {
      const threadTs = str(args, 'thread_ts');
      const message = {
        ...botMessage(channel.id, {
          text: str(args, 'initial_comment') ?? '',
          ...(threadTs ? { thread_ts: threadTs } : {}),
        }),
        subtype: 'file_share',
        files,
      } as NewMessage;
      echoBotMessage(ctx, addMessage(ctx, message));
    }
    return { files: files.map((f) => ({ id: f.id, title: f.title })) };
  },

  'files.info': (args, ctx) => {
    const f = filesTable(ctx.db).get(requireStr(args, 'file'));
    if (!f?.shared) throw new ApiError('file_not_found');
    return { file: fileObject(ctx, f) };
  },
};
