import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { LOGO_FOLDER } from './modules/centres/logos.ts';
import { createStore, KEY_PREFIX } from './modules/files/store.ts';
import { rebuildSearchIndex } from './modules/search/index.ts';
import { takeBackup, type BackupSummary, type Progress } from './platform/backup/backup.ts';
import { BackupError, isSafePath, workFiles, type UploadedFiles } from './platform/backup/format.ts';
import { restoreBackup, type RestoreSummary } from './platform/backup/restore.ts';

// What a backup of this platform holds, wired the way the server wires it (app.ts): every table
// the migrations made (platform/backup reads them from the database's catalogue), the files under
// UPLOADS_DIR (centre logos) and the attachment store (the same folder, or the S3 bucket); and
// what a restore rebuilds: the search index. `npm run backup` and `npm run restore` call these.

export { BackupError, workFiles, type BackupSummary, type Progress, type RestoreSummary };

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
/** This code's name and version, written into each backup; a restore refuses a backup from a newer one. */
export const platform = { name: pkg.name, version: pkg.version };

type FilesConfig = Pick<Config, 'uploadsDir' | 's3'>;
/** Called after each table and file, and awaited. */
type OnProgress = (p: Progress) => void | Promise<void>;

/** The uploaded files: everything under UPLOADS_DIR but the attachments, then the attachments from their store. */
export function uploadedFiles(config: FilesConfig): UploadedFiles & { close(): void } {
  const root = resolve(config.uploadsDir);
  const store = createStore(config);
  const isAttachment = (path: string) => path.startsWith(KEY_PREFIX);
  const onDisk = (path: string) => {
    const full = resolve(root, path);
    if (!isSafePath(path) || !full.startsWith(root + sep)) throw new BackupError(`unsafe file path in the backup: ${JSON.stringify(path.slice(0, 200))}`);
    return full;
  };
  const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';
  return {
    async *list() {
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
        if (missing(error)) return [];
        throw error;
      });
      for (const e of entries) {
        if (!e.isFile()) continue;
        const path = relative(root, join(e.parentPath, e.name)).split(sep).join('/');
        // Attachments come from their store below (which may be a bucket); ".part" files are uploads still being written.
        if (isAttachment(path) || path.endsWith('.part') || !isSafePath(path)) continue;
        const handle = await open(join(root, path)).catch(() => null);
        if (!handle) continue;
        const { size } = await handle.stat();
        await handle.close();
        yield { path, size };
      }
      for await (const { key, size } of store.keys(KEY_PREFIX)) yield { path: key, size };
    },
    async read(path) {
      if (isAttachment(path)) return store.get(path);
      try {
        return (await open(onDisk(path), 'r')).createReadStream();
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async write(path, body, size) {
      if (isAttachment(path)) return store.put(path, body, { size, type: 'application/octet-stream' });
      const full = onDisk(path);
      await mkdir(dirname(full), { recursive: true });
      // Beside its final place, then renamed, as the stores write: a reader never sees half a file.
      const partial = `${full}.${randomBytes(6).toString('hex')}.part`;
      try {
        await pipeline(body, createWriteStream(partial, { flags: 'wx', mode: 0o640 }));
        await rename(partial, full);
      } catch (error) {
        await unlink(partial).catch(() => undefined);
        throw error;
      }
    },
    async remove(path) {
      if (isAttachment(path)) return store.delete(path);
      await unlink(onDisk(path)).catch((error: unknown) => {
        if (!missing(error)) throw error;
      });
    },
    references: [
      { table: 'attachments', column: 'storage_key', path: (key) => key },
      { table: 'centres', column: 'logo', path: (file) => `${LOGO_FOLDER}/${file}` },
    ],
    close: () => store.close(),
  };
}

/** Writes a backup of the platform's database and files to `out` (which must not exist). */
export async function backup(database: Database, config: FilesConfig, out: string, onProgress?: OnProgress): Promise<BackupSummary> {
  const files = uploadedFiles(config);
  try {
    return await takeBackup(database, { out, files, platform, ...(onProgress ? { onProgress } : {}) });
  } finally {
    files.close();
  }
}

/** Restores a backup into the database and the file stores the configuration names. */
export async function restore(
  database: Database,
  config: FilesConfig,
  file: string,
  o: { replace?: boolean; onProgress?: OnProgress } = {},
): Promise<RestoreSummary> {
  const files = uploadedFiles(config);
  try {
    return await restoreBackup(database, file, {
      files,
      platform,
      replace: o.replace ?? false,
      rebuild: async (db, dialect) => void (await rebuildSearchIndex(db, dialect)),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
  } finally {
    files.close();
  }
}
