import { migrationNames } from '../../db/migrate.ts';
import type { ArchiveReader } from './archive.ts';
import { BackupError, compareVersions, fileEntry, FORMAT, FORMAT_VERSION, MANIFEST, manifestSchema, tableEntry, type Manifest } from './format.ts';

// Reading a backup's manifest and deciding whether this code can restore it, before the
// database is touched.

const MAX_MANIFEST_BYTES = 512 * 1024 * 1024;

export async function readManifest(archive: ArchiveReader, path: string): Promise<Manifest> {
  const size = archive.entries.get(MANIFEST);
  if (size === undefined) throw new BackupError(`${path} is not an IntVE backup: it has no ${MANIFEST}`);
  if (size > MAX_MANIFEST_BYTES) throw new BackupError(`${path} is not an IntVE backup: its ${MANIFEST} is too large`);
  let raw: unknown;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await archive.open(MANIFEST)) chunks.push(chunk as Buffer);
    raw = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new BackupError(`${path} is damaged: ${MANIFEST} cannot be read (${(error as Error).message})`);
  }
  const head = raw as { format?: unknown; formatVersion?: unknown };
  if (head?.format !== FORMAT) throw new BackupError(`${path} is not an IntVE backup (its ${MANIFEST} does not say "${FORMAT}")`);
  if (typeof head.formatVersion === 'number' && head.formatVersion > FORMAT_VERSION) {
    throw new BackupError(
      `${path} is in backup format ${head.formatVersion}, newer than this version of the platform reads (${FORMAT_VERSION}): restore it with a newer version`,
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupError(`${path} is damaged: ${MANIFEST} at ${issue.path.join('.') || 'the top'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Refuses a backup from a newer version of the platform, or one whose entries do not match its manifest. */
export function checkManifest(manifest: Manifest, archive: ArchiveReader, path: string, platform: { name: string; version: string }): void {
  const unknown = manifest.migrations.filter((m) => !migrationNames.includes(m));
  if (unknown.length > 0 || compareVersions(manifest.platform.version, platform.version) > 0) {
    throw new BackupError(
      `${path} was taken by a newer version of the platform (${manifest.platform.version}, migrations up to ${manifest.migrations.at(-1)}) than this one (${platform.version}, migrations up to ${migrationNames.at(-1)}): restore it with version ${manifest.platform.version} or later`,
    );
  }
  if (manifest.migrations.some((m, i) => migrationNames[i] !== m)) {
    throw new BackupError(`${path} was taken after migrations this version runs in another order (${manifest.migrations.join(', ')})`);
  }
  for (const t of manifest.tables) {
    if (!archive.entries.has(tableEntry(t.name))) throw new BackupError(`${path} is not a complete backup: ${tableEntry(t.name)} is missing`);
  }
  for (const f of manifest.files) {
    const size = archive.entries.get(fileEntry(f.path));
    if (size === undefined) throw new BackupError(`${path} is not a complete backup: ${fileEntry(f.path)} is missing`);
    if (size !== f.size) throw new BackupError(`${path} is damaged: ${fileEntry(f.path)} has ${size} bytes where the manifest says ${f.size}`);
  }
}
