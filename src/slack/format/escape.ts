/**
 * Slack treats `&`, `<` and `>` as control characters: `<!channel>`, `<@U123>` and `<https://x|y>` only
 * exist when those characters arrive unescaped. Everything user- or KB-derived goes through here.
 * Plain `@channel` text is also broken with a zero-width joiner so no client turns it into a ping.
 */
export function escapeSlack(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');
}

/** Markdown links become their label and bare URLs inert code, for text streamed before it is vetted. */
export function inertLinks(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(
      /(^|\s)(https?:\/\/\S+)/g,
      (_m, pre: string, url: string) => `${pre}\`${url.replace(/^https?:\/\//, '')}\``,
    );
}

/** Cuts text to `max` characters at a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

/** Removes the bot's own mention from a message, leaving the question. */
export function stripMention(text: string, botUserId: string | undefined): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>/g;
  return text.replace(own, '').trim();
}

/**
 * Fits already escaped Markdown into `max` characters for one Slack text field: cut at a line (else word)
 * boundary, outside an entity, an open code fence closed, and a note saying it was shortened.
 */
export function fitMarkdown(escaped: string, max: number, note = '_…(shortened; see the sources below)_'): string {
  if (escaped.length <= max) return escaped;
  const budget = max - note.length - 8;
  let cut = escaped.slice(0, budget);
  const lineEnd = cut.lastIndexOf('\n');
  cut = lineEnd > budget / 2 ? cut.slice(0, lineEnd) : cut.replace(/\s+\S*$/, '');
  cut = cut.replace(/&[a-z]*$/, '');
  const fences = cut.split('\n').filter((line) => /^\s*(`{3,}|~{3,})/.test(line)).length;
  return `${cut}${fences % 2 === 1 ? '\n```' : ''}\n${note}`;
}
