import { withPostings } from '../search/index-from-postings.js';
import type { LexicalIndex } from '../search/lexical-index.js';
import type { PackedChunks } from '../search/packed-terms.js';

/** Bytes of `array` in platform order (little-endian on every CPU Node supports), padded to 4. */
function bytesOf(array: Uint8Array | Uint16Array | Int32Array): Buffer[] {
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return bytes.length % 4 === 0 ? [bytes] : [bytes, Buffer.alloc(4 - (bytes.length % 4))];
}

/**
 * The postings of an index as one binary section: u32 terms, postings, positions; then termStart, docs, posStart
 * (i32), positions (u16), title/heading TF (u8), each padded to 4 bytes. Loading it skips the index build.
 *
 * @example const section = encodePostings(buildPackedIndex(documents))
 */
export function encodePostings(index: LexicalIndex): Buffer {
  const counts = Int32Array.of(index.termCount, index.docs.length, index.positions.length);
  return Buffer.concat(
    [counts, index.termStart, index.docs, index.posStart, index.positions, index.fieldTf].flatMap(bytesOf),
  );
}

/** Copies `count` elements of type `Type` from `bytes` at `offset` (a copy, so the file buffer can be freed). */
function take<T extends Int32Array | Uint16Array | Uint8Array>(
  Type: { new (length: number): T; BYTES_PER_ELEMENT: number },
  bytes: Buffer,
  offset: number,
  count: number,
): [T, number] {
  const out = new Type(count);
  const length = count * Type.BYTES_PER_ELEMENT;
  Buffer.from(out.buffer).set(bytes.subarray(offset, offset + length));
  return [out, offset + Math.ceil(length / 4) * 4];
}

const ascending = (array: Int32Array, from: number, to: number, strict: boolean) => {
  for (let i = from + 1; i < to; i++) {
    const step = (array[i] as number) - (array[i - 1] as number);
    if (step < 0 || (strict && step === 0)) return false;
  }
  return true;
};

/**
 * Reads a postings section written by {@link encodePostings} for `documents`; undefined when it does not fit them
 * (sizes, order, ranges), so a damaged cache is rebuilt rather than searched.
 */
export function decodePostings(section: Buffer, documents: readonly PackedChunks[]): LexicalIndex | undefined {
  if (section.length < 12) return undefined;
  const [terms, postings, positionCount] = [0, 4, 8].map((at) => section.readInt32LE(at)) as [number, number, number];
  const dictionary = documents[0]?.dictionary;
  if (!dictionary || terms !== dictionary.terms.length || postings < 0 || positionCount < 0) return undefined;
  const padded = (bytes: number) => Math.ceil(bytes / 4) * 4;
  const need =
    12 + 4 * (terms + 1) + 4 * postings + 4 * (postings + 1) + padded(2 * positionCount) + padded(2 * postings);
  if (section.length !== need) return undefined;
  const [termStart, a] = take(Int32Array, section, 12, terms + 1);
  const [docs, b] = take(Int32Array, section, a, postings);
  const [posStart, c] = take(Int32Array, section, b, postings + 1);
  const [positions, d] = take(Uint16Array, section, c, positionCount);
  const [fieldTf] = take(Uint8Array, section, d, 2 * postings);
  const index = withPostings(documents, { termStart, docs, posStart, positions, fieldTf });
  if (termStart[0] !== 0 || termStart[terms] !== postings || !ascending(termStart, 0, terms + 1, false)) return;
  if (posStart[0] !== 0 || posStart[postings] !== positionCount || !ascending(posStart, 0, postings + 1, false)) return;
  for (let t = 0; t < terms; t++)
    if (!ascending(docs, termStart[t] as number, termStart[t + 1] as number, true)) return;
  for (let p = 0; p < postings; p++) if ((docs[p] as number) < 0 || (docs[p] as number) >= index.size) return;
  return index;
}
