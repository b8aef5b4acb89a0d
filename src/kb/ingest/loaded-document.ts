/** A document converted to Markdown by one of the format loaders, before chunking. */
export interface LoadedDocument {
  /** Markdown body without front matter. */
  markdown: string;
  /** Title from front matter or document metadata (e.g. HTML `<title>`); the chunker falls back to the first H1. */
  title?: string;
  url?: string;
  /** Front matter `trusted: true`. */
  trusted?: boolean;
  tags: string[];
  /** Front matter `audience` (one or several); channels may be answered only from pages for their audience. */
  audience?: string[];
  /** False when the format carries no heading structure (PDF): chunk by size only. */
  structured: boolean;
}
