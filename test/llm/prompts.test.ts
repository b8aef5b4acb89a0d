import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { loadPrompt, renderPrompt } from '../../src/llm/prompts.js';

describe('prompts', () => {
  it('loads the versioned answer prompt and renders its variables', () => {
    const prompt = loadPrompt(join(packageRoot, 'prompts'), 'kb-answer');
    expect(prompt).toMatchObject({ id: 'kb-answer', version: 2, variables: ['passages', 'no_answer'] });
    const text = renderPrompt(prompt, { passages: '[1] A (a.md)\n"""\nbody\n"""', no_answer: 'NO_ANSWER' });
    expect(text).toContain('<passages>\n[1] A (a.md)');
    expect(text).toContain('reply with exactly NO_ANSWER');
    expect(text).not.toMatch(/\{\{\w+\}\}/);
  });

  it('holds no secrets, credentials or authorisation rules', () => {
    const body = loadPrompt(join(packageRoot, 'prompts'), 'kb-answer').body;
    expect(body).not.toMatch(/xox[bpa]-|sk-|https?:\/\/[^\s]*@|password\s*[:=]/i);
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
