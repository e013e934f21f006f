import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Database, DB, Dialect } from '../../db/database.ts';
import { appliedMigrations, migrate, migrationTables } from '../../db/migrate.ts';
import { digest, openArchive, type ArchiveReader } from './archive.ts';
import type { Progress } from './backup.ts';
import { checkManifest, readManifest } from './manifest.ts';
import { BackupError, decodeRow, fileEntry, tableEntry, type Manifest, type TableManifest, type UploadedFiles } from './format.ts';
import { loadOrder } from './order.ts';
import { countRows, readCatalogue, setLastId, type TableInfo } from './repository/catalogue.ts';
import { deleteAll, insertRows } from './repository/rows.ts';

// Puts a backup into an empty database (decision 0009): migrates it to the migration the backup
// was taken at, loads every row and file in one transaction, checking each table's and file's
// checksum and count against the manifest, rebuilds what the engine derives (the search index),
// then runs the migrations that are newer than the backup. Anything wrong rolls it all back.

export interface RestoreOptions {
  files: UploadedFiles;
  /** this code's name and version, which a backup must not be newer than */
  platform: { name: string; version: string };
  /** delete what the database holds instead of refusing a database that is not empty */
  replace?: boolean;
  /** rebuilds what the engine derives from the rows, inside the load's transaction */
  rebuild?: (db: DB, dialect: Dialect) => Promise<void>;
  onProgress?: (p: Progress) => void | Promise<void>;
}

export interface RestoreSummary {
  manifest: Manifest;
  /** every table restored, with its rows, in the order they were loaded */
  tables: { name: string; rows: number }[];
  files: { count: number; bytes: number };
  /** the migrations run after the load, which the backup did not have */
  newerMigrations: string[];
}

/** Rows per insert: well under both engines' limits on bound values (SQLite 32,766; PostgreSQL 65,535). */
const rowsPerInsert = (columns: number) => Math.max(1, Math.min(500, Math.floor(30_000 / columns)));
const BYTES_PER_INSERT = 4 * 1024 * 1024;

export async function restoreBackup(database: Database, path: string, o: RestoreOptions): Promise<RestoreSummary> {
  const archive = await openArchive(path);
  try {
    const manifest = await readManifest(archive, path);
    checkManifest(manifest, archive, path, o.platform);
    await checkTarget(database, manifest, o.replace ?? false);
    await migrate(database, { to: manifest.migrations.at(-1)! });
    const target = (await readCatalogue(database.db, database.dialect)).filter((t) => !migrationTables.includes(t.name));
    const byName = new Map(target.map((t) => [t.name, t]));
    for (const t of manifest.tables) {
      const found = byName.get(t.name);
      const missing = found ? t.columns.filter((c) => !found.columns.some((f) => f.name === c.name)).map((c) => `${t.name}.${c.name}`) : [t.name];
      if (missing.length > 0) throw new BackupError(`The database lacks what the backup holds, after the same migrations: ${missing.join(', ')}`);
    }
    const order = loadOrder(target);
    const inBackup = new Map(manifest.tables.map((t) => [t.name, t]));
    const tables: RestoreSummary['tables'] = [];
    const written: string[] = [];
    try {
      await database.db.transaction().execute(async (trx) => {
        for (const name of [...order].reverse()) await deleteAll(trx, name);
        for (const name of order) {
          const t = inBackup.get(name);
          if (!t) continue;
          await loadTable(trx, database.dialect, archive, path, t, byName.get(name)!);
          tables.push({ name, rows: t.rows });
          await o.onProgress?.({ table: name, rows: t.rows });
        }
        await o.rebuild?.(trx, database.dialect);
        for (const f of manifest.files) {
          written.push(f.path);
          await restoreFile(archive, path, f, o.files);
          await o.onProgress?.({ file: f.path, size: f.size });
        }
      });
    } catch (error) {
      for (const p of written) await o.files.remove(p).catch(() => undefined);
      throw error;
    }
    const newerMigrations = await migrate(database);
    return { manifest, tables, files: { count: manifest.files.length, bytes: manifest.files.reduce((s, f) => s + f.size, 0) }, newerMigrations };
  } finally {
    archive.close();
  }
}

/** Refuses a database that holds rows (unless told to replace them) or has migrations the backup lacks. */
async function checkTarget(database: Database, manifest: Manifest, replace: boolean): Promise<void> {
  const applied = await appliedMigrations(database);
  const diverged = applied.findIndex((m, i) => manifest.migrations[i] !== m);
  if (diverged >= 0) {
    throw new BackupError(
      `The database is at migration ${applied.at(-1)}, which the backup (at ${manifest.migrations.at(-1)}) does not have: restore into a new, empty database`,
    );
  }
  if (replace) return;
  const held: { table: string; n: number }[] = [];
  for (const t of await readCatalogue(database.db, database.dialect)) {
    if (migrationTables.includes(t.name)) continue;
    const n = await countRows(database.db, t.name);
    if (n > 0) held.push({ table: t.name, n });
  }
  if (held.length > 0) {
    // The largest first: what a person most needs to see to recognise the database.
    const named = held.sort((a, b) => b.n - a.n || (a.table < b.table ? -1 : 1)).map(({ table, n }) => `${table} (${n} ${n === 1 ? 'row' : 'rows'})`);
    const shown = named.length > 6 ? `${named.slice(0, 6).join(', ')} and ${named.length - 6} more tables` : named.join(', ');
    throw new BackupError(`The database is not empty: it holds ${shown}. Restore into an empty database, or add --replace to delete everything it holds first`);
  }
}

async function loadTable(trx: DB, dialect: Dialect, archive: ArchiveReader, path: string, t: TableManifest, target: TableInfo): Promise<void> {
  const entry = tableEntry(t.name);
  const columns = t.columns.map((c) => c.name);
  const counted = digest();
  let source;
  try {
    source = await archive.open(entry);
  } catch (error) {
    throw damaged(path, entry, error);
  }
  const flowing = pipeline(source, counted);
  flowing.catch(() => undefined);
  let batch: unknown[][] = [];
  let bytes = 0;
  let n = 0;
  const flush = async () => {
    try {
      await insertRows(trx, dialect, t.name, columns, batch);
    } catch (error) {
      throw new BackupError(`Could not restore ${t.name} (rows ${n - batch.length + 1} to ${n}): ${(error as Error).message}`);
    }
    batch = [];
    bytes = 0;
  };
  try {
    for await (const line of splitLines(counted)) {
      const row = decodeRow(line, columns.length);
      if (!row) throw new BackupError(`${path} is damaged: line ${n + 1} of ${entry} is not a row of ${columns.length} values`);
      batch.push(row);
      bytes += line.length;
      n++;
      if (batch.length >= rowsPerInsert(columns.length) || bytes >= BYTES_PER_INSERT) await flush();
    }
    await flowing;
  } catch (error) {
    throw error instanceof BackupError ? error : damaged(path, entry, error);
  }
  if (batch.length > 0) await flush();
  if (counted.result().sha256 !== t.sha256) throw new BackupError(`${path} is damaged: ${entry} does not match its checksum in the manifest`);
  const stored = await countRows(trx, t.name);
  if (n !== t.rows || stored !== t.rows) {
    throw new BackupError(`${path} is damaged: the manifest says ${t.name} has ${t.rows} rows; the file has ${n} and the database took ${stored}`);
  }
  if (target.identity) await setLastId(trx, dialect, t.name, target.identity, t.lastId ?? 0);
}

async function restoreFile(archive: ArchiveReader, path: string, f: Manifest['files'][number], files: UploadedFiles): Promise<void> {
  const entry = fileEntry(f.path);
  const counted = digest();
  let source;
  try {
    source = await archive.open(entry);
  } catch (error) {
    throw damaged(path, entry, error);
  }
  let unreadable: unknown = null;
  source.once('error', (error) => (unreadable = error));
  const flowing = pipeline(source, counted);
  flowing.catch(() => undefined);
  try {
    await files.write(f.path, counted, f.size);
    await flowing;
  } catch (error) {
    counted.destroy();
    if (unreadable) throw damaged(path, entry, unreadable);
    throw new BackupError(`Could not store the file ${f.path}: ${(error as Error).message}`);
  }
  const got = counted.result();
  if (got.sha256 !== f.sha256 || got.bytes !== f.size) throw new BackupError(`${path} is damaged: ${entry} does not match its checksum in the manifest`);
}

const damaged = (path: string, entry: string, error: unknown) =>
  error instanceof BackupError ? error : new BackupError(`${path} is damaged: ${entry} cannot be read (${(error as Error).message})`);

/** The lines of a stream of UTF-8 text, without their newlines; empty lines are skipped. */
async function* splitLines(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream) {
    const parts = (rest + decoder.write(chunk)).split('\n');
    rest = parts.pop()!;
    for (const line of parts) if (line !== '') yield line;
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}
