/**
 * Atlassian Document Format, the rich-text JSON that Jira Cloud REST v3 requires for `description` and
 * comment `body` (a plain string is rejected with 400). We only need paragraphs, hard breaks and text.
 * Reference: https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
 */
export interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
  version?: number;
}

/**
 * Plain text to an ADF document: blank lines separate paragraphs, single newlines become hard breaks.
 * @example adfDoc('Line 1\nLine 2\n\nNext paragraph')
 */
export function adfDoc(text: string): AdfNode {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.length > 0)
    .map((lines): AdfNode => {
      const content: AdfNode[] = [];
      lines.forEach((line, index) => {
        if (index > 0) content.push({ type: 'hardBreak' });
        content.push({ type: 'text', text: line });
      });
      return { type: 'paragraph', content };
    });
  // An empty doc is valid ADF, but an empty text node is not.
  return { type: 'doc', version: 1, content: paragraphs };
}

/** All text in an ADF tree, concatenated: enough to find our idempotency marker in a comment. */
export function adfText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const { text, content } = node as AdfNode;
  const own = typeof text === 'string' ? text : '';
  return Array.isArray(content) ? own + content.map(adfText).join('\n') : own;
}
