import { posix } from 'node:path';
import {
  allowedAt,
  domainFolders,
  driverImporters,
  envHandOffs,
  isDriverImport,
  matches,
  slackPackagesOutsideSlack,
} from './allowed.js';
import type { ImportFact, SourceFacts } from './source-facts.js';

/** Facts per repo-relative path (`src/kb/search.ts`). */
export type Facts = ReadonlyMap<string, SourceFacts>;

interface Edge extends ImportFact {
  file: string;
  /** For a relative import, the repo-relative path it points at (`src/slack/ids.js`); else undefined. */
  target: string | undefined;
}

function edges(facts: Facts): Edge[] {
  return [...facts].flatMap(([file, { imports }]) =>
    imports.map((fact) => {
      const relative = fact.specifier?.startsWith('.');
      const target = relative ? posix.normalize(posix.join(posix.dirname(file), fact.specifier ?? '')) : undefined;
      return { ...fact, file, target };
    }),
  );
}

const shown = (e: Edge) => `${e.file}:${e.line} ${e.kind} '${e.specifier ?? '<not a literal>'}'`;
const inFolder = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);
const isSlackPackage = (specifier: string) => specifier.startsWith('@slack/');
const isOpenAi = (specifier: string) => /^(openai|@langchain\/openai)(\/|$)/.test(specifier);

/** Each rule returns its violations, one readable line each; an empty list is a pass. */
export const rules = {
  /** Domain folders never import `src/slack/**` or any `@slack/*` package. */
  domainKnowsNoSlack: (facts: Facts) =>
    edges(facts)
      .filter((e) => domainFolders.some((folder) => matches(e.file, folder)))
      .filter((e) => (e.target ? inFolder(e.target, 'src/slack') : isSlackPackage(e.specifier ?? '')))
      .map((e) => `${shown(e)}: domain code must not know about Slack`),

  /** Bolt only in `src/slack/**`; other `@slack/*` packages there too, or at a listed site. */
  slackPackagesOnlyInSlack: (facts: Facts) =>
    edges(facts)
      .filter((e) => isSlackPackage(e.specifier ?? '') && !inFolder(e.file, 'src/slack'))
      .filter((e) => e.specifier === '@slack/bolt' || !allowedAt(e.file, slackPackagesOutsideSlack))
      .map((e) => `${shown(e)}: Slack packages belong in src/slack/`),

  /** `openai` and `@langchain/openai` only in `src/llm/**`. */
  openAiOnlyInLlm: (facts: Facts) =>
    edges(facts)
      .filter((e) => isOpenAi(e.specifier ?? '') && !inFolder(e.file, 'src/llm'))
      .map((e) => `${shown(e)}: only src/llm/ talks to OpenAI`),

  /** Database and cache drivers only at the listed places. */
  driversOnlyWhereAllowed: (facts: Facts) =>
    edges(facts)
      .filter((e) => e.specifier !== undefined && isDriverImport(e.specifier, e.names))
      .filter((e) => !allowedAt(e.file, driverImporters))
      .map((e) => `${shown(e)}${e.names.length ? ` {${e.names.join(', ')}}` : ''}: a database driver here`),

  /** `src/core/**` is the bottom layer: it imports nothing from the rest of `src/`. */
  coreIsTheBottomLayer: (facts: Facts) =>
    edges(facts)
      .filter((e) => inFolder(e.file, 'src/core') && e.target && !inFolder(e.target, 'src/core'))
      .map((e) => `${shown(e)}: src/core/ must not depend on ${e.target}`),

  /** Only the configuration code reads `process.env`; the listed sites may hand the whole object to it. */
  envOnlyInConfig: (facts: Facts) =>
    [...facts]
      .filter(([file]) => file !== 'src/config.ts' && !inFolder(file, 'src/config'))
      .flatMap(([file, { envReads }]) =>
        envReads
          .filter(({ use }) => !envHandOffs.some((h) => h.path === file && h.use === use))
          .map(({ line, use }) => `${file}:${line} process.env (${use}): only src/config reads the environment`),
      ),

  /** Every dynamic import names its module literally, so that the rules above can see it. */
  dynamicImportsAreLiteral: (facts: Facts) =>
    edges(facts)
      .filter((e) => e.specifier === undefined)
      .map((e) => `${shown(e)}: write the module name as a string literal`),
} as const;

export type RuleName = keyof typeof rules;

/** Allow-list entries that match no file any more: a stale exception would quietly allow the next newcomer. */
export function staleAllowances(facts: Facts): string[] {
  const all = edges(facts);
  const used = (path: string, pick: (e: Edge) => boolean) => all.some((e) => matches(e.file, path) && pick(e));
  const stale = [
    ...slackPackagesOutsideSlack.filter((a) => !used(a.path, (e) => isSlackPackage(e.specifier ?? ''))),
    ...driverImporters.filter((a) => !used(a.path, (e) => !!e.specifier && isDriverImport(e.specifier, e.names))),
    ...envHandOffs.filter((a) => !facts.get(a.path)?.envReads.some((r) => r.use === a.use)),
  ];
  return stale.map((a) => `${a.path}: allowed (${a.reason}) but no longer needed`);
}
