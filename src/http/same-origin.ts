import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

// Behind the CSRF token, a second check on every request that changes something (POST, PUT,
// PATCH, DELETE, in every scope): where the browser says the request comes from.
// - Sec-Fetch-Site, which every current browser sends and no page can forge: "same-origin" and
//   "none" (the person typed or bookmarked it) pass; "cross-site" is refused, and so is
//   "same-site": the platform has no sibling site that may send it forms, and a sibling
//   subdomain someone else runs (or took over) must not be able to.
// - Without it, Origin: the platform's own origin (BASE_URL, or behind a trusted proxy the
//   address the proxy names) passes; any other, "null" included, is refused.
// - With neither (old browsers, scripts, curl), the CSRF token decides alone.
// Refused requests get 403 and the error page that says the form was sent from another website.

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request that changes something, sent from another site: 403, like a failed CSRF check. */
export class CrossSiteRequestError extends Error {
  readonly statusCode = 403;
  constructor(from: string) {
    super(`cross-site request refused (${from})`);
  }
}

/** The onRequest hook app.ts registers once for every scope; it runs before any body is read. */
export function sameOriginHook(config: Pick<Config, 'baseUrl' | 'trustProxy'>) {
  const own = new URL(config.baseUrl).origin;
  return (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void => {
    if (!CHANGES.has(request.method)) return done();
    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string') return done(site === 'same-origin' || site === 'none' ? undefined : new CrossSiteRequestError(`Sec-Fetch-Site: ${site}`));
    const origin = request.headers.origin;
    if (origin === undefined) return done();
    const proxied = config.trustProxy && origin === `${request.protocol}://${request.host}`;
    done(origin === own || proxied ? undefined : new CrossSiteRequestError(`Origin: ${origin}`));
  };
}
