import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/devtools/workspace/index.js';
import { renderPng } from '../../src/report/render-png.js';
import { api, startWorkspace, TOKEN, testApi } from './helpers.js';

let ws: Workspace;
let close: () => Promise<void>;
let client: WebClient;
const png = renderPng(
  '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect width="30" height="20" fill="#1264a3"/></svg>',
);

beforeAll(async () => {
  ({ ws, close } = await startWorkspace({ rateLimit: { perSecond: 1000, burst: 1000 } }));
  client = new WebClient(TOKEN, { slackApiUrl: ws.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
});
afterAll(() => close());

interface SharedFile {
  id: string;
  title: string;
  mimetype: string;
  url_private: string;
  original_w: number;
  original_h: number;
}

describe('external file upload in the local workspace', () => {
  it('getUploadURLExternal → POST bytes → completeUploadExternal shares the file in a channel message', async () => {
    const target = await client.files.getUploadURLExternal({ filename: 'chart.png', length: png.length });
    expect(target.file_id).toMatch(/^F[0-9A-Z]{10}$/);
    expect(target.upload_url).toMatch(new RegExp(`^${ws.url}/`));
    const posted = await fetch(String(target.upload_url), { method: 'POST', body: png });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toBe(`OK - ${png.length}`);
    const done = await client.files.completeUploadExternal({
      files: [{ id: String(target.file_id), title: 'Weekly chart' }],
      channel_id: 'C0PTRIAGE',
      initial_comment: 'This week',
    });
    expect(done.files).toEqual([{ id: target.file_id, title: 'Weekly chart' }]);

    const messages = await testApi<{ text: string; subtype?: string; files?: SharedFile[] }[]>(
      ws,
      'messages?channel=C0PTRIAGE',
    );
    const share = messages.find((m) => m.files?.length);
    expect(share).toMatchObject({ text: 'This week', subtype: 'file_share' });
    expect(share?.files?.[0]).toMatchObject({ id: target.file_id, title: 'Weekly chart', mimetype: 'image/png' });
    expect(share?.files?.[0]).toMatchObject({ original_w: 30, original_h: 20 });
    const served = await fetch(String(share?.files?.[0]?.url_private));
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    const info = await client.files.info({ file: String(target.file_id) });
    expect(info.file).toMatchObject({ id: target.file_id, size: png.length });
  });

  it('takes the bytes as a multipart form too (curl -F file=@…)', async () => {
    const target = await client.files.getUploadURLExternal({ filename: 'form.png', length: png.length });
    const form = new FormData();
    form.append('file', new Blob([png], { type: 'image/png' }), 'form.png');
    expect((await fetch(String(target.upload_url), { method: 'POST', body: form })).status).toBe(200);
    await client.files.completeUploadExternal({ files: [{ id: String(target.file_id) }], channel_id: 'C0PTRIAGE' });
    const file = (await client.files.info({ file: String(target.file_id) })).file;
    expect(file).toMatchObject({ title: 'form.png', size: png.length });
  });

  it("answers Slack's errors: missing arguments, completing before the bytes arrived, an unknown channel", async () => {
    expect((await api(ws, 'files.getUploadURLExternal', { filename: 'x.png' })).json).toMatchObject({
      ok: false,
      error: 'invalid_arguments',
    });
    expect((await api(ws, 'files.getUploadURLExternal', { filename: 'x.png', length: 0 })).json.error).toBe(
      'invalid_arguments',
    );
    const target = await client.files.getUploadURLExternal({ filename: 'late.png', length: png.length });
    expect((await api(ws, 'files.completeUploadExternal', { files: [{ id: target.file_id }] })).json.error).toBe(
      'file_not_found',
    );
    await fetch(String(target.upload_url), { method: 'POST', body: png });
    const wrongChannel = await api(ws, 'files.completeUploadExternal', {
      files: [{ id: target.file_id }],
      channel_id: 'C0NOPE',
    });
    expect(wrongChannel.json.error).toBe('channel_not_found');
    expect((await api(ws, 'files.completeUploadExternal', { files: 'nope' })).json.error).toBe('invalid_arguments');
    // An upload URL takes one upload; an unknown one is a 404.
    expect((await fetch(String(target.upload_url), { method: 'POST', body: png })).status).toBe(404);
    expect((await fetch(`${ws.url}/api/upload/v1/F0000000000${'0'.repeat(16)}`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${ws.url}/api/files-pri/${target.file_id}/late.png`)).status).toBe(404);
  });
});
