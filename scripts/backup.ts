// Writes a backup of everything on the platform into one file, while the platform serves:
//   npm run backup -- --out FILE        (FILE must not exist yet; a .zip)
// Every table (sign-in sessions aside) as it was at one moment, and every uploaded file (centre
// logos, attachments on disk or in the S3 bucket). Uses DATABASE_URL, UPLOADS_DIR and the S3
// settings like the platform. `npm run restore` puts a backup back; README.md says more.
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import { backup, BackupError, workFiles } from '../src/backup.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { count, progress, size } from './backup-output.ts';

let out: string | undefined;
try {
  out = parseArgs({ options: { out: { type: 'string' } } }).values.out;
} catch {
  out = undefined;
}
if (!out) {
  console.error('Usage: npm run backup -- --out <file.zip>');
  process.exit(2);
}

// Interrupted, it leaves no half-written backup behind (the finished file is never touched).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    const { partial, snapshot } = workFiles(out);
    for (const file of [partial, snapshot, `${snapshot}-wal`, `${snapshot}-shm`]) rmSync(file, { force: true });
    console.error('Backup interrupted: nothing was written.');
    process.exit(130);
  });
}

try {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl, { poolSize: 2 });
  try {
    const { manifest, bytes } = await backup(database, config, out, progress('Backing up'));
    const rows = manifest.tables.reduce((s, t) => s + t.rows, 0);
    const fileBytes = manifest.files.reduce((s, f) => s + f.size, 0);
    console.log(
      `Backed up ${count(manifest.tables.length, 'table', 'tables')} (${count(rows, 'row', 'rows')}) and ${count(manifest.files.length, 'file', 'files')} (${size(fileBytes)}) to ${out} (${size(bytes)}).`,
    );
    console.log(`The rows are as they were at ${manifest.takenAt}, at migration ${manifest.migrations.at(-1)}. Sign-in sessions are not included.`);
    if (manifest.missingFiles.length > 0) {
      console.warn(`Warning: ${count(manifest.missingFiles.length, 'file', 'files')} the database names could not be found, so the backup lacks them:`);
      for (const m of manifest.missingFiles) console.warn(`  ${m.path} (${m.table}.${m.column})`);
    }
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof BackupError ? error.message : `Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
