import { brotliCompress, brotliCompressSync, constants, gzip as gzipAsync, gzipSync, type BrotliOptions, type ZlibOptions } from 'node:zlib';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';

// Rendered pages that do not change per request are kept with their compressed forms and ETag.
// Every entry remembers the content version it was rendered from; a newer version misses.
// Bounded: past its capacity the least recently used entry goes.

export interface Rendered {
  readonly body: Buffer;
  /** compressed on first use: a page asked for in one encoding (a search nobody repeats) pays for that one only */
  readonly gzip: Buffer;
  readonly br: Buffer;
  /**
   * Compresses it in the encoding given, off the event loop (in libuv's thread pool), unless
   * already done: after it, `gzip` or `br` costs nothing. A page rendered for one request
   * (a new search) thus never blocks other requests while it is compressed.
   */
  prepare(encoding: 'gzip' | 'br'): Promise<void>;
  readonly etag: string;
  readonly type: string;
  readonly status: number;
}

const GZIP: ZlibOptions = { level: 6 };
const BROTLI: BrotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };
const gzipLater = promisify<Buffer, ZlibOptions, Buffer>(gzipAsync);
const brotliLater = promisify<Buffer, BrotliOptions, Buffer>(brotliCompress);

export function renderedFrom(text: string, type: string, status = 200): Rendered {
  const body = Buffer.from(text);
  let gzip: Buffer | undefined;
  let br: Buffer | undefined;
  // one compression at a time per encoding, however many requests wait for it
  let gzipping: Promise<void> | undefined;
  let brotliing: Promise<void> | undefined;
  return {
    body,
    get gzip() {
      return (gzip ??= gzipSync(body, GZIP));
    },
    get br() {
      return (br ??= brotliCompressSync(body, BROTLI));
    },
    prepare(encoding) {
      if (encoding === 'gzip') {
        if (gzip) return Promise.resolve();
        return (gzipping ??= gzipLater(body, GZIP).then((b) => void (gzip ??= b)));
      }
      if (br) return Promise.resolve();
      return (brotliing ??= brotliLater(body, BROTLI).then((b) => void (br ??= b)));
    },
    etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`,
    type,
    status,
  };
}

export class PageCache {
  private readonly entries = new Map<string, { version: string; page: Rendered; used: number }>();
  private readonly capacity: number;
  /** counts uses: an entry remembers when it was last used */
  private clock = 0;
  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get(key: string, version: string): Rendered | undefined {
    const hit = this.entries.get(key);
    if (!hit || hit.version !== version) return undefined;
    // A hit only stamps the entry (no reordering of the Map on every request); the scan for the
    // least recently used happens when a new page must push one out, after a render anyway.
    hit.used = ++this.clock;
    return hit.page;
  }

  set(key: string, version: string, page: Rendered): void {
    if (this.capacity === 0) return;
    if (this.entries.size >= this.capacity && !this.entries.has(key)) {
      let oldest: string | undefined;
      let least = Infinity;
      for (const [k, e] of this.entries) {
        if (e.used < least) {
          least = e.used;
          oldest = k;
        }
      }
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { version, page, used: ++this.clock });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
