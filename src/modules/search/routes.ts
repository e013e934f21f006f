import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/app-context.ts';
import { parse } from '../../http/errors.ts';
import { fairSearchPages } from '../../http/fair-use.ts';
import { nextPass } from '../../http/turns.ts';
import type { Lang } from '../../i18n/languages.ts';
import { searchView } from './views/search.ts';
import type { SearchProvider } from './index.ts';
import { SITE_KINDS } from './provider.ts';

export const PER_PAGE = 20;

const searchQuery = z.object({
  q: z.string().trim().max(200).optional().default(''),
  page: z.coerce.number().int().min(1).max(500).default(1),
});

export function searchRoutes(app: FastifyInstance, a: AppContext, lang: Lang, search: SearchProvider): void {
  // New searches are charged to the client's budget (http/fair-use.ts); cached ones are free.
  const searchPage = fairSearchPages(a, lang);
  app.get('/search', async (req, reply) => {
    const { q, page } = parse(searchQuery, req.query);
    const canonical = `/${lang}/search${q ? `?${new URLSearchParams({ q, ...(page > 1 ? { page: String(page) } : {}) })}` : ''}`;
    // Kept by the minute too: what people write (centres, discussions) changes no content version,
    // and shows in the results within a minute.
    const key = `${canonical}#${new Date().toISOString().slice(0, 16)}`;
    return searchPage(req, reply, key, async () => {
      const result = q ? await search.search({ text: q, lang, kinds: SITE_KINDS, limit: PER_PAGE, offset: (page - 1) * PER_PAGE }) : { hits: [], total: 0 };
      // Rendered on a pass of the event loop of its own (http/turns.ts, nextPass).
      if (q) await nextPass();
      return searchView(a.ctxFor(lang, canonical), q, page, Math.ceil(result.total / PER_PAGE), result);
    });
  });
}
