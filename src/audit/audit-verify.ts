import type { Kysely } from 'kysely';
import type { AppDatabase } from '../db/create-database.js';
import { Dialect } from '../db/dialect.js';
import type { DatabaseSchema } from '../db/schema.js';
import { GENESIS_HASH, hashRow } from './audit-hash.js';

/** Why a chain does not check out. */
export const ChainBreak = {
  /** A record's content no longer matches its hash: it was edited. */
  HashMismatch: 'hash_mismatch',
  /** A record does not point at the hash of the one before: something was deleted or inserted there. */
  LinkMismatch: 'link_mismatch',
  /** Chain positions are not 1, 2, 3…: a record is missing or was renumbered. */
  MissingRecord: 'missing_record',
  /** The head (newest position and hash) does not match the last record: the tail was cut or extended. */
  HeadMismatch: 'head_mismatch',
} as const;
export type ChainBreak = (typeof ChainBreak)[keyof typeof ChainBreak];

export interface AuditVerification {
  ok: boolean;
  /** Records checked. */
  count: number;
  /** Chain position (record id) where the chain first breaks. */
  brokenAt?: number;
  reason?: ChainBreak;
  /** Hash of the newest record: write it down elsewhere to detect a full rewrite later. */
  headHash: string;
}

const PAGE = 1000;

/** Recomputes every hash and link of the audit chain, in one consistent snapshot of the database. */
export async function verifyAuditChain(database: AppDatabase): Promise<AuditVerification> {
  const begin = database.db.transaction();
  const tx = database.dialect === Dialect.Postgres ? begin.setIsolationLevel('repeatable read') : begin;
  return tx.execute((trx) => verifyIn(trx));
}

async function verifyIn(trx: Kysely<DatabaseSchema>): Promise<AuditVerification> {
  const head = await trx
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('name', '=', 'audit')
    .executeTakeFirst();
  let count = 0;
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  const fail = (brokenAt: number, reason: ChainBreak): AuditVerification => ({
    ok: false,
    count,
    brokenAt,
    reason,
    headHash: prevHash,
  });
  for (;;) {
    const rows = await trx
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const { hash, ...rest } = row;
      const id = Number(row.id);
      if (id !== lastId + 1) return fail(lastId + 1, ChainBreak.MissingRecord);
      if (row.prev_hash !== prevHash) return fail(id, ChainBreak.LinkMismatch);
      if (hashRow({ ...rest, id, outcome: Number(row.outcome) }) !== hash) return fail(id, ChainBreak.HashMismatch);
      count += 1;
      prevHash = hash;
      lastId = id;
    }
    if (rows.length < PAGE) break;
  }
  const headSeq = Number(head?.seq ?? -1);
  if (headSeq !== lastId) return fail(Math.max(0, Math.min(headSeq, lastId)) + 1, ChainBreak.HeadMismatch);
  if (head?.hash !== prevHash) return fail(lastId, ChainBreak.HeadMismatch);
  return { ok: true, count, headHash: prevHash };
}
