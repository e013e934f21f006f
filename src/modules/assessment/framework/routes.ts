import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { NotFoundError, parse } from '../../../http/errors.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { frameworkQuery } from './schemas.ts';
import type { FrameworkService } from './service.ts';
import { landingView } from './views/landing.ts';
import { frameworkView } from './views/page.ts';

// The self-assessment's public pages: what it is and how it goes (/{lang}/self-assessment, fresh
// each time, as it quotes the certificate settings), and the framework of vocational excellence
// (/{lang}/self-assessment/framework, ?core=1 for the short core set; cached under the content
// version).

export function frameworkRoutes(app: FastifyInstance, a: AppContext, lang: Lang, framework: FrameworkService): void {
  app.get('/self-assessment', async (req, reply) => {
    const landing = await framework.landing();
    if (!landing) throw new NotFoundError('framework');
    return a.freshPage(req, reply, landingView(a.ctx(req, lang), landing.document, landing.minIndicators));
  });

  app.get('/self-assessment/framework', (req, reply) => {
    const { core } = parse(frameworkQuery, req.query);
    return a.cachedPage(
      req,
      reply,
      async () => {
        const current = await framework.current(lang);
        if (!current) throw new NotFoundError('framework');
        return frameworkView(a.ctx(req, lang), current.document, current.version, core === '1', current.labels);
      },
      `/${lang}/self-assessment/framework${core === '1' ? '?core=1' : ''}`,
    );
  });
}
