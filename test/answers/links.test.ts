import { describe, expect, it } from 'vitest';
import { filterLinks, urlsIn } from '../../src/answers/links.js';

describe('filterLinks', () => {
  const allowed = new Set(['https://wiki.example.org/pacs']);

  it('keeps links that came from the knowledge base', () => {
    expect(filterLinks('see [the wiki](https://wiki.example.org/pacs)', allowed)).toBe(
      'see [the wiki](https://wiki.example.org/pacs)',
    );
  });

  it('turns other links, Slack links and images into inert text', () => {
    const out = filterLinks(
      'click [here](https://evil.example/?q=1) or <https://evil.example|this> ![x](https://evil.example/p.png) https://evil.example/z',
      allowed,
    );
    expect(out).not.toMatch(/\]\(https:\/\/evil/);
    expect(out).not.toContain('<https://evil');
    expect(out).toContain('here');
    expect(out).toContain('this');
    expect(out).toContain('`evil.example/z`');
  });

  it('finds URLs in passages', () => {
    expect(urlsIn('a https://a.example/x) and http://b.example')).toEqual(['https://a.example/x', 'http://b.example']);
  });
});
