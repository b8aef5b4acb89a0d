import { join } from 'node:path';
import { loadCliConfig } from '../../cli/cli-config.js';
import type { CliIo } from '../../cli/io.js';
import { DraftFolder, listDrafts, type StoredDraft } from './draft-files.js';

export interface KbDraftsArgs {
  json: boolean;
  /** `--kb DIR`, else KB_DIR. */
  kbDir?: string;
}

/** One draft as `kb drafts --json` prints it (the answer text stays in the file). */
function toJson(draft: StoredDraft) {
  return {
    slug: draft.slug,
    path: join(DraftFolder.Drafts, `${draft.slug}.md`),
    title: draft.title,
    tags: draft.tags,
    question: draft.question,
    source: draft.source,
    draftedBy: draft.draftedBy,
    draftedAt: draft.draftedAt,
  };
}

const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** `pacs-desk kb drafts [--kb DIR] [--json]`: answers drafted from tickets, waiting for a KB owner. */
export async function runKbDrafts(io: CliIo, args: KbDraftsArgs): Promise<number> {
  const config = loadCliConfig(io, { ...(args.kbDir ? { KB_DIR: args.kbDir } : {}), KB_WATCH: 'false' });
  const drafts = await listDrafts(config.kb.dir);
  if (args.json) {
    io.stdout(`${JSON.stringify(drafts.map(toJson))}\n`);
    return 0;
  }
  if (drafts.length === 0) {
    io.stdout('No drafts waiting for a KB owner.\n');
    return 0;
  }
  const lines = [`${'DRAFTED'.padEnd(18)}${'BY'.padEnd(12)}${'SOURCE'.padEnd(18)}TITLE (drafts/<slug>.md)`];
  for (const d of drafts)
    lines.push(
      `${d.draftedAt.slice(0, 16).replace('T', ' ').padEnd(18)}${cut(d.draftedBy, 11).padEnd(12)}${cut(d.source, 17).padEnd(18)}${cut(d.title, 60)} (${d.slug})`,
    );
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
