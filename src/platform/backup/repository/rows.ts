import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../../db/database.ts';
import type { TableInfo } from './catalogue.ts';

// Rows in and out, a batch at a time, so a large table never sits in memory: SQLite streams its
// rows; PostgreSQL reads through a cursor inside the backup's one read-only transaction.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables are named by the catalogue, not by a type
type AnyDB = Kysely<any>;

const BATCH = 500;

/**
 * The table's rows as arrays of values in column order, in key order (every column when there is
 * no key). Text is ordered by its bytes on both engines (SQLite's BINARY, PostgreSQL's "C"), so
 * the same rows give the same file on either.
 */
export async function* readRows(db: AnyDB, dialect: Dialect, table: TableInfo): AsyncGenerator<unknown[][]> {
  const names = table.columns.map((c) => c.name);
  const orderBy = table.key.length > 0 ? table.key : names;
  // SQLite keeps flags as 1 and 0; true and false in the backup, as PostgreSQL gives them.
  const flags = dialect === 'sqlite' ? new Set(table.columns.filter((c) => c.type === 'boolean').map((c) => c.name)) : new Set<string>();
  const value = (row: Record<string, unknown>, n: string) => (flags.has(n) && (row[n] === 0 || row[n] === 1) ? row[n] === 1 : (row[n] ?? null));
  const values = (row: Record<string, unknown>) => names.map((n) => value(row, n));
  if (dialect === 'sqlite') {
    let batch: unknown[][] = [];
    const query = orderBy.reduce((q, c) => q.orderBy(c), db.selectFrom(table.name).select(names));
    for await (const row of query.stream(BATCH)) {
      batch.push(values(row));
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    return;
  }
  const text = new Set(table.columns.filter((c) => c.type === 'text').map((c) => c.name));
  const order = sql.join(orderBy.map((c) => (text.has(c) ? sql`${sql.id(c)} collate "C"` : sql.id(c))));
  // Cursors live until the transaction ends; one per table, closed before the next.
  await sql`declare intve_backup_rows no scroll cursor for
    select ${sql.join(names.map((n) => sql.id(n)))} from ${sql.id(table.name)} order by ${order}`.execute(db);
  try {
    for (;;) {
      const { rows } = await sql<Record<string, unknown>>`fetch forward ${sql.lit(BATCH)} from intve_backup_rows`.execute(db);
      if (rows.length === 0) break;
      yield rows.map(values);
    }
  } finally {
    await sql`close intve_backup_rows`.execute(db);
  }
}

/** Runs `work` inside one REPEATABLE READ, READ ONLY transaction: every table is read as it was at one moment, while writes go on. */
export function inSnapshot<T>(db: AnyDB, work: (trx: AnyDB) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work);
}

/** Inserts rows (arrays in the order of `columns`); true/false become 1/0 on SQLite, which stores flags as numbers. */
export async function insertRows(db: AnyDB, dialect: Dialect, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const value = dialect === 'sqlite' ? (v: unknown) => (typeof v === 'boolean' ? Number(v) : v) : (v: unknown) => v;
  await db
    .insertInto(table)
    .values(rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, value(row[i])]))))
    .execute();
}

export async function deleteAll(db: AnyDB, table: string): Promise<void> {
  await db.deleteFrom(table).execute();
}
