// Puts a backup made by `npm run backup` into an empty database and the file stores:
//   npm run restore -- FILE               into the database DATABASE_URL names, which must be empty
//   npm run restore -- FILE --replace     deletes what that database holds first
// The database may be another engine than the backup's (SQLite to PostgreSQL is how a growing
// platform moves). Uses DATABASE_URL, UPLOADS_DIR and the S3 settings like the platform; stop
// the platform while it runs. README.md says more.
import { parseArgs } from 'node:util';
import { BackupError, restore } from '../src/backup.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { count, progress, size } from './backup-output.ts';

let args: { file: string | undefined; replace: boolean };
try {
  const { values, positionals } = parseArgs({ options: { replace: { type: 'boolean', default: false } }, allowPositionals: true });
  const files = positionals.filter((p) => p !== '--');
  args = { file: files.length === 1 ? files[0] : undefined, replace: values.replace };
} catch {
  args = { file: undefined, replace: false };
}
if (!args.file) {
  console.error('Usage: npm run restore -- <backup.zip> [--replace]');
  process.exit(2);
}

const engines = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

try {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl, { poolSize: 2 });
  try {
    const r = await restore(database, config, args.file, { replace: args.replace, onProgress: progress('Restoring') });
    const m = r.manifest;
    const rows = r.tables.reduce((s, t) => s + t.rows, 0);
    console.log(
      `Restored ${args.file}, taken ${m.takenAt} on ${engines[m.engine]} by ${m.platform.name} ${m.platform.version} (migration ${m.migrations.at(-1)}), into ${engines[database.dialect]}:`,
    );
    console.log(
      `  ${count(r.tables.length, 'table', 'tables')} with ${count(rows, 'row', 'rows')}, and ${count(r.files.count, 'file', 'files')} (${size(r.files.bytes)}); every row count and checksum matches the backup's manifest.`,
    );
    console.log(
      `  The search index was rebuilt. ${r.newerMigrations.length ? `Newer migrations run: ${r.newerMigrations.join(', ')}.` : 'No newer migrations to run.'}`,
    );
    console.log(`  Rows: ${r.tables.map((t) => `${t.name} ${t.rows}`).join(', ')}.`);
    console.log('Sign-in sessions are not in a backup: everyone signs in again.');
    if (m.missingFiles.length > 0) {
      console.warn(`Warning: the backup lacked ${count(m.missingFiles.length, 'file', 'files')} the database names (missing when it was taken):`);
      for (const f of m.missingFiles) console.warn(`  ${f.path} (${f.table}.${f.column})`);
    }
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof BackupError ? error.message : `Restore failed: ${(error as Error).message}`);
  process.exit(1);
}
