/** Characters of quoted section text that still read well on a phone. */
export const PHONE_CHARS = 620;

const numberedItem = /^\s{0,3}\d+[.)]\s/;
const bulletItem = /^\s{0,3}[-*+]\s/;

/**
 * Trims a section for a phone: drops headings and HTML comments, keeps whole blocks up to `limit`, cuts a bulleted
 * list between items and prose at a sentence. A numbered list is never cut in the middle: the answer stops before
 * it, or, when the list is what the section says (nothing much before it), shows it whole even past the limit.
 *
 * @example trimSection('Do this:\n\n1. Log out.\n2. Log in.', 20) // 'Do this:\n\n1. Log out.\n2. Log in.'
 */
export function trimSection(text: string, limit = PHONE_CHARS): string {
  const blocks = listBlocks(text);
  let out = '';
  for (const block of blocks) {
    const next = out ? `${out}\n\n${block}` : block;
    if (next.length <= limit) {
      out = next;
      continue;
    }
    if (numberedItem.test(block)) {
      if (out.length < limit / 3) return next;
      return ellipsis(out);
    }
    if (bulletItem.test(block)) return ellipsis(addItems(out, block, limit));
    if (!out) return cutAtSentence(block, limit);
    return ellipsis(out);
  }
  return out;
}

/** Paragraphs, with the items of one numbered list (loose or tight) kept together as one block. */
function listBlocks(text: string): string[] {
  const paragraphs = text
    .replace(/<!--[\s\S]*?-->/g, '')
    .split(/\n{2,}/)
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

function addItems(out: string, list: string, limit: number): string {
  let result = out;
  for (const item of list.split(/\n(?=\s{0,3}[-*+]\s)/)) {
    const next = result ? `${result}${result === out ? '\n\n' : '\n'}${item}` : item;
    if (next.length > limit) break;
    result = next;
  }
  return result || cutAtSentence(list, limit);
}

function ellipsis(out: string): string {
  return /[.!?:)]$/.test(out) ? out : `${out}…`;
}

function cutAtSentence(paragraph: string, limit: number): string {
  if (/^```/.test(paragraph)) return `${paragraph.slice(0, limit).replace(/\n[^\n]*$/, '')}\n\`\`\``;
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
