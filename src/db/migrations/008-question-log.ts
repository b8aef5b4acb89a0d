import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../dialect.js';
import { idColumn } from '../dialect.js';

/** One row per question the bot answered or abstained on (`src/feedback/question-log.ts`): KB gaps and deflection. */
export function questionLog(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await idColumn(db.schema.createTable('question_log'), dialect)
        .addColumn('answer_id', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('asked_at', 'varchar(32)', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
        .addColumn('channel', 'varchar(32)')
        .addColumn('thread_ts', 'varchar(32)')
        .addColumn('user_id', 'varchar(32)', (c) => c.notNull())
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
        .addColumn('mode', 'varchar(16)', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('question_log_asked_at').on('question_log').column('asked_at').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('question_log').execute();
    },
  };
}
