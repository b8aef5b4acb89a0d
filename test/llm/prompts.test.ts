import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { loadPrompt, renderPrompt } from '../../src/llm/prompts.js';

describe('prompts', () => {
  it('loads the versioned answer prompt and renders its variables', () => {
    const prompt = loadPrompt(join(packageRoot, 'prompts'), 'kb-answer');
    expect(prompt).toMatchObject({ id: 'kb-answer', version: 3, variables: ['passages', 'no_answer'] });
    const text = renderPrompt(prompt, { passages: '[1] A (a.md)\n"""\nbody\n"""', no_answer: 'NO_ANSWER' });
    expect(text).toContain('<passages>\n[1] A (a.md)');
    expect(text).toContain('reply with exactly NO_ANSWER');
    expect(text).not.toMatch(/\{\{\w+\}\}/);
  });

  it('L4: every prompt holds no secret, no URL, no system name and no authorisation rule', () => {
    const dir = join(packageRoot, 'prompts');
    const ids = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3));
    expect(ids).toContain('kb-answer');
    for (const id of ids) {
      const body = loadPrompt(dir, id).body;
      // Keys and tokens, URLs (with or without credentials), hosts and AE titles.
      expect(body).not.toMatch(/xox[abpe]-|xapp-|sk-[a-z0-9]|bearer |api[_ -]?key|secret|password\s*[:=]/i);
      expect(body).not.toMatch(
        /https?:\/\/|www\.|\b[a-z0-9-]+\.(?:org|com|net|local|internal)\b|\b\d{1,3}(?:\.\d{1,3}){3}\b/i,
      );
      // Who may do what is decided in code (roles, user groups), never told to the model.
      expect(body).not.toMatch(
        /\b(?:admins?|associates? only|roles?|usergroups?|permissions?|allowed to|authori[sz]ed)\b/i,
      );
    }
  });

  it('rejects a prompt whose declared variable is unused, or whose id does not match', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prompts-'));
    writeFileSync(join(dir, 'p.md'), '---\nid: p\nversion: 1\nvariables: [x]\n---\nno placeholder here');
    expect(() => loadPrompt(dir, 'p')).toThrow(/declares \{\{x\}\} but never uses it/);
    writeFileSync(join(dir, 'q.md'), '---\nid: other\nversion: 1\n---\nbody');
    expect(() => loadPrompt(dir, 'q')).toThrow(/needs id: q/);
  });

  it('refuses to render with a missing variable', () => {
    const prompt = loadPrompt(join(packageRoot, 'prompts'), 'kb-answer');
    expect(() => renderPrompt(prompt, { passages: 'x' })).toThrow(/needs \{\{no_answer\}\}/);
  });
});
