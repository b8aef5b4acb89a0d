import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BotError, ErrorCode } from '../core/errors.js';

/** A versioned prompt from `prompts/<id>.md`: YAML front matter (id, version, variables) + body. */
export interface Prompt {
  id: string;
  version: number;
  variables: string[];
  body: string;
}

export function loadPrompt(dir: string, id: string): Prompt {
  const raw = readFileSync(join(dir, `${id}.md`), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(raw);
  if (!match) throw new BotError(ErrorCode.ConfigInvalid, `prompt ${id} has no front matter`);
  const meta = parseYaml(match[1] ?? '') as Partial<Prompt>;
  if (meta.id !== id || typeof meta.version !== 'number') {
    throw new BotError(ErrorCode.ConfigInvalid, `prompt ${id} front matter needs id: ${id} and a numeric version`);
  }
  const variables = meta.variables ?? [];
  const body = (match[2] ?? '').trim();
  for (const name of variables) {
    if (!body.includes(`{{${name}}}`)) {
      throw new BotError(ErrorCode.ConfigInvalid, `prompt ${id} declares {{${name}}} but never uses it`);
    }
  }
  return { id, version: meta.version, variables, body };
}

/** Fills `{{name}}` placeholders; every declared variable must be given, and nothing else is replaced. */
export function renderPrompt(prompt: Prompt, values: Record<string, string>): string {
  let out = prompt.body;
  for (const name of prompt.variables) {
    const value = values[name];
    if (value === undefined) throw new BotError(ErrorCode.Internal, `prompt ${prompt.id} needs {{${name}}}`);
    out = out.split(`{{${name}}}`).join(value);
  }
  return out;
}
