import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../src/devtools/workspace/index.js';
import { type DeskHarness, startDesk } from '../../helpers/desk-harness.js';
import { type SocketDesk, startSocketDesk } from '../../helpers/socket-desk.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { sendEvent, sendInteraction } from './slack-client.js';

/** A line an attacker would like to see in the log, as if the bot had written it. */
const forged = '{"level":30,"app":"pacs-desk","msg":"audit record written"}';
const crlf = `viewer blank\r\n${forged}\r\nsecond line\rthird\nfourth`;

function parseLines(text: string): { msg?: string; app?: string }[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { msg?: string; app?: string });
}

describe('U7: log lines stay one JSON object each, whatever people type', () => {
  let h: DeskHarness;
  beforeAll(async () => {
    h = await startDesk();
  });
  afterAll(() => h.stop());

  it('U7: CR/LF and a forged JSON line in a DM, a command and an action id never split or forge a log line', async () => {
    const ts = '1700400000.000100';
    await sendEvent(h, {
      type: 'message',
      channel: 'D0CLINIC1',
      channel_type: 'im',
      user: 'U0CLINIC1',
      text: crlf,
      ts,
      event_ts: ts,
    });
    await h.api('/api/test/post', { user: 'clinician', channel: 'dm', text: `/pacs ${crlf}` });
    await sendInteraction(h, {
      type: 'block_actions',
      user: { id: 'U0CLINIC1', team_id: 'T0PACSDESK' },
      team: { id: 'T0PACSDESK', domain: 'pacs-desk-local' },
      api_app_id: 'A0PACSDESK',
      trigger_id: '1.2.3',
      actions: [{ type: 'button', action_id: `x\r\n${forged}`, block_id: 'b', value: crlf }],
    });
    await waitUntil(() => expect(h.ws.calls('chat.postMessage').some((c) => c.args.thread_ts === ts)).toBe(true));
    const lines = parseLines(h.logs());
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(line.app).toBe('pacs-desk');
      expect(line.msg).not.toBe('audit record written');
    }
    // The typed text is never logged at all (lengths and ids only), escaped or not.
    expect(h.logs()).not.toContain('second line');
    expect(h.logs()).not.toContain('audit record written');
  });
});

describe('U7/P7: Socket Mode at debug level logs no payload', () => {
  let socket: SocketDesk;
  let ws: Workspace;

  beforeAll(async () => {
    socket = await startSocketDesk('debug');
    ws = socket.ws;
  });
  afterAll(() => socket?.stop());

  it('U7: a DM carrying a name and an MRN over the WebSocket is answered, and neither reaches the debug log', async () => {
    const res = await fetch(`${ws.url}/api/test/post`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'clinician', channel: 'dm', text: 'viewer blank for Jane Roe MRN 44556677' }),
    });
    const { ts } = (await res.json()) as { ts: string };
    await ws.waitForMessage({ thread_ts: ts, fromBot: true });
    expect(socket.logs()).toContain('"level":20');
    for (const phi of ['Jane Roe', '44556677']) expect(socket.logs()).not.toContain(phi);
    for (const line of parseLines(socket.logs())) expect(line.app).toBe('pacs-desk');
  });
});
