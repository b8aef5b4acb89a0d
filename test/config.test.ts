import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema, loadConfig, readDotEnv } from '../src/config.js';
import { problemsOf } from './config/problems-of.js';

describe('loadConfig', () => {
  it('runs on embedded defaults with no environment at all: local workspace, bundled KB, ./data', () => {
    const config = loadConfig({}, '/srv/desk');
    expect(config.slack.mode).toBe('workspace');
    expect(config.kb.dir).toMatch(/knowledge$/);
    expect(config.dataDir).toBe('/srv/desk/data');
    expect(config.slack.port).toBe(3000);
    expect(config.workspacePort).toBe(3000);
    expect(config.llm).toBeUndefined();
  });

  it('chooses HTTP mode with a bot token and signing secret, Socket Mode with an app token', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack.mode).toBe('http');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack.mode).toBe('socket');
  });

  it('lists every problem at once, each with its fix', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      PORT: 'eighty',
      SLACK_API_URL: 'ftp://slack',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('SLACK_BOT_TOKEN'))).toContain('fix: copy the Bot User OAuth Token');
    expect(problems.find((p) => p.startsWith('PORT'))).toContain('fix:');
    expect(problems.find((p) => p.startsWith('SLACK_API_URL'))).toContain('fix:');
    expect(problems.find((p) => p.startsWith('LOG_LEVEL'))).toContain('fix:');
  });

  it('requires the signing secret in HTTP mode, and refuses half a Slack setup', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })[0]).toMatch(/^SLACK_SIGNING_SECRET: required/);
    expect(problemsOf({ SLACK_SIGNING_SECRET: 'abc' })[0]).toMatch(/^SLACK_BOT_TOKEN: missing/);
  });

  it('turns on the LLM with a key, with an embedding model unless it is "none"', () => {
    const config = loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(config.llm).toMatchObject({ apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-4o-mini' });
    expect(config.llm?.embeddingModel).toBe('text-embedding-3-small');
    expect(loadConfig({ OPENAI_API_KEY: 'k', OPENAI_EMBEDDING_MODEL: 'none' }).llm?.embeddingModel).toBeUndefined();
    expect(problemsOf({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' })[0]).toMatch(/^OPENAI_API_KEY/);
  });

  it('refuses http:// to another host for Slack, the LLM, the helpdesk and PACS sites unless ALLOW_PLAINTEXT_HTTP', () => {
    const env = {
      SLACK_API_URL: 'http://slack-proxy.hospital.example/api/',
      OPENAI_API_KEY: 'k',
      OPENAI_BASE_URL: 'http://llm.hospital.example/v1',
      HELPDESK: 'zendesk',
      ZENDESK_URL: 'http://hospital.zendesk.example',
      ZENDESK_EMAIL: 'bot@hospital.example',
      ZENDESK_API_TOKEN: 't',
      PACS_KIND: 'orthanc',
      PACS_URL: 'http://pacs.hospital.example:8042',
    };
    const problems = problemsOf(env);
    for (const name of ['SLACK_API_URL', 'OPENAI_BASE_URL', 'ZENDESK_URL', 'PACS site'])
      expect(problems.find((p) => p.startsWith(name))).toMatch(
        /http:\/\/ would send data unencrypted .* fix: use https:\/\/, or set ALLOW_PLAINTEXT_HTTP=true/,
      );
    const allowed = loadConfig({ ...env, ALLOW_PLAINTEXT_HTTP: 'true' });
    expect(allowed.plainHttp).toEqual(expect.arrayContaining(['SLACK_API_URL', 'OPENAI_BASE_URL', 'ZENDESK_URL']));
    expect(allowed.plainHttp.some((name) => name.startsWith('PACS site'))).toBe(true);
  });

  it('allows http:// on loopback (a local model server, an Orthanc beside the bot) and https:// anywhere', () => {
    const config = loadConfig({
      OPENAI_API_KEY: 'k',
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      PACS_KIND: 'orthanc',
      PACS_URL: 'http://127.0.0.1:8042',
      SLACK_API_URL: 'http://[::1]:3000/api/',
      HELPDESK: 'zendesk',
      ZENDESK_URL: 'https://hospital.zendesk.example',
      ZENDESK_EMAIL: 'bot@hospital.example',
      ZENDESK_API_TOKEN: 't',
    });
    expect(config.plainHttp).toEqual([]);
  });

  it('documents every variable its schema reads, in the README configuration table and in .env.example', () => {
    const names = Object.keys(envSchema.shape);
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5),
    );
    const example = readFileSync('.env.example', 'utf8');
    expect(names.length).toBeGreaterThan(60);
    expect(names.filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
    expect(names.filter((name) => !new RegExp(`^# ${name}=`, 'm').test(example))).toEqual([]);
  });

  it('reports a KB folder that does not exist', () => {
    expect(problemsOf({ KB_DIR: '/nonexistent/kb' })[0]).toMatch(/^KB_DIR: folder \/nonexistent\/kb does not exist/);
  });

  it('reads .env without overriding the real environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-env-'));
    writeFileSync(join(dir, '.env'), 'PORT=4000\nLOG_LEVEL=debug\n');
    const env = readDotEnv(join(dir, '.env'), { PORT: '5000' });
    expect(env).toMatchObject({ PORT: '5000', LOG_LEVEL: 'debug' });
  });
});
