import { createSlugger } from './slugify.js';

/** A run of Markdown between two headings. */
export interface Section {
  heading: string;
  headingPath: string[];
  anchor: string;
  body: string;
}

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Heading text as a reader sees it: without links, emphasis and code ticks. */
export function cleanHeading(raw: string): string {
  return raw
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .replace(/\\(.)/g, '$1')
    .trim();
}

/**
 * Splits Markdown at ATX headings (`#` … `######`), ignoring `#` lines inside code fences, and records each
 * section's heading path and GitHub anchor. The first H1 is returned separately as a title candidate.
 *
 * @example splitSections('# A\ntext\n## B\nmore').sections[1]?.headingPath // ['A', 'B']
 */
export function splitSections(markdown: string): { sections: Section[]; firstH1?: string } {
  const slug = createSlugger();
  const sections: Section[] = [];
  const path: { level: number; text: string }[] = [];
  let current: Section = { heading: '', headingPath: [], anchor: '', body: '' };
  let lines: string[] = [];
  let fence: string | undefined;
  let firstH1: string | undefined;
  const flush = () => {
    current.body = lines.join('\n').trim();
    if (current.body !== '') sections.push(current);
    lines = [];
  };
  for (const line of markdown.split('\n')) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    }
    const heading = fence === undefined ? ATX.exec(line) : null;
    if (!heading) {
      lines.push(line);
      continue;
    }
    flush();
    const level = heading[1]?.length ?? 1;
    const text = cleanHeading(heading[2] ?? '');
    if (level === 1 && firstH1 === undefined) firstH1 = text;
    while (path.length > 0 && (path[path.length - 1]?.level ?? 0) >= level) path.pop();
    path.push({ level, text });
    current = { heading: text, headingPath: path.map((p) => p.text), anchor: slug(text), body: '' };
  }
  flush();
  return firstH1 === undefined ? { sections } : { sections, firstH1 };
}
