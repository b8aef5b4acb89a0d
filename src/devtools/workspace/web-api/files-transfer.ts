import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ctx } from '../context.js';
import { sendJson, sendText } from '../http-util.js';
import { MAX_FILE_BYTES } from './files.js';
import { filesTable, fileType } from './files-store.js';

const UPLOAD = /^upload\/v1\/(F[0-9A-Z]{10})[0-9a-f]{16}$/;
const DOWNLOAD = /^files-pri\/(F[0-9A-Z]{10})\/[^/]+$/;

/** True for the paths under /api/ that carry file bytes instead of a Web API call. */
export const isFileTransfer = (path: string) => UPLOAD.test(path) || DOWNLOAD.test(path);

async function readRaw(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FILE_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The bytes of a POST to the upload URL: the raw body, or the first file of a multipart form (`-F file=@…`). */
async function uploadedBytes(req: IncomingMessage, raw: Buffer): Promise<Buffer> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) return raw;
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  for (const [, value] of form) if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  return Buffer.alloc(0);
}

/**
 * The upload URL (POST the bytes; Slack answers `200 OK - <size>`) and the download URL (`url_private`) of a
 * shared file. The upload URL is a capability, as on Slack: it takes no token.
 */
export async function handleFileTransfer(ctx: Ctx, req: IncomingMessage, res: ServerResponse, path: string) {
  const table = filesTable(ctx.db);
  const upload = UPLOAD.exec(path);
  if (upload?.[1]) {
    const f = table.get(upload[1]);
    if (req.method !== 'POST' || !f || f.bytes) return sendText(res, 404, 'Not Found');
    const raw = await readRaw(req);
    if (!raw) return sendText(res, 413, 'Payload Too Large');
    const bytes = await uploadedBytes(req, raw).catch(() => undefined);
    if (!bytes?.length) return sendText(res, 400, 'Bad Request');
    table.setBytes(f.id, bytes);
    return sendText(res, 200, `OK - ${bytes.length}`);
  }
  const id = DOWNLOAD.exec(path)?.[1];
  const f = id ? table.get(id) : undefined;
  if (req.method !== 'GET' || !f?.bytes || !f.shared) return sendJson(res, 404, { ok: false, error: 'file_not_found' });
  res.writeHead(200, {
    'content-type': fileType(f.name)[0],
    'content-length': f.bytes.length,
    'cache-control': 'no-store',
  });
  res.end(f.bytes);
}
