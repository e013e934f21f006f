import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { Text } from '../../i18n/localise.ts';
import { indicatorsOf } from './framework.ts';
import { currentVersion, resourceTitles } from './repository.ts';
import { frameworkView } from './views.ts';

// /{lang}/self-assessment/…: the public side of the self-assessment. For now, the framework.

const frameworkQuery = z.object({ core: z.enum(['1']).optional() });
export const DEFAULT_FRAMEWORK = 'vocational-excellence';

export function assessmentRoutes(app: FastifyInstance, a: AppContext, lang: Lang): void {
  app.get('/self-assessment/framework', (req, reply) => {
    const { core } = parse(frameworkQuery, req.query);
    return a.cachedPage(req, reply, async () => {
      const current = await currentVersion(a.database.db, DEFAULT_FRAMEWORK);
      if (!current) throw new NotFoundError('framework');
      const indicators = indicatorsOf(current.document);
      const [packages, resources] = await Promise.all([a.knowledge.packages(lang), resourceTitles(a.database.db, [...new Set(indicators.flatMap((i) => i.resources))], lang)]);
      const stations = new Map<string, Text>(packages.flatMap((p) => p.stations.map((s) => [`package-${p.number}-station-${s.position}`, s.title] as const)));
      return frameworkView(a.ctx(req, lang), current.document, current.version, core === '1', { stations, resources });
    });
  });
}
