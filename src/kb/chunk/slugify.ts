/**
 * GitHub-style heading slug: lower case, punctuation dropped, spaces to hyphens.
 *
 * @example slugify('C-Move: Query/retrieve') // 'c-move-queryretrieve'
 */
export function slugify(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/**
 * Returns a slugger that de-duplicates like GitHub does: the second "Setup" becomes `setup-1`.
 *
 * @example const slug = createSlugger(); slug('Setup'); slug('Setup') // 'setup-1'
 */
export function createSlugger(): (heading: string) => string {
  const seen = new Map<string, number>();
  return (heading) => {
    const base = slugify(heading);
    const count = seen.get(base);
    seen.set(base, (count ?? -1) + 1);
    return count === undefined ? base : `${base}-${count + 1}`;
  };
}
