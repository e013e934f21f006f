import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Lang } from '../i18n/languages.ts';
import type { Assets } from './assets.ts';
import type { ContentState } from '../platform/content-version/content-state.ts';
import { pageContext, type PageContext } from './context.ts';
import { PageCache, renderedFrom } from './page-cache.ts';
import { sendRendered, sendText } from './send.ts';

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
  ctx(request: FastifyRequest, lang: Lang): PageContext;
  /** The context of a page rendered for a given address (e.g. a canonical one) rather than the request's. */
  ctxFor(lang: Lang, url: string): PageContext;
  /** Renders (or takes from the cache) a page that is the same for everyone. */
  cachedPage(request: FastifyRequest, reply: FastifyReply, render: () => Promise<string>): Promise<FastifyReply>;
  /**
   * Renders (or takes from the search cache) a page of search results. The key is the canonical
   * form of the query, so parameters the page ignores cannot split the cache.
   */
  cachedSearchPage(request: FastifyRequest, reply: FastifyReply, key: string, render: () => Promise<string>): Promise<FastifyReply>;
  /** Sends a page rendered for this request only. */
  freshPage(request: FastifyRequest, reply: FastifyReply, html: string, status?: number): FastifyReply;
}

export function createAppContext(o: { config: Config; database: Database; content: ContentState; assets: Assets }): AppContext {
  const { config, content, assets } = o;
  const cache = new PageCache(config.pageCacheEntries);
  // Searches get their own cache, so a stream of different queries cannot push content pages out.
  const searchCache = new PageCache(config.searchCacheEntries);
  const ctxFor = (lang: Lang, url: string): PageContext => {
    const q = url.indexOf('?');
    const path = (q === -1 ? url : url.slice(0, q)).slice(lang.length + 1) || '/';
    return pageContext(lang, path.length > 1 ? path.replace(/\/$/, '') : path, q === -1 ? '' : url.slice(q), config.baseUrl, (n) => assets.url(n));
  };
  const cached = async (pages: PageCache, request: FastifyRequest, reply: FastifyReply, key: string, render: () => Promise<string>) => {
    const version = content.version();
    let page = pages.get(key, version);
    if (!page) {
      page = renderedFrom(await render(), 'text/html; charset=utf-8');
      pages.set(key, version, page);
    }
    return sendRendered(request, reply, page);
  };
  return {
    ...o,
    cache,
    ctx: (request, lang) => ctxFor(lang, request.url),
    ctxFor,
    cachedPage: (request, reply, render) => cached(cache, request, reply, request.url, render),
    cachedSearchPage: (request, reply, key, render) => cached(searchCache, request, reply, key, render),
    freshPage: (request, reply, html, status = 200) => sendText(request, reply, html, 'text/html; charset=utf-8', status),
  };
}
