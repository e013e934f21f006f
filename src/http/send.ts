import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { compressLater, type Rendered } from './page-cache.ts';

// Sends a rendered response with an ETag (304 when unchanged) and the best compression the client
// accepts. Cached pages carry their compressed forms; fresh ones are compressed here.

const MIN_COMPRESS = 1024;

function pickEncoding(request: FastifyRequest): 'br' | 'gzip' | null {
  const accept = request.headers['accept-encoding'];
  if (typeof accept !== 'string') return null;
  if (/\bbr\b/.test(accept)) return 'br';
  if (/\bgzip\b/.test(accept)) return 'gzip';
  return null;
}

/** The encoding sendRendered() will send this page in, or null (uncompressed). */
export function encodingFor(request: FastifyRequest, page: Rendered): 'br' | 'gzip' | null {
  return page.body.length >= MIN_COMPRESS ? pickEncoding(request) : null;
}

export function sendRendered(request: FastifyRequest, reply: FastifyReply, page: Rendered, cacheControl = 'no-cache'): FastifyReply {
  reply.header('vary', 'Accept-Encoding').header('cache-control', cacheControl).header('etag', page.etag);
  if (page.status === 200 && request.headers['if-none-match'] === page.etag) return reply.code(304).send();
  reply.code(page.status).type(page.type);
  const encoding = encodingFor(request, page);
  if (encoding) return reply.header('content-encoding', encoding).send(page[encoding]);
  return reply.send(page.body);
}

/** Sends text produced for this request only (search results, error pages). */
export function sendText(request: FastifyRequest, reply: FastifyReply, text: string, type: string, status = 200): FastifyReply {
  const body = Buffer.from(text);
  const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
  reply.header('vary', 'Accept-Encoding').header('cache-control', 'no-cache').header('etag', etag);
  if (status === 200 && request.headers['if-none-match'] === etag) return reply.code(304).send();
  reply.code(status).type(type);
  return sendCompressed(request, reply, body);
}

/** brotli's quality for a body sent once: a little faster than for pages kept (page-cache.ts) */
const ONCE_QUALITY = 4;

/**
 * Sends the body compressed for the client when it accepts it and the body is worth it. The
 * compression runs in libuv's thread pool (a report is a few hundred KB: compressing it on the
 * event loop held every other request for milliseconds); the reply is returned at once and sent
 * when it is done, which Fastify waits for (a reply is thenable).
 */
function sendCompressed(request: FastifyRequest, reply: FastifyReply, body: Buffer): FastifyReply {
  const encoding = body.length >= MIN_COMPRESS ? pickEncoding(request) : null;
  if (!encoding) return reply.send(body);
  void compressLater(body, encoding, ONCE_QUALITY).then(
    (data) => reply.header('content-encoding', encoding).send(data),
    (error: unknown) => reply.send(error instanceof Error ? error : new Error(String(error))),
  );
  return reply;
}

/**
 * Sends a page meant for one signed-in person: never stored by browsers or proxies, and
 * compressed like public pages when the client accepts it (a report is a few hundred KB of HTML).
 */
export function sendPrivate(reply: FastifyReply, body: string, status = 200): FastifyReply {
  reply.code(status).header('cache-control', 'no-store').header('vary', 'Accept-Encoding').type('text/html; charset=utf-8');
  return sendCompressed(reply.request, reply, Buffer.from(body));
}
