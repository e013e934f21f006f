import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, type Database, type Dialect } from '../../db/database.ts';
import { appliedMigrations, migrationTables } from '../../db/migrate.ts';
import { createArchive, type ArchiveWriter } from './archive.ts';
import {
  BackupError,
  encodeRow,
  fileEntry,
  FORMAT,
  FORMAT_VERSION,
  LEFT_OUT_TABLES,
  MANIFEST,
  tableEntry,
  type Manifest,
  type TableManifest,
  type UploadedFiles,
  workFiles,
} from './format.ts';
import { loadOrder } from './order.ts';
import { lastId, readCatalogue, type TableInfo } from './repository/catalogue.ts';
import { inSnapshot, readRows } from './repository/rows.ts';

// Takes a backup while the platform serves (decision 0009). The rows come from one moment: on
// SQLite a copy made with the online backup API, on PostgreSQL one REPEATABLE READ transaction.
// Files are copied after the rows; they are written once and never changed, so every file the
// rows name is there unless it was deleted in the meantime, which the manifest then lists.

export type Progress = { table: string; rows: number } | { file: string; size: number };

export interface BackupOptions {
  /** the backup file to write; it must not exist yet */
  out: string;
  files: UploadedFiles;
  platform: { name: string; version: string };
  /** called after each table and each file, and awaited */
  onProgress?: (p: Progress) => void | Promise<void>;
}

export interface BackupSummary {
  manifest: Manifest;
  /** the size of the backup file */
  bytes: number;
}

type Referenced = Map<string, { table: string; column: string }>;

export async function takeBackup(database: Database, o: BackupOptions): Promise<BackupSummary> {
  if (existsSync(o.out)) throw new BackupError(`${o.out} already exists: give the backup a new name, or remove the old file first`);
  if (!existsSync(dirname(o.out))) throw new BackupError(`${dirname(o.out)}: no such folder for the backup`);
  const takenAt = new Date();
  const archive = createArchive(o.out, takenAt);
  try {
    const snapshot = await readSnapshot(database, archive, o);
    const files = await copyFiles(archive, o);
    const copied = new Set(files.map((f) => f.path));
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      platform: o.platform,
      takenAt: takenAt.toISOString(),
      engine: database.dialect,
      migrations: snapshot.migrations,
      tables: snapshot.tables,
      files,
      missingFiles: [...snapshot.referenced]
        .filter(([path]) => !copied.has(path))
        .map(([path, at]) => ({ path, ...at }))
        .sort((a, b) => (a.path < b.path ? -1 : 1)),
      leftOut: [...LEFT_OUT_TABLES],
    };
    await archive.add(MANIFEST, [Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`)], { compress: true });
    return { manifest, bytes: await archive.finish() };
  } catch (error) {
    await archive.abort();
    throw error;
  }
}

interface Snapshot {
  migrations: string[];
  tables: TableManifest[];
  referenced: Referenced;
}

/** The rows of every table as they were at one moment. */
async function readSnapshot(database: Database, archive: ArchiveWriter, o: BackupOptions): Promise<Snapshot> {
  if (database.dialect === 'postgres') {
    return inSnapshot(database.db, (trx) => dumpTables({ ...database, db: trx as Database['db'] }, archive, o));
  }
  const copy = workFiles(o.out).snapshot;
  const remove = () => ['', '-wal', '-shm'].forEach((suffix) => rmSync(copy + suffix, { force: true }));
  try {
    await database.snapshot!(copy);
    const snapshot = openDatabase(`sqlite:${copy}`);
    try {
      return await dumpTables(snapshot, archive, o);
    } finally {
      await snapshot.close();
    }
  } finally {
    remove();
  }
}

async function dumpTables(database: Database, archive: ArchiveWriter, o: BackupOptions): Promise<Snapshot> {
  const migrations = await appliedMigrations(database);
  if (migrations.length === 0) throw new BackupError('The database has no tables yet: there is nothing to back up (check DATABASE_URL)');
  const skipped = new Set([...migrationTables, ...LEFT_OUT_TABLES]);
  const catalogue = (await readCatalogue(database.db, database.dialect)).filter((t) => !skipped.has(t.name));
  const byName = new Map(catalogue.map((t) => [t.name, t]));
  const referenced: Referenced = new Map();
  const tables: TableManifest[] = [];
  for (const name of loadOrder(catalogue)) {
    const table = byName.get(name)!;
    const rows = { n: 0 };
    const written = await archive.add(tableEntry(name), lines(database.db, database.dialect, table, o.files, referenced, rows), { compress: true });
    const entry: TableManifest = { name, columns: table.columns, rows: rows.n, sha256: written.sha256 };
    if (table.identity) entry.lastId = await lastId(database.db, database.dialect, name, table.identity);
    tables.push(entry);
    await o.onProgress?.({ table: name, rows: rows.n });
  }
  return { migrations, tables, referenced };
}

/** The table's rows as lines of JSON, noting on the way every file they name. */
async function* lines(
  db: Database['db'],
  dialect: Dialect,
  table: TableInfo,
  files: UploadedFiles,
  referenced: Referenced,
  count: { n: number },
): AsyncGenerator<Buffer> {
  const refs = files.references
    .filter((r) => r.table === table.name)
    .map((r) => ({ ...r, at: table.columns.findIndex((c) => c.name === r.column) }))
    .filter((r) => r.at >= 0);
  for await (const batch of readRows(db, dialect, table)) {
    count.n += batch.length;
    for (const r of refs) {
      for (const row of batch) {
        const value = row[r.at];
        if (typeof value === 'string' && value !== '') referenced.set(r.path(value), { table: r.table, column: r.column });
      }
    }
    yield Buffer.from(batch.map((row) => `${encodeRow(row)}\n`).join(''));
  }
}

/** Copies every stored file, in the order of their paths. */
async function copyFiles(archive: ArchiveWriter, o: BackupOptions): Promise<Manifest['files']> {
  const listed: { path: string; size: number }[] = [];
  for await (const f of o.files.list()) listed.push(f);
  listed.sort((a, b) => (a.path < b.path ? -1 : 1));
  const out: Manifest['files'] = [];
  for (const f of listed) {
    const body = await o.files.read(f.path);
    // Deleted since it was listed: the rows of the snapshot may still name it (missingFiles).
    if (!body) continue;
    const written = await archive.add(fileEntry(f.path), body, { compress: false, size: f.size });
    out.push({ path: f.path, size: written.bytes, sha256: written.sha256 });
    await o.onProgress?.({ file: f.path, size: f.size });
  }
  return out;
}
