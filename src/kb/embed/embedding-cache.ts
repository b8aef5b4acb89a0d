import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Vectors on disk, one JSON file per model, keyed by sha256(model + text). Vectors are stored as base64 Float32 to keep
 * the file a quarter of the size of a JSON number array.
 */
export interface EmbeddingCache {
  get(text: string): Float32Array | undefined;
  set(text: string, vector: readonly number[]): void;
  /** Writes the file if anything was added (atomic rename); keeps only `keep` texts when given. */
  save(keep?: readonly string[]): Promise<void>;
}

/** Cache key: the model is part of the hash so two models never share a vector. */
export function embeddingKey(model: string, text: string): string {
  return createHash('sha256').update(model).update('\0').update(text).digest('hex');
}

/**
 * Opens (or starts) the cache file of `model` in `cacheDir`. With no `cacheDir`, the cache lives in memory only.
 *
 * @example const cache = await openEmbeddingCache('.cache/kb', 'text-embedding-3-small')
 */
export async function openEmbeddingCache(cacheDir: string | undefined, model: string): Promise<EmbeddingCache> {
  const vectors = new Map<string, Float32Array>();
  const file = cacheDir ? join(cacheDir, `embeddings-${model.replace(/[^\w.-]+/g, '_')}.json`) : undefined;
  if (file) {
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as { vectors?: Record<string, string> };
      for (const [key, b64] of Object.entries(data.vectors ?? {})) {
        const bytes = Buffer.from(b64, 'base64');
        vectors.set(key, new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice());
      }
    } catch {
      // Missing or corrupt cache: start empty, it only costs re-embedding.
    }
  }
  let dirty = false;
  return {
    get: (text) => vectors.get(embeddingKey(model, text)),
    set: (text, vector) => {
      vectors.set(embeddingKey(model, text), Float32Array.from(vector));
      dirty = true;
    },
    async save(keep) {
      if (keep) {
        const wanted = new Set(keep.map((text) => embeddingKey(model, text)));
        for (const key of vectors.keys()) {
          if (!wanted.has(key)) {
            vectors.delete(key);
            dirty = true;
          }
        }
      }
      if (!file || !dirty || !cacheDir) return;
      await mkdir(cacheDir, { recursive: true });
      const out: Record<string, string> = {};
      for (const [key, vector] of vectors)
        out[key] = Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify({ model, vectors: out }));
      await rename(tmp, file);
      dirty = false;
    },
  };
}
