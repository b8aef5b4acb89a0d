import type { CreateTableBuilder } from 'kysely';

export const Dialect = { Sqlite: 'sqlite', Postgres: 'postgres' } as const;
export type Dialect = (typeof Dialect)[keyof typeof Dialect];

/** An auto-incrementing integer primary key, spelled the way each database wants it. */
export function idColumn<T extends string>(builder: CreateTableBuilder<T>, dialect: Dialect) {
  return dialect === Dialect.Postgres
    ? builder.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : builder.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
