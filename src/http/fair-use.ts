import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import type { Lang } from '../i18n/languages.ts';
import { addressKey } from '../platform/rate-limits/rate-limits.ts';
import { TokenBuckets } from '../platform/rate-limits/token-bucket.ts';
import type { AppContext } from './app-context.ts';
import { renderedFrom, type Rendered } from './page-cache.ts';
import { sendRendered } from './send.ts';
import { tooManyView } from './too-many-page.ts';

// Fair use of the search: a search page that is not in the search cache costs the server real
// work (the engine, the facets, the rendering), so each client address gets a budget of such
// pages, a token bucket (platform/rate-limits/token-bucket.ts: SEARCH_RATE_BURST at once, then
// SEARCH_RATE_PER_SECOND). A page served from the cache costs nothing. The e-library and the site
// search share one budget per address, across languages. Past it the person gets a 429 page in
// their language with Retry-After; nobody is locked out, a burst is only slowed down.
//
// In memory, not in rate_limits: counting in the database would be a write per search, the very
// load this protects against. The address is the client's (request.ip: with TRUST_PROXY, the one
// X-Forwarded-For names), IPv6 by its /64 (addressKey).

/**
 * One set of buckets per running platform, found by its database (the one object every route
 * module and every test of that platform holds); null when SEARCH_RATE_BURST is 0 (no limit).
 */
const budgets = new WeakMap<Database, TokenBuckets | null>();

function budgetOf(a: Pick<AppContext, 'config' | 'database'>): TokenBuckets | null {
  let buckets = budgets.get(a.database);
  if (buckets === undefined) {
    const { searchRateBurst: burst, searchRatePerSecond: perSecond } = a.config;
    buckets = burst > 0 ? new TokenBuckets({ burst, perSecond }) : null;
    budgets.set(a.database, buckets);
  }
  return buckets;
}

/** The search budgets of the platform running on this database (tests and the page catalogue: its clock, hold, clear). */
export function searchBudgets(database: Database): TokenBuckets | null {
  return budgets.get(database) ?? null;
}

class OverBudget extends Error {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('search budget spent');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * What `a.cachedSearchPage` does for the pages of one language, with the rendering charged to the
 * client's budget: a page taken from the cache is free; past the budget, the 429 page. Made when
 * a route module registers its routes, so the budgets exist as soon as the platform does.
 */
export function fairSearchPages(
  a: AppContext,
  lang: Lang,
): (request: FastifyRequest, reply: FastifyReply, key: string, render: () => Promise<string>) => Promise<FastifyReply> {
  const buckets = budgetOf(a);
  if (!buckets) return (request, reply, key, render) => a.cachedSearchPage(request, reply, key, render);
  // A refusal must cost far less than the search it refuses: the page is made once per page,
  // wait and content version (a handful), compressed once, and sent as it is.
  const refusals = new Map<string, Rendered>();
  const refusal = (key: string, seconds: number): Rendered => {
    const path = key.split('?')[0]!;
    const id = `${a.content.version()} ${path} ${seconds}`;
    let page = refusals.get(id);
    if (!page) {
      page = renderedFrom(tooManyView(a.ctxFor(lang, path), seconds), 'text/html; charset=utf-8', 429);
      if (refusals.size >= 20) refusals.clear();
      refusals.set(id, page);
    }
    return page;
  };
  return async (request, reply, key, render) => {
    const address = addressKey(request.ip);
    try {
      // The cache admits only a miss, so only a miss is charged, before it waits for its turn.
      return await a.cachedSearchPage(request, reply, key, render, () => {
        const taken = buckets.take(address);
        if (!taken.ok) throw new OverBudget(taken.retryAfterSeconds);
      });
    } catch (error) {
      if (!(error instanceof OverBudget)) throw error;
      if (buckets.report(address)) {
        request.log.warn({ address, retryAfter: error.retryAfterSeconds }, 'search budget spent: new searches from this address wait (one line per minute)');
      }
      reply.header('retry-after', String(error.retryAfterSeconds));
      return sendRendered(request, reply, refusal(key, error.retryAfterSeconds), 'no-store');
    }
  };
}
