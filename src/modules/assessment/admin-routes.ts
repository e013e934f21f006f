import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { ForbiddenError } from '../../http/errors.ts';
import { parseForm, textValues } from '../../http/forms.ts';
import { sendPrivate } from '../../http/send.ts';
import type { Guards } from '../../http/session-scope.ts';
import type { Lang } from '../../i18n/languages.ts';
import { audit } from '../admin/repository.ts';
import { aggregate, MIN_CENTRES } from './benchmark.ts';
import { currentVersion, DEFAULT_FRAMEWORK } from './repository.ts';
import { certificateRules, certificateRulesForm, setCertificateRules } from './settings.ts';
import { policyView, settingsView, type PolicyTable } from './views/admin.ts';
import { inLang } from './views/framework.ts';

// /{lang}/admin/self-assessment/…: for platform administrators only.

export function assessmentAdminRoutes(app: FastifyInstance, a: AppContext, lang: Lang, g: Guards): void {
  const db = a.database.db;
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const requireAdmin = (req: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    done(req.user!.role === 'admin' ? undefined : new ForbiddenError());
  };
  const admin = { preHandler: [g.requireUser, requireAdmin] };
  const adminPost = { preHandler: [g.csrfCheck, g.requireUser, requireAdmin] };

  app.get('/self-assessment/settings', admin, async (req, reply) => {
    const rules = await certificateRules(db);
    const done = (req.query as Record<string, unknown>).done === 'saved' ? 'settings.saved' : undefined;
    return sendPrivate(reply, settingsView(ctx(req), reply.generateCsrf(), { minIndicators: String(rules.minIndicators), minAnswers: String(rules.minAnswers) }, [], done));
  });

  app.post('/self-assessment/settings', adminPost, async (req, reply) => {
    const form = parseForm(certificateRulesForm, req.body);
    if (!form.ok) return sendPrivate(reply, settingsView(ctx(req), reply.generateCsrf(), textValues(form.values), form.errors), 422);
    await setCertificateRules(db, form.data);
    await audit(db, req.user!, 'settings.certificate', 'self-assessment', form.data);
    return reply.redirect(`/${lang}/admin/self-assessment/settings?done=saved`, 303);
  });

  app.get('/self-assessment/policy', admin, async (req, reply) => {
    const l = ctx(req);
    const [byCountry, bySector, version, sectors] = await Promise.all([aggregate(db, 'country'), aggregate(db, 'sector'), currentVersion(db, DEFAULT_FRAMEWORK), a.knowledge.vocabulary('sectors', lang)]);
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
