import type { Readable } from 'node:stream';
import { z } from 'zod';

// The backup format, the same whichever engine wrote it or reads it back (decision 0009): a zip
// holding manifest.json, one file of rows per table (tables/<name>.jsonl: a JSON array per row,
// values in the manifest's column order) and the uploaded files (files/<path>). Values are JSON
// as they are (numbers, text, null, true/false); bytes and non-finite numbers are small objects
// (encodeRow).

/** Raised for anything a person can act on: a damaged file, a database that is not empty, a newer backup. One line, no stack. */
export class BackupError extends Error {}

export const FORMAT = 'intve-backup';
/** Raised when the format changes in a way older code cannot read. */
export const FORMAT_VERSION = 1;

export const MANIFEST = 'manifest.json';

/**
 * The files a backup to `out` writes beside it while it runs: the zip until it is complete, and
 * on SQLite the copy its rows are read from. Both are removed when it ends, also after a failure;
 * the command removes them when it is interrupted.
 */
export const workFiles = (out: string) => ({ partial: `${out}.partial`, snapshot: `${out}.snapshot.db` });
export const tableEntry = (table: string) => `tables/${table}.jsonl`;
export const fileEntry = (path: string) => `files/${path}`;

/**
 * Left out: sign-in sessions (a restored platform asks everyone to sign in again), and the job
 * queue's table on SQLite (on PostgreSQL the queue is pg-boss's own schema, which a backup never
 * reads): jobs waiting belong to the running platform, and one engine's could not be put into
 * the other's queue. Mail still waiting when a backup is taken is not in it (decision 0009).
 */
export const LEFT_OUT_TABLES: readonly string[] = ['sessions', 'jobs'];

/** Column types a backup carries between engines (decision 0009 says how a new one is added). */
export const columnTypes = ['integer', 'real', 'text', 'blob', 'boolean'] as const;
export type ColumnType = (typeof columnTypes)[number];

/** A relative path whose every segment is a plain name: nothing that can climb out of the folder it is put in. */
const plainName = (s: string) => s !== '' && s !== '.' && s !== '..' && ![...s].some((c) => c === '\\' || c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127);
export const isSafePath = (path: string): boolean => path.length <= 1000 && path.split('/').every(plainName);
const safePath = z.string().refine(isSafePath, 'a relative path without . or .. segments');
const name = z.string().regex(/^[a-z_][a-z0-9_]*$/);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().min(0);

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.number().int().min(1),
  platform: z.object({ name: z.string(), version: z.string().regex(/^\d+\.\d+\.\d+/) }),
  takenAt: z.iso.datetime(),
  engine: z.enum(['sqlite', 'postgres']),
  migrations: z.array(z.string().min(1)).min(1),
  tables: z.array(
    z.object({
      name,
      columns: z.array(z.object({ name, type: z.enum(columnTypes) })).min(1),
      rows: count,
      sha256,
      /** the highest id the table's sequence has handed out, so a restored platform never hands it out again */
      lastId: count.optional(),
    }),
  ),
  files: z.array(z.object({ path: safePath, size: count, sha256 })),
  /** files the rows name that were not found in the store when the backup was taken */
  missingFiles: z.array(z.object({ path: z.string(), table: name, column: name })),
  leftOut: z.array(z.string()),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type TableManifest = Manifest['tables'][number];

/** Where the uploaded files live: handed in by the caller, since the stores belong to features (src/backup.ts). */
export interface UploadedFiles {
  /** Every stored file, with its path in the backup ("logos/….webp", "attachments/3f/…"). */
  list(): AsyncIterable<{ path: string; size: number }>;
  /** The file's bytes, or null when it is gone. */
  read(path: string): Promise<Readable | null>;
  write(path: string, body: Readable, size: number): Promise<void>;
  remove(path: string): Promise<void>;
  /** Columns whose values name a stored file, and the path each value stands for. */
  references: readonly { table: string; column: string; path(value: string): string }[];
}

/** A row as JSON: values as they are; bytes as {"base64": …}, and infinities and NaN, which JSON lacks, as {"number": "Infinity"}. */
export function encodeRow(values: unknown[]): string {
  return JSON.stringify(
    values.map((v) => {
      if (v instanceof Uint8Array) return { base64: Buffer.from(v).toString('base64') };
      if (typeof v === 'number' && !Number.isFinite(v)) return { number: String(v) };
      return v;
    }),
  );
}

const decodeValue = (v: unknown): unknown => {
  if (v === null || typeof v !== 'object') return v;
  if ('base64' in v && typeof v.base64 === 'string') return Buffer.from(v.base64, 'base64');
  if ('number' in v && typeof v.number === 'string') return Number(v.number);
  return undefined;
};

/** A row back from JSON; null when the line is not an array of `width` values. */
export function decodeRow(line: string, width: number): unknown[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== width) return null;
  const values = parsed.map(decodeValue);
  return values.includes(undefined) ? null : values;
}

/** -1, 0 or 1 as version a is older, the same or newer than b (numeric major.minor.patch). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).slice(0, 3).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
  return 0;
}
