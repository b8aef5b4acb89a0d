import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../dialect.js';
import { idColumn } from '../dialect.js';

export function answerFeedback(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await idColumn(db.schema.createTable('answer_feedback'), dialect)
        .addColumn('answer_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('user_id', 'varchar(32)', (c) => c.notNull())
        .addColumn('rating', 'varchar(8)', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .addColumn('mode', 'varchar(16)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
        .addUniqueConstraint('answer_feedback_answer_user', ['answer_id', 'user_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('answer_feedback').execute();
    },
  };
}
