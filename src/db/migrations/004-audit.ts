import { type Kysely, type Migration, sql } from 'kysely';
import { Dialect } from '../dialect.js';

const GENESIS = '0'.repeat(64);

/**
 * The audit trail: `audit_log` (append-only, hash-chained) and `audit_head` (the newest position and hash,
 * locked by every append so the chain never forks). Triggers make the database itself refuse UPDATE, DELETE
 * and TRUNCATE of audit rows, an insert that does not extend the chain, and a head that moves other than
 * one step onto an existing row. A DB admin can still drop the triggers: `verify()` catches what they then do.
 */
export function audit(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('recorded_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('event_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('event_meaning', 'varchar(64)', (c) => c.notNull())
        .addColumn('action', 'varchar(1)', (c) => c.notNull())
        .addColumn('event_type_code', 'varchar(32)')
        .addColumn('event_type_meaning', 'varchar(64)')
        .addColumn('outcome', 'integer', (c) => c.notNull())
        .addColumn('actor_user_id', 'text', (c) => c.notNull())
        .addColumn('actor_team_id', 'text')
        .addColumn('source', 'varchar(16)', (c) => c.notNull())
        .addColumn('site', 'text')
        .addColumn('command', 'text')
        .addColumn('query', 'text')
        .addColumn('patient_id', 'text')
        .addColumn('study_uids', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('correlation_id', 'text')
        .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('hash', 'varchar(64)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_recorded_at').on('audit_log').column('recorded_at').execute();
      await db.schema.createIndex('audit_log_correlation').on('audit_log').column('correlation_id').execute();
      await db.schema
        .createTable('audit_head')
        .addColumn('name', 'varchar(16)', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'varchar(64)', (c) => c.notNull())
        .execute();
      await sql`insert into audit_head (name, seq, hash) values ('audit', 0, ${GENESIS})`.execute(db);
      for (const statement of dialect === Dialect.Postgres ? postgresGuards : sqliteGuards)
        await sql.raw(statement).execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('audit_log').execute();
      await db.schema.dropTable('audit_head').execute();
      if (dialect === Dialect.Postgres)
        await sql.raw('drop function audit_reject_change, audit_log_extend_only, audit_head_guard').execute(db);
    },
  };
}

// COALESCE: a missing head or row makes the comparison NULL, which must count as a violation, not a pass.
const headMovesOneStep = `COALESCE((NEW.name = OLD.name AND ((NEW.seq = OLD.seq AND NEW.hash = OLD.hash)
  OR (NEW.seq = OLD.seq + 1 AND NEW.hash = (SELECT hash FROM audit_log WHERE id = NEW.seq)))), FALSE)`;

const extendsChain = `COALESCE((NEW.id = (SELECT seq FROM audit_head WHERE name = 'audit') + 1
  AND NEW.prev_hash = (SELECT hash FROM audit_head WHERE name = 'audit')), FALSE)`;

const sqliteGuards = [
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
   BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
   BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  `CREATE TRIGGER audit_log_extend_only BEFORE INSERT ON audit_log WHEN NOT ${extendsChain}
   BEGIN SELECT RAISE(ABORT, 'audit_log insert does not extend the chain'); END`,
  `CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
   BEGIN SELECT RAISE(ABORT, 'audit_head is permanent'); END`,
  `CREATE TRIGGER audit_head_guard BEFORE UPDATE ON audit_head WHEN NOT ${headMovesOneStep}
   BEGIN SELECT RAISE(ABORT, 'audit_head may only move to the newest record'); END`,
];

const postgresGuards = [
  `CREATE FUNCTION audit_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$`,
  `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
   FOR EACH ROW EXECUTE FUNCTION audit_reject_change()`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
   FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change()`,
  `CREATE FUNCTION audit_log_extend_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NOT ${extendsChain} THEN
       RAISE EXCEPTION 'audit_log insert does not extend the chain' USING ERRCODE = 'integrity_constraint_violation';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER audit_log_extend_only BEFORE INSERT ON audit_log
   FOR EACH ROW EXECUTE FUNCTION audit_log_extend_only()`,
  `CREATE FUNCTION audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP <> 'UPDATE' OR NOT ${headMovesOneStep} THEN
       RAISE EXCEPTION 'audit_head may only move to the newest record' USING ERRCODE = 'insufficient_privilege';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON audit_head
   FOR EACH ROW EXECUTE FUNCTION audit_head_guard()`,
  `CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
   FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change()`,
];
