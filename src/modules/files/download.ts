import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../http/errors.ts';
import { contentDisposition, opensInline } from './formats.ts';
import type { Attachment } from './repository.ts';
import type { ByteRange, FileStore } from './store.ts';

// Sending a stored file. The type is the one found in the content when it was uploaded, and
// nosniff stops browsers from guessing another. PDFs and images open in the tab, everything else
// downloads; either way the response runs in a CSP sandbox with nothing allowed, so a file can
// never act as a page of this site. The ETag is the content's SHA-256 (files never change under
// an id), with 304s, and single byte ranges for PDF viewers and resumed downloads.

export const FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
/** Public files: short enough that unpublishing takes effect soon, long enough to spare the store. */
export const PUBLIC_CACHE = 'public, max-age=900';
const PRIVATE_CACHE = 'private, no-store';

/** Whether If-None-Match names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/** One byte range from a Range header; null to send the whole file; 'unsatisfiable' for a 416. */
export function byteRange(header: string | undefined, ifRange: string | undefined, etag: string, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header || (ifRange !== undefined && ifRange !== etag)) return null;
  // Several ranges are allowed to be answered with the whole file.
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/** What sending a stored file needs to know of it: attachments' rows, and community posts' files. */
export type Sendable = Pick<Attachment, 'id' | 'fileName' | 'mediaType' | 'size' | 'sha256' | 'storageKey' | 'createdAt'>;

export async function sendAttachment(
  req: FastifyRequest,
  reply: FastifyReply,
  store: Pick<FileStore, 'get'>,
  a: Sendable,
  visibility: 'public' | 'private',
): Promise<FastifyReply> {
  const etag = `"${a.sha256}"`;
  const validators = { etag, 'cache-control': visibility === 'public' ? PUBLIC_CACHE : PRIVATE_CACHE, 'last-modified': new Date(a.createdAt).toUTCString() };
  if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).headers(validators).send();
  const ifRange = req.headers['if-range'];
  const range = byteRange(req.headers.range, Array.isArray(ifRange) ? ifRange[0] : ifRange, etag, a.size);
  if (range === 'unsatisfiable')
    return reply
      .code(416)
      .headers({ 'content-range': `bytes */${a.size}`, 'content-security-policy': FILE_CSP })
      .send();
  // Opened before any header is set, so a missing file gets a plain 404 page.
  const body = req.method === 'HEAD' ? null : await store.get(a.storageKey, range ?? undefined);
  if (req.method !== 'HEAD' && !body) {
    req.log.error({ attachment: a.id, key: a.storageKey }, 'stored file missing');
    throw new NotFoundError('file');
  }
  reply.headers({
    ...validators,
    'content-type': a.mediaType,
    'x-content-type-options': 'nosniff',
    'content-disposition': contentDisposition(a.fileName, opensInline(a.mediaType)),
    'content-security-policy': FILE_CSP,
    'accept-ranges': 'bytes',
    'content-length': range ? range.end - range.start + 1 : a.size,
  });
  if (range) reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${a.size}`);
  return reply.send(body ?? undefined);
}
