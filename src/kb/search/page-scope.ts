import type { KbChunk, PageScope } from '../types.js';

/** `ed`, `/ed/`, `.\ed` → `ed/`: a folder of the KB as the prefix of its pages' sources. */
function folderPrefix(folder: string): string {
  const path = folder
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/|\/)+/, '')
    .replace(/\/+$/, '');
  return path === '' || path === '.' ? '' : `${path}/`;
}

const lowerSet = (values: readonly string[] | undefined) =>
  new Set((values ?? []).map((v) => v.trim().toLowerCase()).filter((v) => v !== ''));

/**
 * Whether a passage is in a scope: its page is under one of the folders, or has one of the tags, or is for one of
 * the audiences (tags and audiences compared without case). Undefined when the scope is the whole KB (no filter).
 * A folder of `.` or `/` is the whole KB too.
 *
 * @example pageScopeFilter({ folders: ['ed'] })?.({ source: 'ed/triage.md', tags: [] } as KbChunk) // true
 */
export function pageScopeFilter(scope: PageScope | undefined): ((chunk: KbChunk) => boolean) | undefined {
  if (!scope) return undefined;
  const prefixes = (scope.folders ?? []).map(folderPrefix);
  if (prefixes.includes('')) return undefined;
  const tags = lowerSet(scope.tags);
  const audience = lowerSet(scope.audience);
  if (prefixes.length === 0 && tags.size === 0 && audience.size === 0) return undefined;
  return (chunk) =>
    prefixes.some((prefix) => chunk.source.startsWith(prefix)) ||
    chunk.tags.some((tag) => tags.has(tag.toLowerCase())) ||
    (chunk.audience ?? []).some((a) => audience.has(a.toLowerCase()));
}
