/** Characters of quoted section text that still read well on a phone. */
export const PHONE_CHARS = 620;

/** How far past the limit a short block may go when the paragraph before it introduces it ("add the following:"). */
const INTRODUCED_SLACK = 220;

const numberedItem = /^\s{0,3}\d+[.)]\s/;
const bulletItem = /^\s{0,3}[-*+]\s/;
// Indented fences too: a code sample inside a list item is indented with the item.
const fence = /^\s*(?:```|~~~)/;
const tableRow = /^\s*\|/;
const introduces = /:$|\bfollowing\b[^\n]{0,80}\.$/i;

/**
 * Trims a section for a phone: drops headings and HTML comments, keeps whole blocks up to `limit`, cuts a bulleted
 * list between items, a table between rows, a code block between lines (closing its fence) and prose at a sentence.
 * A numbered list is never cut in the middle: the answer stops before it, or, when the list is what the section says
 * (nothing much before it), shows it whole even past the limit. A short block that the paragraph before it
 * introduces comes along; an introduction whose block does not fit is dropped rather than left dangling.
 *
 * @example trimSection('Do this:\n\n1. Log out.\n2. Log in.', 20) // 'Do this:\n\n1. Log out.\n2. Log in.'
 */
export function trimSection(text: string, limit = PHONE_CHARS): string {
  return balanceFences(trimBlocks(listBlocks(text), limit));
}

function trimBlocks(blocks: string[], limit: number): string {
  let out = '';
  for (const block of blocks) {
    const next = out ? `${out}\n\n${block}` : block;
    if (next.length <= limit) {
      out = next;
      continue;
    }
    const introduced = out !== '' && introduces.test(out);
    const structured = fence.test(block) || tableRow.test(block) || bulletItem.test(block) || numberedItem.test(block);
    if (introduced && structured && block.length <= INTRODUCED_SLACK && next.length <= limit + INTRODUCED_SLACK)
      return next;
    if (numberedItem.test(block)) {
      if (out.length < limit / 3) return next;
      return ellipsis(dropIntroduction(out));
    }
    if (bulletItem.test(block)) return ellipsis(addItems(out, block, limit));
    if (!out) return cutBlock(block, limit);
    if (fence.test(block) || tableRow.test(block)) {
      // A code block or table that still leaves room for a few lines is cut inside; otherwise the answer stops.
      const room = limit - out.length - 2;
      const part = room > 120 ? cutBlock(block, room) : '';
      if (part && part.length <= room) return `${out}\n\n${part}`;
    }
    return ellipsis(dropIntroduction(out));
  }
  // A page's figure is not quoted: "… is shown below:" at the very end introduces nothing.
  return dropIntroduction(out);
}

/** A section the chunker split inside a code sample can leave one fence open: close it. */
function balanceFences(out: string): string {
  const fences = out.split('\n').filter((line) => fence.test(line)).length;
  return fences % 2 === 1 ? `${out}\n\`\`\`` : out;
}

/** Paragraphs (a fenced code block whole, blank lines and all), one numbered list (loose or tight) as one block. */
function listBlocks(text: string): string[] {
  const paragraphs = splitParagraphs(plainMarkdown(text))
    .map((p) => p.replace(/\s+$/, ''))
    .filter((p) => p.trim() && !/^#{1,6}\s/.test(p.trim()) && !/^>\s*\*\*Template\*\*/.test(p.trim()));
  const blocks: string[] = [];
  for (const paragraph of paragraphs) {
    const last = blocks[blocks.length - 1];
    // A loose list's next item, or an indented continuation of an item, belongs to the list above it.
    if (last && numberedItem.test(last) && (numberedItem.test(paragraph) || /^\s{2,}\S/.test(paragraph)))
      blocks[blocks.length - 1] = `${last}\n\n${paragraph}`;
    else blocks.push(paragraph);
  }
  return blocks;
}

/**
 * Comments (a lone opener hides the rest), link reference definitions (Slack cannot resolve them, so a reference
 * link keeps only its text) and bare list markers are not for the reader.
 */
function plainMarkdown(text: string): string {
  return text
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/^\s{0,3}\[[^\]\n]+\]:\s*\S.*$/gm, '')
    .replace(/\[([^\]\n]+)\]\[[^\]\n]*\]/g, '$1')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s*$/gm, '');
}

/** Splits at blank lines and around fenced code blocks, never inside one (config samples often hold blank lines). */
function splitParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  let inFence = false;
  const flush = () => {
    if (current.length) paragraphs.push(current.join('\n'));
    current = [];
  };
  for (const line of text.split('\n')) {
    if (fence.test(line)) {
      if (!inFence) flush();
      current.push(line);
      inFence = !inFence;
      if (!inFence) flush();
    } else if (!inFence && line.trim() === '') flush();
    else current.push(line);
  }
  if (current.length) paragraphs.push(current.join('\n'));
  return paragraphs;
}

function addItems(out: string, list: string, limit: number): string {
  let result = out;
  for (const item of list.split(/\n(?=\s{0,3}[-*+]\s)/)) {
    const next = result ? `${result}${result === out ? '\n\n' : '\n'}${item}` : item;
    if (next.length > limit) break;
    result = next;
  }
  return result || cutBlock(list, limit);
}

/** "Client side, this is configured via:" means nothing once what it introduces is cut. */
function dropIntroduction(out: string): string {
  const cut = out.lastIndexOf('\n\n');
  if (cut < 0 || !introduces.test(out)) return out;
  return out.slice(0, cut);
}

function ellipsis(out: string): string {
  // A closing fence or a table row must stay alone on its line to stay Markdown.
  if (/```$|~~~$|\|$/.test(out)) return out;
  return /[.!?:)]$/.test(out) ? out : `${out}…`;
}

function cutBlock(block: string, limit: number): string {
  if (fence.test(block)) {
    const marker = block.trimStart().startsWith('~~~') ? '~~~' : '```';
    const body = block.slice(0, Math.max(limit - 4, 0)).replace(/\n[^\n]*$/, '');
    return `${body.replace(/\n\s*(?:```|~~~)\s*$/, '')}\n${marker}`;
  }
  if (tableRow.test(block)) {
    const rows = block.split('\n');
    let kept = rows.slice(0, 2).join('\n');
    for (const row of rows.slice(2)) {
      if (kept.length + row.length + 1 > limit) break;
      kept += `\n${row}`;
    }
    return kept;
  }
  return cutAtSentence(block, limit);
}

function cutAtSentence(paragraph: string, limit: number): string {
  const slice = paragraph.slice(0, limit);
  const end = Math.max(
    slice.lastIndexOf('. '),
    slice.lastIndexOf('.\n'),
    slice.lastIndexOf('! '),
    slice.lastIndexOf('? '),
  );
  if (end > limit / 3) return slice.slice(0, end + 1);
  return `${slice.replace(/\s+\S*$/, '')}…`;
}
