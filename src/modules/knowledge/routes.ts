import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import { BadRequestError, NotFoundError, parse } from '../../http/errors.ts';
import type { Lang } from '../../i18n/languages.ts';
import { caseStudiesView, caseStudyView } from './views/case-studies.ts';
import { checkerResultView, checkerView } from './views/checker.ts';
import { homeView } from './views/home.ts';
import { packageView } from './views/package.ts';
import { contentPageView, operatorView, spotlightView } from './views/pages.ts';
import { stationView } from './views/station.ts';
import { caseStudyParams, checkerQuery, packageParams, stationParams } from './schemas.ts';
import type { KnowledgeService } from './service.ts';

/** The content pack's pages (content/pages/<slug>.<lang>.md) served at /{lang}/<slug>. */
export const contentPages = ['about', 'privacy', 'legal', 'cookies', 'accessibility', 'help'] as const;

export function knowledgeRoutes(app: FastifyInstance, a: AppContext, lang: Lang, k: KnowledgeService): void {
  app.get('/', (req, reply) => a.cachedPage(req, reply, async () => homeView(a.ctx(req, lang), await k.home(lang))));

  app.get('/packages/:number', (req, reply) => {
    const { number } = parse(packageParams, req.params);
    return a.cachedPage(req, reply, async () => {
      const d = await k.package(number, lang);
      if (!d) throw new NotFoundError('package');
      return packageView(a.ctx(req, lang), d.pkg, d.packages, d.caseStudies);
    });
  });

  app.get('/packages/:number/stations/:position', (req, reply) => {
    const { number, position } = parse(stationParams, req.params);
    return a.cachedPage(req, reply, async () => {
      const [d, types] = await Promise.all([k.station(number, position, lang), k.vocabulary('types', lang)]);
      if (!d) throw new NotFoundError('station');
      return stationView(a.ctx(req, lang), d, types);
    });
  });

  app.get('/case-studies', (req, reply) =>
    a.cachedPage(req, reply, async () => {
      const [studies, packages] = await k.caseStudies(lang);
      return caseStudiesView(a.ctx(req, lang), studies, packages);
    }),
  );

  app.get('/case-studies/:slug', (req, reply) => {
    const { slug } = parse(caseStudyParams, req.params);
    return a.cachedPage(req, reply, async () => {
      const [d, sectors] = await Promise.all([k.caseStudy(slug, lang), k.vocabulary('sectors', lang)]);
      if (!d) throw new NotFoundError('case study');
      return caseStudyView(a.ctx(req, lang), d.study, d.pkg, d.study.sector ? (sectors.get(d.study.sector) ?? null) : null, d.attachments);
    });
  });

  app.get('/spotlight', (req, reply) => a.cachedPage(req, reply, async () => spotlightView(a.ctx(req, lang), await k.spotlight(lang))));

  // Pages of the content pack at fixed addresses; the legal notice and the privacy notice also
  // say who runs this installation (configuration, so the same pack serves every installation).
  for (const slug of contentPages) {
    app.get(`/${slug}`, (req, reply) =>
      a.cachedPage(req, reply, async () => {
        const page = await k.page(slug, lang);
        if (!page) throw new NotFoundError(`${slug} page`);
        const ctx = a.ctx(req, lang);
        return contentPageView(ctx, page, slug === 'legal' || slug === 'privacy' ? operatorView(ctx, a.config.operator, slug === 'privacy') : '');
      }),
    );
  }

  app.get('/checker', (req, reply) => a.cachedPage(req, reply, async () => checkerView(a.ctx(req, lang), await k.packages(lang), [])));

  app.get('/checker/result', async (req, reply) => {
    const { c } = parse(checkerQuery, req.query);
    const { packages, unknown, result } = await k.checker(c, lang);
    if (unknown.length) throw new BadRequestError([{ field: 'c', code: 'not_one_of', options: packages.flatMap((p) => p.checklist.map((x) => x.key)) }]);
    const ctx = a.ctx(req, lang);
    if (!result) return a.freshPage(req, reply, checkerView(ctx, packages, [], ctx.t('checker.error.none')), 400);
    const key = `/${lang}/checker/result?${new URLSearchParams([...c].sort().map((v) => ['c', v])).toString()}`;
    return a.cachedPage(req, reply, () => Promise.resolve(checkerResultView(ctx, packages, result, c)), key);
  });
}
