import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Lang } from '../i18n/languages.ts';
import type { Assets } from './assets.ts';
import type { ContentState } from '../platform/content-version/content-state.ts';
import { pageContext, type PageContext } from './context.ts';
import { PageCache, renderedFrom } from './page-cache.ts';
import { langOfUrl } from './lang.ts';
import { spliceSlot, type PersonalSlot } from './personal.ts';
import { encodingFor, sendPrivate, sendRendered, sendText } from './send.ts';
import { Turns } from './turns.ts';
import { addressKey } from '../platform/rate-limits/rate-limits.ts';

// What every route module gets from the application: configuration, the database, and the
// helpers that turn views into responses (page contexts, the page caches). Services are not in
// here: each route module is handed the services it uses, so this file depends on no feature
// and no feature depends on app.ts (docs/decisions/0003-app-context.md).

export interface AppContext {
  config: Config;
  database: Database;
  content: ContentState;
  assets: Assets;
  cache: PageCache;
  /** the rendered search and e-library result pages (cachedSearchPage) */
  searchCache: PageCache;
  /** new searches wait here for their turn (http/turns.ts) */
  turns: Turns;
  /**
   * Start-up work under way that /readyz waits for (the search index's warm-up, started by
   * server.ts): while it is not empty the instance answers but says it is not ready, so a load
   * balancer does not send it searches that would wait seconds for the index.
   */
  warmingUp: Set<string>;
  ctx(request: FastifyRequest, lang: Lang): PageContext;
  /** The context of a page rendered for a given address (e.g. a canonical one) rather than the request's. */
  ctxFor(lang: Lang, url: string): PageContext;
  /**
   * The fast path of the pages cachedPage() keeps: a GET whose address is in the page cache (for
   * the current content version), from someone not signed in, is sent from the cache before
   * any body parsing, preHandler or route handler runs (app.ts calls it from its onRequest hook).
   * True when the page was sent. Only the route itself ever puts an address in the cache, after
   * it checked its parameters and rendered it, so the same address always gets the same bytes.
   * Routes that keep their own answers in `cache` (the feed, the sitemaps) must send them with
   * sendRendered() as this does, and key them by request.url.
   */
  sendCached(request: FastifyRequest, reply: FastifyReply): boolean;
  /**
   * Renders (or takes from the cache) a page that is the same for everyone. It is kept under its
   * path: a query string the page does not read (`?junk=1`) neither renders it again nor takes
   * another place in the cache. A page that reads its query passes `key`, the canonical address of
   * what it shows (the path and the parameters it reads, in a fixed order).
   */
  cachedPage(request: FastifyRequest, reply: FastifyReply, render: () => Promise<string>, key?: string): Promise<FastifyReply>;
  /**
   * Renders (or takes from the search cache) a page of search results. The key is the canonical
   * form of the query, so parameters the page ignores cannot split the cache. A page not in the
   * cache waits for its turn (http/turns.ts); `admit` runs before that wait and may throw to refuse.
   */
  cachedSearchPage(request: FastifyRequest, reply: FastifyReply, key: string, render: () => Promise<string>, admit?: () => void): Promise<FastifyReply>;
  /** Sends a page rendered for this request only (still the same for everyone but the header's account slot). */
  freshPage(request: FastifyRequest, reply: FastifyReply, html: string, status?: number): Promise<FastifyReply>;
}

export function createAppContext(o: {
  config: Config;
  database: Database;
  content: ContentState;
  assets: Assets;
  /** the signed-in person's header slot for a request that carries a session (http/personal.ts) */
  personal?: PersonalSlot;
  /** the session cookie's name: requests without it cannot be signed in (every request with a cookie may be, without it) */
  sessionCookie?: string;
}): AppContext {
  const { config, content, assets, personal, sessionCookie } = o;
  /** Whether the request may be a signed-in person's: only then is the personal slot looked up. */
  const mayBeSignedIn = (request: FastifyRequest): boolean => {
    if (!personal) return false;
    const cookie = request.headers.cookie;
    return cookie !== undefined && (sessionCookie === undefined || cookie.includes(sessionCookie));
  };
  /** The page as the signed-in person sees it (never stored), or null: no session, or no slot in the page. */
  const personalised = async (request: FastifyRequest, body: () => string): Promise<string | null> => {
    if (!personal || !mayBeSignedIn(request)) return null;
    const slot = await personal(request, langOfUrl(request.url) ?? 'en');
    return slot === null ? null : spliceSlot(body(), slot);
  };
  const cache = new PageCache(config.pageCacheEntries);
  // Searches get their own cache, so a stream of different queries cannot push content pages out.
  // Bounded in bytes too: a results page is 40–60 KB, and 2,000 of them would hold 120 MB.
  const searchCache = new PageCache(config.searchCacheEntries, config.searchCacheBytes);
  const turns = new Turns();
  const ctxFor = (lang: Lang, url: string): PageContext => {
    const q = url.indexOf('?');
    const path = (q === -1 ? url : url.slice(0, q)).slice(lang.length + 1) || '/';
    return pageContext(lang, path.length > 1 ? path.replace(/\/$/, '') : path, q === -1 ? '' : url.slice(q), config.baseUrl, (n) => assets.url(n));
  };
  const cached = async (
    pages: PageCache,
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    render: () => Promise<string>,
    queued = false,
    admit?: () => void,
  ) => {
    let page = pages.get(key, content.version());
    if (!page && queued) {
      // A refusal (fair use) comes before the wait, so a client over its budget is told at once.
      admit?.();
      await turns.take(addressKey(request.ip));
      // someone may have asked for the same page while this one waited
      page = pages.get(key, content.version());
    }
    if (!page) {
      const version = content.version();
      page = renderedFrom(await render(), 'text/html; charset=utf-8');
      pages.set(key, version, page);
    }
    if (mayBeSignedIn(request)) {
      const own = await personalised(request, () => page.body.toString());
      if (own !== null) return sendPrivate(reply, own, page.status);
    }
    // Compressed before it is sent, off the event loop; not for a 304, which sends no body.
    const encoding = encodingFor(request, page);
    const unchanged = page.status === 200 && request.headers['if-none-match'] === page.etag;
    if (encoding && !unchanged) await page.prepare(encoding);
    return sendRendered(request, reply, page);
  };
  return {
    ...o,
    cache,
    searchCache,
    turns,
    warmingUp: new Set(),
    sendCached(request, reply) {
      if (request.method !== 'GET' || mayBeSignedIn(request)) return false;
      const page = cache.get(request.url, content.version());
      if (!page) return false;
      sendRendered(request, reply, page);
      return true;
    },
    ctx: (request, lang) => (request.person ? { ...ctxFor(lang, request.url), person: request.person } : ctxFor(lang, request.url)),
    ctxFor,
    cachedPage: (request, reply, render, key) => cached(cache, request, reply, key ?? pathOf(request.url), render),
    cachedSearchPage: (request, reply, key, render, admit) => cached(searchCache, request, reply, key, render, true, admit),
    async freshPage(request, reply, html, status = 200) {
      const own = request.person ? null : await personalised(request, () => html);
      if (own !== null) return sendPrivate(reply, own, status);
      return sendText(request, reply, html, 'text/html; charset=utf-8', status);
    },
  };
}

/** An address without its query string. */
const pathOf = (url: string): string => {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
};
