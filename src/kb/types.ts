/** Shared types of the knowledge base. Other folders import these, never the internals of src/kb/. */

/**
 * What a section is for, read from its heading and content (any KB, not only the starter pages): what the user sees,
 * why it happens, what to do, whom to call, what a term means, or an introduction/other text.
 */
export const SectionRole = {
  Symptoms: 'symptoms',
  Cause: 'cause',
  Steps: 'steps',
  Contact: 'contact',
  Definition: 'definition',
  Overview: 'overview',
} as const;
export type SectionRole = (typeof SectionRole)[keyof typeof SectionRole];

/** One indexed passage, with everything a citation needs. */
export interface KbChunk {
  /** Stable id: `${source}#${anchor}` plus a counter when a section is split. */
  id: string;
  /** Path of the document relative to the KB directory, with forward slashes (e.g. `faq/viewer.md`). */
  source: string;
  /** Document title: front matter `title`, else the first H1, else the file name. */
  title: string;
  /** The nearest heading above the passage (empty string at the top of a document). */
  heading: string;
  /** Every heading from the H1 down to `heading`. */
  headingPath: string[];
  /** GitHub-style slug of `heading`, usable as `source#anchor`. */
  anchor: string;
  /** Passage text: plain Markdown, without front matter. */
  text: string;
  /** Front matter `url`, when the document says where its original lives (Confluence page, intranet). */
  url?: string;
  tags: string[];
  /** Front matter `audience` (e.g. `clinicians`), when the page says whom it is for. */
  audience?: string[];
  /** Front matter `trusted: true`: the KB owner vouches for the page's links and addresses. */
  trusted?: boolean;
  /** Why the passage looks like instructions to an AI (prompt injection); flagged passages are never quoted or sent. */
  flagged?: string;
  /** What the section is for; absent in caches written before roles existed. */
  role?: SectionRole;
}

export interface SearchResult {
  chunk: KbChunk;
  /** Fused relevance score, higher is better; comparable within one query only. */
  score: number;
}

export interface SearchResponse {
  results: SearchResult[];
  /** False when the knowledge base most likely does not answer the question: the bot should abstain. */
  answerable: boolean;
  /** 0..1, monotonic in how sure the retriever is that the top result answers the question. */
  confidence: number;
}

export interface IndexStats {
  documents: number;
  chunks: number;
  /** Documents that could not be read, with a reason; never fatal for the rest. */
  failures: { source: string; reason: string }[];
  indexedAt: number;
  buildMs: number;
  /** Passages quarantined at indexing time because they read like instructions to an AI. */
  flagged?: { source: string; anchor: string; reason: string }[];
}

/** Text embeddings, e.g. OpenAI's. The KB caches vectors on disk by content hash and model. */
export interface Embedder {
  readonly model: string;
  /** `query`: one question at answer time (bounded tightly, may be skipped); otherwise a batch of passages. */
  embed(texts: string[], options?: { query?: boolean }): Promise<number[][]>;
}

/**
 * The part of the KB a search may use: pages under one of `folders` (path prefixes, `ed` → `ed/…`), or with one of
 * `tags`, or for one of `audience`. Empty or absent: the whole KB.
 */
export interface PageScope {
  folders?: readonly string[];
  tags?: readonly string[];
  audience?: readonly string[];
}

export interface KnowledgeBase {
  /**
   * `lexicalOnly`: never embed the question (it could not be redacted, so it must not leave the process).
   * `scope`: rank only pages in that part of the KB, so confidence (and abstaining) is judged on them alone.
   */
  search(
    question: string,
    options?: { limit?: number; lexicalOnly?: boolean; scope?: PageScope },
  ): Promise<SearchResponse>;
  /** Re-reads changed, added and removed files only; returns the new stats. */
  reindex(): Promise<IndexStats>;
  stats(): IndexStats;
  /** The chunks of one page (`source` as in {@link KbChunk.source}) in document order; [] for an unknown page. */
  page(source: string): KbChunk[];
  /** Stops the file watcher, if any. */
  close(): Promise<void>;
}
