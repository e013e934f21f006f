import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Config } from '../../config.ts';

// Where attachment bytes live: a folder on disk (the default) or an S3-compatible bucket. Both
// take the same keys, made by newKey(), and refuse any other shape of key, so a key can never
// reach outside the folder or the prefix.

export interface ByteRange {
  start: number;
  /** inclusive, as in HTTP */
  end: number;
}

export interface FileStore {
  readonly kind: 'disk' | 's3';
  /** Stores bytes under a key. The size must be known: S3 needs it before the first byte. */
  put(key: string, body: Buffer | Readable, o: { size: number; type: string }): Promise<void>;
  /** The bytes (or a range of them) as a stream, or null when nothing is stored under the key. */
  get(key: string, range?: ByteRange): Promise<Readable | null>;
  getBuffer(key: string): Promise<Buffer | null>;
  /** Removes the bytes; nothing stored under the key is not an error. */
  delete(key: string): Promise<void>;
  /** Every key stored under the prefix ("attachments/"), with its size: what a backup copies. */
  keys(prefix: string): AsyncIterable<{ key: string; size: number }>;
  close(): void;
}

export class UnsafeKeyError extends Error {
  constructor(key: string) {
    super(`unsafe storage key: ${JSON.stringify(key.slice(0, 100))}`);
  }
}

/** Lowercase letters and digits in segments joined by "/", "-", "_" or ".": no "..", no leading "/". */
const KEY = /^[a-z0-9]+(?:[/_.-][a-z0-9]+)*$/;

function checked(key: string): string {
  if (key.length > 200 || !KEY.test(key)) throw new UnsafeKeyError(key);
  return key;
}

/** Where every key starts, in the bucket and under the uploads folder. */
export const KEY_PREFIX = 'attachments/';

/** A new random key, spread over 256 folders: "attachments/3f/3f9c…". */
export function newKey(): string {
  const id = randomBytes(16).toString('hex');
  return `${KEY_PREFIX}${id.slice(0, 2)}/${id}`;
}

/** Counts what passes, to check that what was written is what was announced. */
function counter(): Transform & { bytes: number } {
  const t = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      t.bytes += chunk.length;
      done(null, chunk);
    },
  }) as Transform & { bytes: number };
  t.bytes = 0;
  return t;
}

export function diskStore(root: string): FileStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = resolve(base, checked(key));
    if (!path.startsWith(base + sep)) throw new UnsafeKeyError(key);
    return path;
  };
  const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';
  return {
    kind: 'disk',
    async put(key, body, o) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written beside its final place, then renamed: a reader never sees half a file.
      const partial = `${path}.${randomBytes(6).toString('hex')}.part`;
      const count = counter();
      try {
        await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, count, createWriteStream(partial, { flags: 'wx', mode: 0o640 }));
        if (count.bytes !== o.size) throw new Error(`stored ${count.bytes} bytes, expected ${o.size}`);
        await rename(partial, path);
      } catch (error) {
        await unlink(partial).catch(() => undefined);
        throw error;
      }
    },
    async get(key, range) {
      try {
        const handle = await open(pathOf(key), 'r');
        return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async getBuffer(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if (missing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await unlink(pathOf(key)).catch((error: unknown) => {
        if (!missing(error)) throw error;
      });
    },
    async *keys(prefix) {
      const entries = await readdir(join(base, prefix), { recursive: true, withFileTypes: true }).catch((error: unknown) => {
        if (missing(error)) return [];
        throw error;
      });
      for (const e of entries) {
        if (!e.isFile()) continue;
        const key = relative(base, join(e.parentPath, e.name)).split(sep).join('/');
        // A file still being written (see put) is not stored yet.
        if (!KEY.test(key) || key.endsWith('.part')) continue;
        const info = await stat(join(e.parentPath, e.name)).catch(() => null);
        if (info) yield { key, size: info.size };
      }
    },
    close() {},
  };
}

export function s3Store(c: S3Config): FileStore {
  // The SDK is loaded with the store (only when a bucket is configured), in the background: the
  // first request that needs it waits for it.
  const loaded = import('@aws-sdk/client-s3').then((m) => ({
    m,
    client: new m.S3Client({
      region: c.region,
      forcePathStyle: c.forcePathStyle,
      ...(c.endpoint ? { endpoint: c.endpoint } : {}),
      ...(c.credentials ? { credentials: c.credentials } : {}),
      // Many S3-compatible stores do not understand the SDK's default streaming checksums (they
      // would store the chunk framing as content); checksums are sent only where required.
      ...(c.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const } : {}),
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
      maxAttempts: 3,
    }),
  }));
  // A failed load is reported by the first request that needs the SDK, not as an unhandled rejection.
  loaded.catch(() => undefined);
  const missing = (error: unknown) => {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
  };
  const get = async (key: string, range?: ByteRange): Promise<Readable | null> => {
    try {
      const { m, client } = await loaded;
      const out = await client.send(
        new m.GetObjectCommand({ Bucket: c.bucket, Key: checked(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
      );
      return out.Body as Readable;
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
  };
  return {
    kind: 's3',
    async put(key, body, o) {
      const { m, client } = await loaded;
      await client.send(new m.PutObjectCommand({ Bucket: c.bucket, Key: checked(key), Body: body, ContentLength: o.size, ContentType: o.type }));
    },
    get,
    async getBuffer(key) {
      const stream = await get(key);
      if (!stream) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    async delete(key) {
      const { m, client } = await loaded;
      await client.send(new m.DeleteObjectCommand({ Bucket: c.bucket, Key: checked(key) }));
    },
    async *keys(prefix) {
      const { m, client } = await loaded;
      let token: string | undefined;
      do {
        const page = await client.send(new m.ListObjectsV2Command({ Bucket: c.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
        for (const o of page.Contents ?? []) if (o.Key && KEY.test(o.Key)) yield { key: o.Key, size: o.Size ?? 0 };
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    close: () => void loaded.then(({ client }) => client.destroy()).catch(() => undefined),
  };
}

/** S3 when configured, else the disk under the uploads folder. */
export const createStore = (o: { s3: S3Config | null; uploadsDir: string }): FileStore => (o.s3 ? s3Store(o.s3) : diskStore(o.uploadsDir));
