import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { NotFoundError, parse } from '../../../http/errors.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import { inLang } from '../../assessment/framework/document.ts';
import type { FrameworkService } from '../../assessment/framework/service.ts';
import { centreParams } from '../../centres/schemas.ts';
import type { KnowledgeService } from '../../knowledge/service.ts';
import { suggestionsQuery } from './schemas.ts';
import type { SuggestionsService } from './service.ts';
import { suggestionsView } from './views/suggestions.ts';

// /{lang}/account/centres/{slug}/suggestions, inside the account scope: members of the centre only.
export function suggestionRoutes(
  app: FastifyInstance,
  g: Guards,
  a: AppContext,
  lang: Lang,
  d: { suggestions: SuggestionsService; knowledge: KnowledgeService; framework: FrameworkService },
): void {
  app.get('/centres/:slug/suggestions', { preHandler: [g.requireUser] }, async (req, reply) => {
    const { slug } = parse(centreParams, req.params);
    const query = parse(suggestionsQuery, req.query);
    const found = await d.suggestions.forCentre(req.user!, slug, query);
    if (!found) throw new NotFoundError('centre');
    const ctx = a.ctx(req, lang);
    const [sectors, framework] = await Promise.all([d.knowledge.vocabulary('sectors', lang), d.framework.current(lang)]);
    const areas = new Map((framework?.document.dimensions ?? []).map((x) => [x.id, inLang(x.title, ctx)]));
    return sendPrivate(reply, suggestionsView(ctx, found, query, { sectors, areas, sectorOptions: sectors }));
  });
}
