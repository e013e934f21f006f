import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import { parseForm, textValues } from '../../http/forms.ts';
import { sendPrivate } from '../../http/send.ts';
import type { Guards } from '../accounts/session-scope.ts';
import type { Lang } from '../../i18n/languages.ts';
import { audit } from '../admin/repository.ts';
import { aggregate, MIN_CENTRES } from './report/benchmark.ts';
import type { CertificatesService } from './certificates.ts';
import { certificateParams } from './schemas.ts';
import { currentVersion, DEFAULT_FRAMEWORK } from './framework/repository.ts';
import { certificateRules, certificateRulesForm, setCertificateRules } from './settings.ts';
import { policyView, settingsView, type PolicyTable } from './views/admin.ts';
import { frameworkAdminRoutes } from './framework/admin-routes.ts';
import { frameworkEditor } from './framework/editor.ts';
import { inLang } from './framework/document.ts';
import { noticeOf, redirectDone } from '../../http/notice.ts';
import type { KnowledgeService } from '../knowledge/service.ts';

// The self-assessment in the back office: frameworks (/{lang}/admin/frameworks/…, for editors),
// certificate rules and the policy view (/{lang}/admin/self-assessment/…, administrators only).

export function assessmentAdminRoutes(app: FastifyInstance, a: AppContext, lang: Lang, certificates: CertificatesService, g: Guards, knowledge: KnowledgeService): void {
  const db = a.database.db;
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const admin = { preHandler: [g.requireUser, g.requireAdmin] };
  const adminPost = { preHandler: [g.csrfCheck, g.requireUser, g.requireAdmin] };

  frameworkAdminRoutes(app, a, lang, g, frameworkEditor(db));

  app.get('/self-assessment/settings', admin, async (req, reply) => {
    const rules = await certificateRules(db);
    const notice = noticeOf(req.query, { saved: 'settings.saved', withdrawn: 'settings.withdrawn' });
    return sendPrivate(reply, settingsView(ctx(req), reply.generateCsrf(), { minIndicators: String(rules.minIndicators), minAnswers: String(rules.minAnswers) }, await certificates.recent(), [], notice));
  });

  app.post('/self-assessment/settings', adminPost, async (req, reply) => {
    const form = parseForm(certificateRulesForm, req.body);
    if (!form.ok) return sendPrivate(reply, settingsView(ctx(req), reply.generateCsrf(), textValues(form.values), await certificates.recent(), form.errors), 422);
    await setCertificateRules(db, form.data);
    await audit(db, req.user!, 'settings.certificate', 'self-assessment', form.data);
    return redirectDone(reply, `/${lang}/admin/self-assessment/settings`, 'saved');
  });

  app.post('/self-assessment/certificates/:code/withdraw', adminPost, async (req, reply) => {
    const { code } = parse(certificateParams, req.params);
    if (!(await certificates.withdraw(code))) throw new NotFoundError('certificate');
    await audit(db, req.user!, 'certificate.withdraw', `certificate:${code}`);
    return redirectDone(reply, `/${lang}/admin/self-assessment/settings`, 'withdrawn');
  });

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
