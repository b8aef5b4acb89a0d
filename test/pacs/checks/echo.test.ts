import { describe, expect, it } from 'vitest';
import { echoAlias, echoCheck } from '../../../src/pacs/checks/echo.js';
import { fakeConnector, fakeContext, siteConfig } from './fakes.js';

const aliases = [
  { alias: 'storescp', via: 'pacs' as const, pacsName: 'storescp', description: 'Test SCP' },
  { alias: 'offline', via: 'direct' as const, host: 'gw.internal.example', port: 104, aet: 'OFFLINE' },
];

function setup() {
  const main = fakeConnector(siteConfig('main', aliases), {
    echo: async (alias) => (alias.alias === 'offline' ? { ok: false, ms: 2, cause: 'refused' } : { ok: true, ms: 90 }),
  });
  const east = fakeConnector(siteConfig('east', []));
  return { main, east, ctx: fakeContext([main, east]) };
}

describe('echo check', () => {
  it('echoes a configured alias and adds its description, without host or port', async () => {
    const { main, ctx } = setup();
    expect(await echoAlias(ctx, { alias: 'storescp' })).toEqual({
      ok: true,
      ms: 90,
      site: 'main',
      alias: 'storescp',
      via: 'pacs',
      description: 'Test SCP',
    });
    const failed = await echoAlias(ctx, { alias: 'OFFLINE' });
    expect(failed).toMatchObject({ ok: false, cause: 'refused', alias: 'offline', via: 'direct' });
    expect(JSON.stringify(failed)).not.toMatch(/gw\.internal|104/);
    expect(main.calls.echo).toEqual(['storescp', 'offline']);
  });

  // Checklist B9: no SSRF, no port scanning.
  it.each(['10.0.0.1:22', 'localhost:6379', 'evil.example.com 104', 'gw.internal.example', 'nope'])(
    'refuses %j at parse time without calling the connector',
    async (text) => {
      const { main, ctx } = setup();
      const parsed = echoCheck.parse(text, ctx);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(['unknown_alias', 'unknown_site']).toContain(parsed.reason);
      expect(main.calls.echo).toEqual([]);
    },
  );

  it('refuses a hand-built alias at run time too', async () => {
    const { main, ctx } = setup();
    expect(await echoCheck.run(ctx, { alias: '10.0.0.1' })).toMatchObject({ ok: false, cause: 'unknown_alias' });
    await expect(echoCheck.run(ctx, { alias: 'storescp', site: 'nowhere' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(main.calls.echo).toEqual([]);
  });

  it('turns a throwing connector into a host-free failure', async () => {
    const main = fakeConnector(siteConfig('main', aliases), {
      echo: async () => {
        throw new Error('connect ETIMEDOUT gw.internal.example:104');
      },
    });
    const result = await echoAlias(fakeContext([main]), { alias: 'offline' });
    expect(result).toMatchObject({ ok: false, cause: 'other', alias: 'offline' });
    expect(JSON.stringify(result)).not.toContain('internal');
  });

  it('parses ALIAS [site]', () => {
    const { ctx } = setup();
    expect(echoCheck.parse('storescp', ctx)).toEqual({ ok: true, value: { alias: 'storescp', site: 'main' } });
    expect(echoCheck.parse('storescp east', ctx)).toMatchObject({ ok: false, reason: 'unknown_alias' });
  });
});
