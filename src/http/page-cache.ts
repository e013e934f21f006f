import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { brotliLater, brotliOptions, gzipLater, GZIP } from './compress.ts';

// Rendered pages that do not change per request are kept with their compressed forms and ETag.
// Every entry remembers the content version it was rendered from; a newer version misses.
// Bounded by entries and by bytes: past either, the least recently used entries go.

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

/** brotli's quality for pages compressed once and kept; a page sent once (send.ts) uses less */
const KEPT_QUALITY = 5;

/** The body compressed in libuv's thread pool, off the event loop (gzip level 6, or brotli at `quality`): compress.ts. */
export function compressLater(body: Buffer, encoding: 'gzip' | 'br', quality = KEPT_QUALITY): Promise<Buffer> {
  return encoding === 'br' ? brotliLater(body, quality) : gzipLater(body);
}

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
      return (br ??= brotliCompressSync(body, brotliOptions(KEPT_QUALITY, body.length)));
    },
    prepare(encoding) {
      if (encoding === 'gzip') {
        if (gzip) return Promise.resolve();
        return (gzipping ??= compressLater(body, 'gzip').then((b) => void (gzip ??= b)));
      }
      if (br) return Promise.resolve();
      return (brotliing ??= compressLater(body, 'br').then((b) => void (br ??= b)));
    },
    etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`,
    type,
    status,
  };
}

/** What a page costs the cache: its bytes, and a quarter more for the compressed forms it gains when asked for. */
const costOf = (page: Rendered) => Math.ceil(page.body.length * 1.25);

export class PageCache {
  private readonly entries = new Map<string, { version: string; page: Rendered; used: number; cost: number }>();
  private readonly capacity: number;
  private readonly maxBytes: number;
  private used = 0;
  /** counts uses: an entry remembers when it was last used */
  private clock = 0;
  constructor(capacity: number, maxBytes = Infinity) {
    this.capacity = capacity;
    this.maxBytes = maxBytes;
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
    const cost = costOf(page);
    if (this.capacity === 0 || cost > this.maxBytes) return;
    this.remove(key);
    while (this.entries.size > 0 && (this.entries.size >= this.capacity || this.used + cost > this.maxBytes)) {
      let oldest: string | undefined;
      let least = Infinity;
      for (const [k, e] of this.entries) {
        if (e.used < least) {
          least = e.used;
          oldest = k;
        }
      }
      this.remove(oldest!);
    }
    this.entries.set(key, { version, page, used: ++this.clock, cost });
    this.used += cost;
  }

  private remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.used -= e.cost;
  }

  clear(): void {
    this.entries.clear();
    this.used = 0;
  }

  /** What the pages kept cost, in bytes (their text and a quarter more for compressed forms). */
  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }
}
