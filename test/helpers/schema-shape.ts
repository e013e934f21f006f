import { resolve } from 'node:path';
import { sql } from 'kysely';
import ts from 'typescript';
import type { Database } from '../../src/db/database.ts';

// The tables and columns on both sides of the typed query layer: what src/db/schema.ts declares
// (read by the TypeScript type checker, so aliases and Kysely's ColumnType are understood as the
// compiler understands them) and what the migrations created (read from the database's
// catalogue). compareShapes() names every table and column where they disagree.

export interface ColumnShape {
  /** "string" or "number" when the type maps to one, else the type as written */
  kind: string;
  nullable: boolean;
  /** schema.ts: may be left out of an insert (Generated<>); database: has a default or is an identity */
  generated: boolean;
  /** schema.ts only: an optional property, which Kysely reads as "may be left out of a select" */
  optional?: boolean;
}

export type Shape = Map<string, Map<string, ColumnShape>>;

const numberTypes = new Set(['integer', 'bigint', 'smallint', 'real', 'double precision']);
const stringTypes = new Set(['text', 'character varying', 'character']);

/** The `Tables` interface of a schema file; `source` stands in for the file's text (for tests). */
export function declaredShape(file: string, source?: string): Shape {
  const path = resolve(file);
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    types: [],
    // The standard library without the DOM: the schema needs no more, and it loads in a fraction of the time.
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  if (source !== undefined) {
    const real = ts.createCompilerHost(options);
    host.getSourceFile = (name, version, ...rest) =>
      resolve(name) === path ? ts.createSourceFile(name, source, version) : real.getSourceFile(name, version, ...rest);
    host.readFile = (name) => (resolve(name) === path ? source : real.readFile(name));
    host.fileExists = (name) => resolve(name) === path || real.fileExists(name);
  }
  const program = ts.createProgram([path], options, host);
  const sourceFile = program.getSourceFile(path);
  if (!sourceFile) throw new Error(`cannot read ${file}`);
  const problems = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
  if (problems.length) throw new Error(`${file} does not compile: ${problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`);
  const checker = program.getTypeChecker();
  const tables = sourceFile.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Tables');
  if (!tables) throw new Error(`${file} has no interface Tables`);

  const shape: Shape = new Map();
  for (const table of checker.getTypeAtLocation(tables).getProperties()) {
    const columns = new Map<string, ColumnShape>();
    for (const column of checker.getTypeOfSymbol(table).getProperties()) {
      let type = checker.getTypeOfSymbol(column);
      let generated = false;
      // Kysely's ColumnType<Select, Insert, Update> (Generated<T> is one): the select type is the
      // column's, and an insert type that admits undefined means the database fills it in.
      const select = type.getProperty('__select__');
      const insert = type.getProperty('__insert__');
      if (select && insert) {
        const inserted = checker.getTypeOfSymbol(insert);
        generated = (inserted.isUnion() ? inserted.types : [inserted]).some((t) => t.flags & ts.TypeFlags.Undefined);
        type = checker.getTypeOfSymbol(select);
      }
      const parts = type.isUnion() ? type.types : [type];
      const rest = parts.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
      const kind =
        rest.length && rest.every((t) => t.flags & ts.TypeFlags.StringLike)
          ? 'string'
          : rest.length && rest.every((t) => t.flags & ts.TypeFlags.NumberLike)
            ? 'number'
            : checker.typeToString(type);
      const optional = (column.flags & ts.SymbolFlags.Optional) !== 0;
      columns.set(column.name, { kind, nullable: parts.some((t) => t.flags & ts.TypeFlags.Null), generated, ...(optional ? { optional } : {}) });
    }
    shape.set(table.name, columns);
  }
  return shape;
}

/** The tables the migrations created (Kysely's own bookkeeping left out). */
export async function databaseShape(database: Database): Promise<Shape> {
  const shape: Shape = new Map();
  const { db } = database;
  if (database.dialect === 'sqlite') {
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\' order by name`.execute(
      db,
    );
    for (const { name } of tables.rows) {
      const info = await sql<{
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
        hidden: number;
      }>`select * from pragma_table_xinfo(${name})`.execute(db);
      const keys = info.rows.filter((c) => c.pk > 0);
      const columns = new Map<string, ColumnShape>();
      for (const c of info.rows) {
        if (c.hidden === 1) continue;
        // A lone INTEGER PRIMARY KEY is the rowid: never null, filled in when left out.
        const rowid = c.pk > 0 && keys.length === 1 && c.type.toLowerCase() === 'integer';
        // SQLite lets a non-integer primary key hold NULL unless it says NOT NULL (an old quirk);
        // the same migration on PostgreSQL makes it NOT NULL, and the typed layer never writes NULL there.
        columns.set(c.name, { kind: sqliteKind(c.type), nullable: c.notnull === 0 && c.pk === 0, generated: rowid || c.dflt_value !== null });
      }
      shape.set(name, columns);
    }
    return shape;
  }
  const columns = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
    is_identity: string;
  }>`
    select c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default, c.is_identity
    from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name not like 'kysely\\_%'
    order by c.table_name, c.ordinal_position`.execute(db);
  for (const c of columns.rows) {
    if (!shape.has(c.table_name)) shape.set(c.table_name, new Map());
    const kind = numberTypes.has(c.data_type) ? 'number' : stringTypes.has(c.data_type) ? 'string' : c.data_type;
    shape.get(c.table_name)!.set(c.column_name, { kind, nullable: c.is_nullable === 'YES', generated: c.is_identity === 'YES' || c.column_default !== null });
  }
  return shape;
}

/** SQLite's type affinity rules (section 3.1 of its datatype page), mapped to what a query returns. */
function sqliteKind(declared: string): string {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'number';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'string';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'number';
  return t === '' ? 'any (no declared type)' : `numeric (${declared})`;
}

export interface Ignored {
  /** tables one engine has and the other has not (engine internals, SQLite's job queue), by name pattern: not compared on this engine */
  tables?: RegExp;
  /** "table.column" of columns only raw SQL reads or writes */
  columns?: string[];
}

const nullability = (c: ColumnShape) => (c.nullable ? 'nullable' : 'NOT NULL');

/** Every disagreement, one line each, naming the table and the column. */
export function compareShapes(declared: Shape, actual: Shape, ignored: Ignored = {}): string[] {
  const out: string[] = [];
  const skipTable = (name: string) => ignored.tables?.test(name) ?? false;
  const skipColumn = (table: string, column: string) => ignored.columns?.includes(`${table}.${column}`) ?? false;
  for (const [table, columns] of declared) {
    const real = actual.get(table);
    if (!real) {
      if (!skipTable(table)) out.push(`table ${table}: in schema.ts, but the migrations do not create it`);
      continue;
    }
    for (const [column, d] of columns) {
      const where = `table ${table}, column ${column}`;
      const a = real.get(column);
      if (!a) {
        out.push(`${where}: in schema.ts, but not in the database`);
        continue;
      }
      if (d.optional)
        out.push(`${where}: optional (?) in schema.ts; a column is always selected: write "T | null", or Generated<T> for one the database fills in`);
      if (d.kind !== a.kind) out.push(`${where}: schema.ts says ${d.kind}, the database has ${a.kind}`);
      if (d.nullable !== a.nullable) out.push(`${where}: schema.ts says ${nullability(d)}, the database has ${nullability(a)}`);
      if (d.generated && !a.generated) out.push(`${where}: Generated<> in schema.ts, but the database has no default for it (an insert without it fails)`);
    }
    for (const column of real.keys()) {
      if (!columns.has(column) && !skipColumn(table, column)) out.push(`table ${table}, column ${column}: in the database, but not in schema.ts`);
    }
  }
  for (const table of actual.keys()) {
    if (!declared.has(table) && !skipTable(table)) out.push(`table ${table}: created by the migrations, but not in schema.ts`);
  }
  return out;
}

/** Columns with a database default that schema.ts still asks every insert to give (allowed: stricter). */
export function defaultsNotGenerated(declared: Shape, actual: Shape): string[] {
  return [...declared].flatMap(([table, columns]) =>
    [...columns].filter(([column, d]) => !d.generated && actual.get(table)?.get(column)?.generated).map(([column]) => `${table}.${column}`),
  );
}
