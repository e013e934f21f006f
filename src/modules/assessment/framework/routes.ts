import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { NotFoundError, parse } from '../../../http/errors.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { frameworkQuery } from './schemas.ts';
import type { FrameworkService } from './service.ts';
import { frameworkView } from './views/page.ts';

// The framework of vocational excellence as a public page: /{lang}/self-assessment/framework,
// and ?core=1 for the short set for a first round. Cached under the content version.

export function frameworkRoutes(app: FastifyInstance, a: AppContext, lang: Lang, framework: FrameworkService): void {
  app.get('/self-assessment/framework', (req, reply) => {
    const { core } = parse(frameworkQuery, req.query);
    return a.cachedPage(req, reply, async () => {
      const current = await framework.current(lang);
      if (!current) throw new NotFoundError('framework');
      return frameworkView(a.ctx(req, lang), current.document, current.version, core === '1', current.labels);
    });
  });
}
