/** Public entry of the knowledge base; other folders import from here or from ./types.js only. */
export { type KnowledgeBaseOptions, type WatchableKnowledgeBase, createKnowledgeBase } from './knowledge-base.js';
export { type EvalQuestion, type EvalReport, evaluate } from './eval.js';
export type { Embedder, IndexStats, KbChunk, KnowledgeBase, SearchResponse, SearchResult } from './types.js';
