import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';

// Rendered pages that do not change per request are kept with their compressed forms and ETag.
// Every entry remembers the content version it was rendered from; a newer version misses.
// Bounded: past its capacity the least recently used entry goes.

export interface Rendered {
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
  type: string;
  status: number;
}

export function renderedFrom(text: string, type: string, status = 200): Rendered {
  const body = Buffer.from(text);
  return {
    body,
    gzip: gzipSync(body, { level: 6 }),
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
    etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`,
    type,
    status,
  };
}

export class PageCache {
  private readonly entries = new Map<string, { version: string; page: Rendered }>();
  private readonly capacity: number;
  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get(key: string, version: string): Rendered | undefined {
    const hit = this.entries.get(key);
    if (!hit || hit.version !== version) return undefined;
    // Least recently used goes first: a hit moves to the end of the Map's order.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.page;
  }

  set(key: string, version: string, page: Rendered): void {
    if (this.capacity === 0) return;
    if (this.entries.size >= this.capacity && !this.entries.has(key)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { version, page });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
