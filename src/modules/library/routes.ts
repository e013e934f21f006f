import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import { fairSearchPages } from '../../http/fair-use.ts';
import { renderedFrom } from '../../http/page-cache.ts';
import { sendRendered } from '../../http/send.ts';
import type { Lang } from '../../i18n/languages.ts';
import { libraryQuery, resourceParams } from './schemas.ts';
import { feedXml } from './views/feed.ts';
import type { Labels } from './views/labels.ts';
import { libraryHref, libraryView } from './views/library.ts';
import { resourceView } from './views/resource.ts';
import type { KnowledgeService } from '../knowledge/service.ts';
import type { LibraryService } from './service.ts';

export function libraryRoutes(
  app: FastifyInstance,
  a: AppContext,
  lang: Lang,
  { library, knowledge }: { library: LibraryService; knowledge: KnowledgeService },
): void {
  // Labels change only with content; every search page needs them, so keep them per version.
  let cachedLabels: { version: string; labels: Promise<Labels> } | null = null;
  const labels = (): Promise<Labels> => {
    const version = a.content.version();
    if (cachedLabels?.version !== version) {
      const loading = Promise.all([
        knowledge.vocabulary('types', lang),
        knowledge.vocabulary('themes', lang),
        knowledge.vocabulary('sectors', lang),
        knowledge.packages(lang),
      ]).then(([types, themes, sectors, packages]) => ({ types, themes, sectors, packages }));
      cachedLabels = { version, labels: loading };
      loading.catch(() => {
        if (cachedLabels?.labels === loading) cachedLabels = null;
      });
    }
    return cachedLabels.labels;
  };

  // New searches are charged to the client's budget (http/fair-use.ts); cached ones are free.
  const searchPage = fairSearchPages(a, lang);
  app.get('/library', async (req, reply) => {
    const query = parse(libraryQuery, req.query);
    if (req.url.indexOf('?') === -1) {
      return a.cachedPage(req, reply, async () => libraryView(a.ctx(req, lang), query, await library.list(lang, query), await labels()));
    }
    const canonical = libraryHref(a.ctx(req, lang), query);
    return searchPage(req, reply, canonical, async () => libraryView(a.ctxFor(lang, canonical), query, await library.list(lang, query), await labels()));
  });

  app.get('/library/feed.xml', async (req, reply) => {
    // The feed ignores the query string, so it is kept under its own address: otherwise every
    // `?anything` would render it again and push a content page out of the page cache.
    const key = `/${lang}/library/feed.xml`;
    const version = a.content.version();
    let feed = a.cache.get(key, version);
    if (!feed) {
      const [recent, types] = await Promise.all([library.recent(lang, 50), knowledge.vocabulary('types', lang)]);
      feed = renderedFrom(feedXml(a.ctxFor(lang, key), recent, types), 'application/atom+xml; charset=utf-8');
      a.cache.set(key, version, feed);
    }
    return sendRendered(req, reply, feed);
  });

  app.get('/library/:slug', (req, reply) => {
    const { slug } = parse(resourceParams, req.params);
    return a.cachedPage(req, reply, async () => {
      const resource = await library.resource(slug, lang);
      if (!resource) throw new NotFoundError('resource');
      return resourceView(a.ctx(req, lang), resource, await labels());
    });
  });
}
