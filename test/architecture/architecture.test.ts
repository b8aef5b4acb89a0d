import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Facts, type RuleName, rules, staleAllowances } from './rules.js';
import { collectFacts } from './source-facts.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Every `src/**` TypeScript file, repo-relative with forward slashes, read as it is on disk now. */
function sourceTree(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(join(repo, 'src'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.[mc]?ts$/.test(entry.name)) continue;
    const path = relative(repo, join(entry.parentPath, entry.name)).split(sep).join(posix.sep);
    files[path] = readFileSync(join(repo, path), 'utf8');
  }
  return files;
}

let files: Record<string, string>;
let facts: Facts;

beforeAll(() => {
  files = sourceTree();
  facts = collectFacts(files);
});

const why: Record<RuleName, string> = {
  domainKnowsNoSlack:
    'domain folders (core, kb, llm, answers, tickets, pacs, audit, feedback, state, db, config) import no src/slack/ and no @slack/*',
  slackPackagesOnlyInSlack: 'only src/slack/ imports @slack/bolt; other @slack/* outside it only at the listed sites',
  openAiOnlyInLlm: 'nothing outside src/llm/ imports openai or @langchain/openai',
  driversOnlyWhereAllowed: 'database and cache drivers only at the listed places',
  coreIsTheBottomLayer: 'src/core/ imports nothing from the rest of src/',
  envOnlyInConfig: 'only src/config reads process.env; the listed sites hand it on whole',
  dynamicImportsAreLiteral: 'every dynamic import names its module with a string literal',
};

describe('architecture (imports of src/, read with the TypeScript parser)', () => {
  it('sees the whole tree: every file parsed, and the imports it must see are there', () => {
    expect([...facts.keys()].sort()).toEqual(Object.keys(files).sort());
    expect(Object.keys(files).length).toBeGreaterThan(100);
    const specifiers = (folder: string) =>
      [...facts].filter(([f]) => f.startsWith(folder)).flatMap(([, x]) => x.imports.map((i) => i.specifier));
    expect(specifiers('src/slack/')).toContain('@slack/bolt');
    expect(specifiers('src/llm/')).toContain('openai');
    expect(facts.get('src/config.ts')?.envReads.length).toBeGreaterThan(0);
  });

  for (const name of Object.keys(why) as RuleName[]) {
    it(why[name], () => {
      expect(rules[name](facts), `${name} is broken by:`).toEqual([]);
    });
  }

  it('every allowed exception is still used (a stale one would quietly let the next file in)', () => {
    expect(staleAllowances(facts)).toEqual([]);
  });
});
