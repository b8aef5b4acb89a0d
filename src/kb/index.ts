/** Public entry of the knowledge base; other folders import from here or from ./types.js only. */

export { isCredentialRequest } from './chunk/flag-instructions.js';
export { type EvalQuestion, type EvalReport, evaluate } from './eval.js';
export { createKnowledgeBase, type KnowledgeBaseOptions, type WatchableKnowledgeBase } from './knowledge-base.js';
export type { Embedder, IndexStats, KbChunk, KnowledgeBase, SearchResponse, SearchResult } from './types.js';
