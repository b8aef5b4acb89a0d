/**
 * Keeps Markdown links whose URL appears in the allowed set (links that came from the knowledge base)
 * and turns every other link or image into inert text, so neither a poisoned page nor the model can
 * plant a phishing link or a tracking image in an answer.
 */
export function filterLinks(markdown: string, allowedUrls: ReadonlySet<string>): string {
  return markdown
    .replace(/!\[([^\]]*)\]\(([^)\s]*)[^)]*\)/g, (_m, alt: string) => (alt ? `[image: ${alt}]` : ''))
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, (m, label: string, url: string) => (allowedUrls.has(url) ? m : label))
    .replace(/<(https?:\/\/[^>|\s]+)(?:\|([^>]*))?>/g, (_m, url: string, label?: string) =>
      allowedUrls.has(url) ? `[${label ?? url}](${url})` : (label ?? inert(url)),
    )
    .replace(/(^|[\s(])(https?:\/\/[^\s)<>]+)/g, (m, pre: string, url: string) =>
      allowedUrls.has(url) ? m : `${pre}${inert(url)}`,
    );
}

/** A URL shown as text that no client turns back into a link. */
function inert(url: string): string {
  return `\`${url.replace(/^https?:\/\//, '').replace(/`/g, '')}\``;
}

export function urlsIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s)<>|\]]+/g)].map((m) => m[0]);
}
