import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, packageRoot } from '../../src/config.js';
import { signSlackRequest } from '../../src/devtools/workspace/index.js';
import { type DeskHarness, startDesk, testSigningSecret } from '../helpers/desk-harness.js';
import { chatCompletion, chatCompletionStream, nockChat, openAiBaseUrl } from '../helpers/openai-nock.js';

/**
 * Secrets never reach a log line or anything Slack shows. A full run of the bot (answers from the LLM,
 * an LLM failure, a slash command, a ticket, a forged request) with canary secrets, then a grep of every log
 * line and every message, modal, App Home and Web API argument the workspace holds.
 */

const BOT_TOKEN = 'xoxb-s6canary-1111-bot-token-must-never-show';
const LLM_KEY = 'sk-s6canary-llm-api-key-must-never-show';
const needles = ['xoxb-', 'xapp-', BOT_TOKEN, LLM_KEY, 's6canary', testSigningSecret];

let h: DeskHarness;
beforeAll(async () => {
  h = await startDesk(
    { OPENAI_API_KEY: LLM_KEY, OPENAI_BASE_URL: openAiBaseUrl, OPENAI_EMBEDDING_MODEL: 'none' },
    { botToken: BOT_TOKEN },
  );
});
afterAll(() => h.stop());

const post = (user: string, channel: string, text: string) =>
  h.api<{ ts: string }>('/api/test/post', { user, channel, text });

/** Everything a Slack user could see in the workspace, as one string. */
async function everythingSlackShows(): Promise<string> {
  const state = await h.api<{ channels: { id: string }[]; dms: { id: string }[] }>('/api/test/state');
  const parts: unknown[] = [];
  for (const { id } of [...state.channels, ...state.dms]) {
    const top = await h.api<{ ts: string; reply_count?: number }[]>(`/api/test/messages?channel=${id}`);
    parts.push(top);
    for (const m of top.filter((x) => (x.reply_count ?? 0) > 0))
      parts.push(await h.api(`/api/test/messages?channel=${id}&thread_ts=${m.ts}`));
  }
  for (const user of ['clinician', 'associate', 'admin']) {
    parts.push(await h.api(`/api/test/views?user=${user}`));
    parts.push(await h.api(`/api/test/home?user=${user}`));
  }
  parts.push(h.ws.calls()); // every Web API call's arguments: text, blocks, views
  return JSON.stringify(parts);
}

describe('S6: secrets hygiene', () => {
  it('S6: after a full run no log line and nothing Slack shows contains a token, the signing secret or the LLM key', async () => {
    nockChat({ stream: true, body: chatCompletionStream(['Clear the viewer cache [1].']) });
    const q1 = await post('clinician', 'radiology-help', `<@${h.ws.botUserId}> viewer says no images`);
    await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: q1.ts, fromBot: true, streaming: false });

    // The provider rejects the key and echoes part of it, as OpenAI's 401 does.
    nockChat({
      status: 401,
      body: { error: { message: `Incorrect API key provided: ${LLM_KEY}.`, type: 'invalid_request_error' } },
    });
    nockChat({ body: chatCompletion('unused') }); // in case the client retries
    const q2 = await post('clinician', 'radiology-help', `<@${h.ws.botUserId}> how do I burn a cd`);
    await h.ws.waitForMessage({ channel: 'radiology-help', thread_ts: q2.ts, fromBot: true });

    const help = await h.api<{ command: { status: number } }>('/api/test/post', {
      user: 'clinician',
      channel: 'radiology-help',
      text: '/pacs help',
    });
    expect(help.command.status).toBe(200);

    // A forged request signed with a guessed secret, and one with the real secret but a stale timestamp.
    const body = JSON.stringify({ type: 'event_callback', event_id: 'Ev-S6', event: { type: 'app_mention' } });
    for (const [secret, ts] of [
      ['guessed-secret', Math.floor(Date.now() / 1000)],
      [testSigningSecret, Math.floor(Date.now() / 1000) - 3600],
    ] as const) {
      const res = await fetch(`${h.botUrl}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signSlackRequest(secret, body, ts),
        },
        body,
      });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain(testSigningSecret);
    }

    const logs = h.logs();
    // The grep covers the failure paths, where a careless log line would carry a secret.
    expect(logs).toContain('llm_failed');
    expect(logs).toContain('signature_mismatch');
    expect(logs).toContain('signature_outside_window');
    const shown = await everythingSlackShows();
    for (const needle of needles) {
      expect(logs.includes(needle), `log contains ${needle}`).toBe(false);
      expect(shown.includes(needle), `Slack shows ${needle}`).toBe(false);
    }
  });

  it('S6: the signature compare is constant-time (HMAC bytes through crypto.timingSafeEqual, no string compare)', () => {
    const verifier = readFileSync(join(packageRoot, 'src/slack/front/verify-signature.ts'), 'utf8');
    expect(verifier).toMatch(/import \{[^}]*\btimingSafeEqual\b[^}]*\} from 'node:crypto'/);
    expect(verifier).toMatch(/return timingSafeEqual\(given, expected\) \?/);
    expect(verifier).not.toMatch(/digest\(\s*['"]hex['"]\s*\)/); // a hex string would invite === on strings
    // The HTTP front is the only place a Slack request is verified; Bolt's own check (also timingSafeEqual) is off.
    const front = readFileSync(join(packageRoot, 'src/slack/http-front.ts'), 'utf8');
    expect(front).toContain("from './front/verify-signature.js'");
    const slackSources = execFileSync('git', ['grep', '-l', 'x-slack-signature', '--', 'src/slack'], {
      cwd: packageRoot,
      encoding: 'utf8',
    });
    for (const file of slackSources.split('\n').filter(Boolean)) {
      const text = readFileSync(join(packageRoot, file), 'utf8');
      expect(text, file).not.toMatch(/(signature|expected)\S*\s*[!=]==\s*(?!['"]['"])[a-z]/i);
    }
  });

  it('S6: the bot refuses to start with a bot token but no signing secret (there is no unsigned mode)', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(ConfigError);
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('S6: no real-looking Slack token or LLM key is committed, and .env is ignored', () => {
    const pattern =
      'xox[abprs]-[0-9]{8,}-[0-9]{8,}|xapp-1-A[0-9A-Z]{6,}-[0-9]{6,}-[0-9a-f]{32,}|sk-(proj-)?[A-Za-z0-9_-]{40,}';
    const found = spawnSync('git', ['grep', '-I', '-l', '-E', pattern], { cwd: packageRoot, encoding: 'utf8' });
    expect(found.status, found.stderr).toBe(1); // git grep: 1 = no match
    expect(found.stdout).toBe('');
    expect(readFileSync(join(packageRoot, '.gitignore'), 'utf8').split('\n')).toContain('.env');
  });
});
