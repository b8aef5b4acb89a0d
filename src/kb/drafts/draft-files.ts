import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DRAFTS_FOLDER } from '../ingest/load-document.js';
import type { DraftArticle } from './draft-article.js';

/** Drafts live here, under KB_DIR, and are never indexed (see `isSupported`); published ones move to `answers/`. */
export const DraftFolder = { Drafts: DRAFTS_FOLDER, Published: 'answers' } as const;

export interface DraftMeta {
  /** `ticket PACS-12` */
  source: string;
  draftedBy: string;
  draftedAt: string;
}

export interface StoredDraft extends DraftArticle, DraftMeta {
  slug: string;
}

const BLOCK = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A file name from the title: lower-case words joined by dashes, at most 60 characters. */
export function slugFor(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return slug || 'answer';
}

/** Only slugs we made: a button value naming `../x` must not reach the file system. */
export function isSlug(value: string): boolean {
  return SLUG.test(value) && value.length <= 70;
}

function body(article: DraftArticle): string {
  return `# ${article.title}\n\n## Question\n\n${article.question}\n\n## Answer\n\n${article.answer}\n`;
}

/** Writes `<folder>/<slug>.md`, adding -2, -3… to the slug when taken; never overwrites. Returns the slug used. */
async function writeUnique(dir: string, slug: string, text: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? slug : `${slug}-${n}`;
    try {
      await writeFile(join(dir, `${candidate}.md`), text, { flag: 'wx' });
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Saves a draft as Markdown with front matter into `KB_DIR/drafts/`; returns its slug. */
export function writeDraft(kbDir: string, article: DraftArticle, meta: DraftMeta): Promise<string> {
  const front = {
    title: article.title,
    tags: article.tags,
    question: article.question,
    source: meta.source,
    drafted_by: meta.draftedBy,
    drafted_at: meta.draftedAt,
  };
  const text = `---\n${stringify(front).trimEnd()}\n---\n\n${body(article)}`;
  return writeUnique(join(kbDir, DraftFolder.Drafts), slugFor(article.title), text);
}

function parseDraft(slug: string, text: string): StoredDraft {
  const match = BLOCK.exec(text);
  const front = (match ? parse(match[1] ?? '') : {}) as Record<string, unknown>;
  const rest = match ? text.slice(match[0].length) : text;
  const answer = /## Answer\n\n([\s\S]*)$/.exec(rest)?.[1]?.trim() ?? '';
  const str = (key: string) => (typeof front[key] === 'string' ? (front[key] as string) : '');
  return {
    slug,
    title: str('title') || slug,
    question: str('question'),
    answer,
    tags: Array.isArray(front.tags) ? front.tags.map(String) : [],
    source: str('source'),
    draftedBy: str('drafted_by'),
    draftedAt: str('drafted_at'),
  };
}

/** The draft named `slug`, or undefined when there is none (already published or discarded). */
export async function readDraft(kbDir: string, slug: string): Promise<StoredDraft | undefined> {
  if (!isSlug(slug)) return undefined;
  const text = await readFile(join(kbDir, DraftFolder.Drafts, `${slug}.md`), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseDraft(slug, text);
}

/** Every draft waiting for a KB owner, oldest first. */
export async function listDrafts(kbDir: string): Promise<StoredDraft[]> {
  const names = await readdir(join(kbDir, DraftFolder.Drafts)).catch(() => [] as string[]);
  const slugs = names.filter((n) => n.endsWith('.md')).map((n) => n.slice(0, -3));
  const drafts = await Promise.all(slugs.map((slug) => readDraft(kbDir, slug)));
  return drafts
    .filter((d): d is StoredDraft => d !== undefined)
    .sort((a, b) => a.draftedAt.localeCompare(b.draftedAt) || a.slug.localeCompare(b.slug));
}

/**
 * Moves a draft into `KB_DIR/answers/` (never over an existing page) without the draft-only front matter
 * (question, drafted_by, drafted_at). Returns the page's KB source (`answers/<slug>.md`), or undefined when
 * the draft is gone.
 */
export async function publishDraft(kbDir: string, slug: string): Promise<string | undefined> {
  const draft = await readDraft(kbDir, slug);
  if (!draft) return undefined;
  const front = { title: draft.title, tags: draft.tags, source: draft.source };
  const text = `---\n${stringify(front).trimEnd()}\n---\n\n${body(draft)}`;
  const published = await writeUnique(join(kbDir, DraftFolder.Published), slug, text);
  await unlink(join(kbDir, DraftFolder.Drafts, `${slug}.md`));
  return `${DraftFolder.Published}/${published}.md`;
}

/** Deletes a draft; false when it was already gone. */
export async function discardDraft(kbDir: string, slug: string): Promise<boolean> {
  if (!isSlug(slug)) return false;
  return unlink(join(kbDir, DraftFolder.Drafts, `${slug}.md`)).then(
    () => true,
    () => false,
  );
}
