import type { IndexSnapshot } from './snapshot.js';
import type { KbChunk } from './types.js';

/**
 * The chunks of one page, in snapshot order. Pages are grouped on first use and regrouped only after a re-index
 * swaps the snapshot.
 *
 * @example const page = pageLookup(() => snapshot); page('faq/ports.md')
 */
export function pageLookup(current: () => IndexSnapshot): (source: string) => KbChunk[] {
  let pages: { of: IndexSnapshot; bySource: Map<string, KbChunk[]> } | undefined;
  return (source) => {
    const snapshot = current();
    if (pages?.of !== snapshot) {
      const bySource = new Map<string, KbChunk[]>();
      for (const chunk of snapshot.chunks) {
        const list = bySource.get(chunk.source);
        if (list) list.push(chunk);
        else bySource.set(chunk.source, [chunk]);
      }
      pages = { of: snapshot, bySource };
    }
    return [...(pages.bySource.get(source) ?? [])];
  };
}
