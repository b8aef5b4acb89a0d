import { basename, extname } from 'node:path';
import type { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { LoadedDocument } from '../ingest/loaded-document.js';
import type { KbChunk } from '../types.js';
import { flagInstructionLike } from './flag-instructions.js';
import { repairFences } from './repair-fences.js';
import { classifySection } from './section-role.js';
import { type Section, splitSections } from './sections.js';

/** Characters per chunk: big enough for a whole FAQ answer, small enough to cite one section. */
export const CHUNK_SIZE = 1200;
export const CHUNK_OVERLAP = 120;

let splitter: Promise<RecursiveCharacterTextSplitter> | undefined;

/**
 * The splitter, imported on the first long section: @langchain/textsplitters costs several hundred ms to load, and a
 * start served from the index cache never chunks anything. Paragraphs first, then lines, then sentences: a code
 * block is cut between lines, never inside one.
 */
function getSplitter(): Promise<RecursiveCharacterTextSplitter> {
  splitter ??= import('@langchain/textsplitters').then(
    ({ RecursiveCharacterTextSplitter }) =>
      new RecursiveCharacterTextSplitter({
        chunkSize: CHUNK_SIZE,
        chunkOverlap: CHUNK_OVERLAP,
        separators: ['\n\n', '\n', '. ', ' ', ''],
      }),
  );
  return splitter;
}

/**
 * Cuts a loaded document into citable chunks along its headings; long sections are split by size with overlap.
 * `source` is the path relative to the KB folder with forward slashes.
 *
 * @example await chunkDocument({ markdown: '# Ports\nUse 104', tags: [], structured: true }, 'faq/ports.md')
 */
export async function chunkDocument(doc: LoadedDocument, source: string): Promise<KbChunk[]> {
  const parsed: { sections: Section[]; firstH1?: string } = doc.structured
    ? splitSections(doc.markdown)
    : { sections: [{ heading: '', headingPath: [], anchor: '', body: doc.markdown.trim() }] };
  const title = doc.title ?? parsed.firstH1 ?? basename(source, extname(source));
  const chunks: KbChunk[] = [];
  for (const section of parsed.sections) {
    // The role is read from the whole section, so every part of a long section has the same one.
    const role = classifySection(section.heading, section.body);
    const parts =
      section.body.length <= CHUNK_SIZE
        ? [section.body]
        : repairFences(section.body, await (await getSplitter()).splitText(section.body));
    parts.forEach((text, index) => {
      const id = `${source}#${section.anchor}${index > 0 ? `~${index}` : ''}`;
      const chunk: KbChunk = {
        id,
        source,
        title,
        heading: section.heading,
        headingPath: section.headingPath,
        anchor: section.anchor,
        text,
        tags: doc.tags,
        role,
      };
      if (doc.url !== undefined) chunk.url = doc.url;
      if (doc.trusted) chunk.trusted = true;
      if (doc.audience) chunk.audience = doc.audience;
      const flagged = flagInstructionLike(text);
      if (flagged) chunk.flagged = flagged;
      chunks.push(chunk);
    });
  }
  return chunks;
}
