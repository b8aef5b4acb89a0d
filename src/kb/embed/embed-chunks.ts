import type { Embedder } from '../types.js';
import type { EmbeddingCache } from './embedding-cache.js';

/** Texts per embedder call: large enough to amortise latency, small enough for provider request limits. */
export const EMBED_BATCH_SIZE = 64;

/** Scales a vector to unit length so that cosine similarity is a dot product. */
export function normalize(vector: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += (vector[i] ?? 0) ** 2;
  const out = new Float32Array(vector.length);
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < vector.length; i++) out[i] = (vector[i] ?? 0) * scale;
  return out;
}

/** Dot product of two unit vectors (= cosine similarity). */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/**
 * Returns a unit vector per text, embedding only texts missing from the cache, in batches. Saves the cache and
 * prunes vectors of texts no longer indexed.
 *
 * @example const vectors = await embedTexts(['C-MOVE setup'], embedder, cache)
 */
export async function embedTexts(
  texts: readonly string[],
  embedder: Embedder,
  cache: EmbeddingCache,
): Promise<Float32Array[]> {
  const missing = [...new Set(texts.filter((text) => cache.get(text) === undefined))];
  for (let i = 0; i < missing.length; i += EMBED_BATCH_SIZE) {
    const batch = missing.slice(i, i + EMBED_BATCH_SIZE);
    const vectors = await embedder.embed(batch);
    if (vectors.length !== batch.length)
      throw new Error(`embedder returned ${vectors.length} vectors for ${batch.length} texts`);
    batch.forEach((text, j) => {
      cache.set(text, vectors[j] ?? []);
    });
  }
  await cache.save(texts);
  return texts.map((text) => normalize(cache.get(text) ?? []));
}
