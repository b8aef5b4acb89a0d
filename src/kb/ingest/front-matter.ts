import { parse } from 'yaml';

/** The front matter keys the KB understands; anything else is ignored. */
export interface FrontMatter {
  title?: string;
  tags: string[];
  owner?: string;
  /** Who the page is for, as written; several are comma-separated (a YAML list is joined the same way). */
  audience?: string;
  url?: string;
  /** `trusted: true` (the KB owner vouches for its links and e-mail addresses); anything else is untrusted. */
  trusted?: boolean;
}

const BLOCK = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

function optionalString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A front matter list: a YAML list or a comma-separated string. */
export function toTags(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((tag) => String(tag).trim()).filter((tag) => tag !== '');
  if (typeof value === 'string')
    return value
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '');
  return [];
}

/**
 * Splits a leading YAML front matter block (`---` … `---`) from a Markdown/text document.
 * Invalid YAML is dropped rather than failing the document: the body is still worth indexing.
 *
 * @example parseFrontMatter('---\ntitle: Viewer\n---\n# Hi').data.title // 'Viewer'
 */
export function parseFrontMatter(text: string): { data: FrontMatter; body: string } {
  const match = BLOCK.exec(text);
  if (!match) return { data: { tags: [] }, body: text.replace(/^\uFEFF/, '') };
  const body = text.slice(match[0].length);
  let raw: unknown;
  try {
    raw = parse(match[1] ?? '');
  } catch {
    return { data: { tags: [] }, body };
  }
  const record = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const data: FrontMatter = { tags: toTags(record.tags) };
  const title = optionalString(record.title);
  const owner = optionalString(record.owner);
  const audience = Array.isArray(record.audience)
    ? optionalString(toTags(record.audience).join(', '))
    : optionalString(record.audience);
  const url = optionalString(record.url);
  if (title !== undefined) data.title = title;
  if (owner !== undefined) data.owner = owner;
  if (audience !== undefined) data.audience = audience;
  if (url !== undefined) data.url = url;
  if (record.trusted === true || record.trusted === 'true') data.trusted = true;
  return { data, body };
}
