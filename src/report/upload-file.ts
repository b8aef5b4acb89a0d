import { BotError } from '../core/errors.js';
import type { FetchLike } from '../core/http.js';

/** The two Web API methods of Slack's external upload flow (a `WebClient` fits). */
export interface UploadClient {
  files: {
    getUploadURLExternal(args: {
      filename: string;
      length: number;
      alt_text?: string;
    }): Promise<{ upload_url?: string; file_id?: string }>;
    completeUploadExternal(args: {
      files: [{ id: string; title?: string }];
      channel_id?: string;
      initial_comment?: string;
    }): Promise<unknown>;
  };
}

export interface Upload {
  bytes: Uint8Array;
  filename: string;
  title: string;
  altText: string;
  channel: string;
  initialComment?: string;
}

/**
 * Shares a file in a channel with Slack's external upload flow: ask for an upload URL with the file's name and
 * length, POST the bytes there (a pre-signed URL: no token), then complete the upload into the channel. Any step
 * failing rejects with a `slack_failed` BotError whose message names the step (no file content, no PHI).
 *
 * @example const fileId = await uploadFile(client, fetch, { bytes: png, filename: 'digest.png', title: 'Digest', altText: 'Bar chart', channel: 'C0MGR' })
 */
export async function uploadFile(client: UploadClient, fetch: FetchLike, upload: Upload): Promise<string> {
  const step = async <T>(name: string, run: () => Promise<T>) => {
    try {
      return await run();
    } catch (cause) {
      throw new BotError('slack_failed', `file upload failed at ${name}: ${(cause as Error).message}`, { cause });
    }
  };
  const target = await step('files.getUploadURLExternal', () =>
    client.files.getUploadURLExternal({
      filename: upload.filename,
      length: upload.bytes.byteLength,
      alt_text: upload.altText,
    }),
  );
  const { upload_url: url, file_id: id } = target;
  if (!url || !id) throw new BotError('slack_failed', 'file upload failed: no upload_url or file_id');
  await step('upload_url', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: upload.bytes,
    });
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  });
  await step('files.completeUploadExternal', () =>
    client.files.completeUploadExternal({
      files: [{ id, title: upload.title }],
      channel_id: upload.channel,
      ...(upload.initialComment ? { initial_comment: upload.initialComment } : {}),
    }),
  );
  return id;
}
