import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../../db/database.ts';
import { BackupError, type ColumnType } from '../format.ts';

// What tables the database has, read from its own catalogue (sqlite_master and its pragmas, or
// pg_catalog for the schema in use), so a backup takes every table the migrations made, whoever
// wrote them. Only what an engine derives by itself is left out: SQLite's virtual tables and
// their shadow tables (the FTS index), PostgreSQL's tsvector and generated columns, and the
// search change log its triggers write (`search_log`, migration 0020); a restore rebuilds those.

export interface TableInfo {
  name: string;
  /** the columns a backup carries, in the table's order */
  columns: { name: string; type: ColumnType }[];
  /** the primary key's columns in key order; empty when the table has none */
  key: string[];
  /** the tables its foreign keys refer to */
  references: string[];
  /** the column a sequence fills (SQLite AUTOINCREMENT, PostgreSQL identity or serial) */
  identity: string | null;
}

/** Tables the database's triggers fill from other tables: a restore writes them afresh. */
export const derivedTables = new Set(['search_log']);

// The database's own tables and columns, whatever the caller's table types say.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the catalogue names tables no type knows
type AnyDB = Kysely<any>;

const unsupported = (table: string, column: string, type: string) =>
  new BackupError(
    `Column ${table}.${column} has the type "${type}", which a backup cannot carry between SQLite and PostgreSQL (integer, real, text, blob and boolean columns can; see docs/decisions/0009-backup-format.md)`,
  );

/** SQLite's type affinity rules (https://sqlite.org/datatype3.html, 3.1), with BOOL… read as boolean. */
function sqliteType(table: string, column: string, declared: string): ColumnType {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (/CHAR|CLOB|TEXT/.test(t)) return 'text';
  if (t === '' || t.includes('BLOB')) return 'blob';
  if (/REAL|FLOA|DOUB/.test(t)) return 'real';
  if (t.startsWith('BOOL')) return 'boolean';
  throw unsupported(table, column, declared);
}

const postgresTypes: Record<string, ColumnType> = {
  smallint: 'integer',
  integer: 'integer',
  bigint: 'integer',
  real: 'real',
  'double precision': 'real',
  text: 'text',
  'character varying': 'text',
  character: 'text',
  bytea: 'blob',
  boolean: 'boolean',
};
/** Types PostgreSQL computes from other columns: left out, and rebuilt after a restore. */
const derivedPostgresTypes = new Set(['tsvector']);

export function readCatalogue(db: AnyDB, dialect: Dialect): Promise<TableInfo[]> {
  return dialect === 'postgres' ? postgresCatalogue(db) : sqliteCatalogue(db);
}

async function sqliteCatalogue(db: AnyDB): Promise<TableInfo[]> {
  const tables = await sql<{ name: string; sql: string }>`
    select l.name, m.sql from pragma_table_list l join sqlite_master m on m.name = l.name and m.type = 'table'
    where l.schema = 'main' and l.type = 'table' and l.name not like 'sqlite\\_%' escape '\\' order by l.name`.execute(db);
  const out: TableInfo[] = [];
  for (const { name, sql: ddl } of tables.rows) {
    if (derivedTables.has(name)) continue;
    const columns = await sql<{
      name: string;
      type: string;
      pk: number;
      hidden: number;
    }>`select name, type, pk, hidden from pragma_table_xinfo(${name})`.execute(db);
    // hidden 2 and 3 are generated columns, which SQLite computes itself.
    const kept = columns.rows.filter((c) => c.hidden === 0);
    const key = kept
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const references = await sql<{ table: string }>`select distinct "table" from pragma_foreign_key_list(${name})`.execute(db);
    out.push({
      name,
      columns: kept.map((c) => ({ name: c.name, type: sqliteType(name, c.name, c.type) })),
      key,
      references: references.rows.map((r) => r.table),
      identity: /\bautoincrement\b/i.test(ddl) && key.length === 1 ? key[0]! : null,
    });
  }
  return out;
}

async function postgresCatalogue(db: AnyDB): Promise<TableInfo[]> {
  // Tables of the schema in use, without those an extension owns.
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
      and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
    order by c.relname`.execute(db);
  const columns = await sql<{ table: string; name: string; type: string; generated: string; identity: string; default: string | null }>`
    select table_name as "table", column_name as name, data_type as type, is_generated as generated, is_identity as identity,
      column_default as "default"
    from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position`.execute(db);
  const keys = await sql<{ table: string; name: string }>`
    select c.relname as "table", a.attname as name
    from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey::int2[])
    where i.indisprimary and n.nspname = current_schema()
    order by c.relname, array_position(i.indkey::int2[], a.attnum)`.execute(db);
  const references = await sql<{ table: string; ref: string }>`
    select distinct c.relname as "table", r.relname as ref
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class r on r.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = current_schema()`.execute(db);
  return tables.rows
    .filter(({ name }) => !derivedTables.has(name))
    .map(({ name }) => {
      const own = columns.rows.filter((c) => c.table === name);
      const kept = own.filter((c) => c.generated !== 'ALWAYS' && !derivedPostgresTypes.has(c.type));
      const identity = kept.find((c) => c.identity === 'YES' || c.default?.startsWith('nextval('));
      return {
        name,
        columns: kept.map((c) => {
          const type = postgresTypes[c.type];
          if (!type) throw unsupported(name, c.name, c.type);
          return { name: c.name, type };
        }),
        key: keys.rows.filter((k) => k.table === name).map((k) => k.name),
        references: references.rows.filter((r) => r.table === name).map((r) => r.ref),
        identity: identity?.name ?? null,
      };
    });
}

/** The highest id the table's sequence has handed out (0: none yet). */
export async function lastId(db: AnyDB, dialect: Dialect, table: string, column: string): Promise<number> {
  if (dialect === 'postgres') {
    const r = await sql<{ v: number | null }>`
      select pg_sequence_last_value(pg_get_serial_sequence(quote_ident(current_schema()) || '.' || quote_ident(${table}), ${column})::regclass) as v`.execute(
      db,
    );
    return Number(r.rows[0]?.v ?? 0);
  }
  const r = await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${table}`.execute(db);
  return Number(r.rows[0]?.seq ?? 0);
}

/** Moves the table's sequence on to `last` or the highest id in the table, whichever is higher, so the next row gets a new id. */
export async function setLastId(db: AnyDB, dialect: Dialect, table: string, column: string, last: number): Promise<void> {
  const max = sql`(select coalesce(max(${sql.id(column)}), 0) from ${sql.id(table)})`;
  if (dialect === 'postgres') {
    await sql`select setval(pg_get_serial_sequence(quote_ident(current_schema()) || '.' || quote_ident(${table}), ${column}),
      greatest(${max}, ${last}, 1), greatest(${max}, ${last}) > 0)`.execute(db);
    return;
  }
  // Inserting ids moved SQLite's counter to the highest one already; only a higher `last` is left to set.
  await sql`delete from sqlite_sequence where name = ${table}`.execute(db);
  await sql`insert into sqlite_sequence (name, seq) select ${table}, max(${max}, ${last}) where max(${max}, ${last}) > 0`.execute(db);
}

export async function countRows(db: AnyDB, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.id(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
