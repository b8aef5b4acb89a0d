const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The fence marker open at the end of `text`, if any. */
function openFenceAfter(text: string, initial?: string): string | undefined {
  let open = initial;
  for (const line of text.split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (marker === undefined) continue;
    if (open === undefined) open = marker;
    else if (marker[0] === open[0] && marker.length >= open.length) open = undefined;
  }
  return open;
}

/**
 * After a size split, a chunk can start or end inside a code fence. Re-open and re-close the fence so that every
 * chunk is valid Markdown on its own (otherwise the rest of a Slack message renders as code). Parts are located in
 * `body` because the splitter's overlap repeats text, so fence state cannot simply be carried from part to part.
 *
 * @example repairFences('```\na\nb\n```', ['```\na', 'b\n```']) // ['```\na\n```', '```\nb\n```']
 */
export function repairFences(body: string, parts: string[]): string[] {
  let from = 0;
  return parts.map((part) => {
    const at = body.indexOf(part, from);
    const offset = at >= 0 ? at : from;
    from = offset + 1;
    const before = openFenceAfter(body.slice(0, offset));
    const after = openFenceAfter(part, before);
    let text = part;
    if (before !== undefined) text = `${before}\n${text}`;
    if (after !== undefined) text = `${text}\n${after}`;
    return text;
  });
}
