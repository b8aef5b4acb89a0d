import type { Db } from '../store.js';

const SCHEMA = `CREATE TABLE IF NOT EXISTS files (id TEXT PRIMARY KEY, name TEXT NOT NULL, length INTEGER NOT NULL,
  alt_txt TEXT, created INTEGER NOT NULL, bytes BLOB, title TEXT, shared INTEGER NOT NULL DEFAULT 0)`;

export interface StoredFile {
  id: string;
  name: string;
  /** The length announced to files.getUploadURLExternal. */
  length: number;
  alt_txt: string | null;
  created: number;
  /** Null until the bytes were POSTed to the upload URL. */
  bytes: Buffer | null;
  title: string | null;
  shared: number;
}

const ready = new WeakSet<Db>();

/** The workspace's files table (created on first use, in the workspace's SQLite file: uploads survive restart). */
export function filesTable(db: Db) {
  if (!ready.has(db)) {
    db.exec(SCHEMA);
    ready.add(db);
  }
  return {
    create(f: Pick<StoredFile, 'id' | 'name' | 'length' | 'alt_txt' | 'created'>): void {
      db.prepare('INSERT INTO files (id, name, length, alt_txt, created) VALUES (?, ?, ?, ?, ?)').run(
        f.id,
        f.name,
        f.length,
        f.alt_txt,
        f.created,
      );
    },
    get: (id: string) => db.prepare('SELECT * FROM files WHERE id = ?').get(id) as StoredFile | undefined,
    setBytes: (id: string, bytes: Buffer) => db.prepare('UPDATE files SET bytes = ? WHERE id = ?').run(bytes, id),
    share: (id: string, title: string) =>
      db.prepare('UPDATE files SET title = ?, shared = 1 WHERE id = ?').run(title, id),
  };
}

const TYPES: Record<string, [mimetype: string, filetype: string, pretty: string]> = {
  png: ['image/png', 'png', 'PNG'],
  jpg: ['image/jpeg', 'jpg', 'JPEG'],
  jpeg: ['image/jpeg', 'jpg', 'JPEG'],
  gif: ['image/gif', 'gif', 'GIF'],
  svg: ['image/svg+xml', 'svg', 'SVG'],
  txt: ['text/plain', 'text', 'Plain Text'],
  csv: ['text/csv', 'csv', 'CSV'],
  json: ['application/json', 'json', 'JSON'],
};

/** Mime type, Slack filetype and pretty type from the file name's extension. */
export function fileType(name: string): [string, string, string] {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return TYPES[ext] ?? ['application/octet-stream', 'binary', 'Binary'];
}

/** Where the workspace serves a file's bytes (no token needed: the workspace only serves loopback clients). */
export const fileUrl = (base: string, f: Pick<StoredFile, 'id' | 'name'>) =>
  `${base}/api/files-pri/${f.id}/${encodeURIComponent(f.name)}`;

/** Width and height of a PNG from its IHDR chunk, for `original_w` / `original_h`. */
export function pngDimensions(b: Buffer): { original_w: number; original_h: number } | undefined {
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.subarray(12, 16).toString('latin1') !== 'IHDR')
    return undefined;
  return { original_w: b.readUInt32BE(16), original_h: b.readUInt32BE(20) };
}
