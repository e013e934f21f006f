import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import { sendPrivate } from '../../http/send.ts';
import type { Guards } from '../accounts/session-scope.ts';
import type { Lang } from '../../i18n/languages.ts';
import { aggregate, MIN_CENTRES } from './report/benchmark.ts';
import type { CertificatesService } from './certificates/service.ts';
import { currentVersion, DEFAULT_FRAMEWORK } from './framework/repository.ts';
import { policyView, type PolicyTable } from './views/admin.ts';
import { certificateAdminRoutes } from './certificates/admin-routes.ts';
import { frameworkAdminRoutes } from './framework/admin-routes.ts';
import { frameworkEditor } from './framework/editor.ts';
import { inLang } from './framework/document.ts';
import type { KnowledgeService } from '../knowledge/service.ts';

// The self-assessment in the back office: frameworks (/{lang}/admin/frameworks/…, for editors),
// certificate rules and the policy view (/{lang}/admin/self-assessment/…, administrators only).

export function assessmentAdminRoutes(app: FastifyInstance, a: AppContext, lang: Lang, certificates: CertificatesService, g: Guards, knowledge: KnowledgeService): void {
  const db = a.database.db;
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const admin = { preHandler: [g.requireUser, g.requireAdmin] };

  frameworkAdminRoutes(app, a, lang, g, frameworkEditor(db));

  certificateAdminRoutes(app, a, lang, g, certificates);

  app.get('/self-assessment/policy', admin, async (req, reply) => {
    const l = ctx(req);
    const [byCountry, bySector, version, sectors] = await Promise.all([aggregate(db, 'country'), aggregate(db, 'sector'), currentVersion(db, DEFAULT_FRAMEWORK), knowledge.vocabulary('sectors', lang)]);
    const columns = [{ key: 'overall', label: { value: l.t('report.overall'), lang } }, ...(version?.document.dimensions ?? []).map((d) => ({ key: d.id, label: inLang(d.title, l) }))];
    const table = (by: 'country' | 'sector', groups: Awaited<ReturnType<typeof aggregate>>, label: (k: string) => string): PolicyTable => ({
      by,
      rows: [...groups.keys()].map((key) => ({ key, label: label(key) })).sort((x, y) => x.label.localeCompare(y.label, lang)),
      columns,
      cells: new Map(
        [...groups].flatMap(([g, m]) =>
          columns.flatMap((c) => {
            const mean = m.get(c.key === 'overall' ? 'overall:overall' : `dimension:${c.key}`);
            return mean ? [[`${g}:${c.key}`, mean] as [string, { score: number; centres: number }]] : [];
          }),
        ),
      ),
    });
    const centres = [...byCountry.values()].reduce((n, m) => n + (m.get('overall:overall')?.centres ?? 0), 0);
    return sendPrivate(reply, policyView(l, [table('country', byCountry, (k) => l.format.country(k)), table('sector', bySector, (k) => sectors.get(k)?.value ?? k)], MIN_CENTRES, centres));
  });
}
