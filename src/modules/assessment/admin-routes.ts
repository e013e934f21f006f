import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import { parseForm, textValues, type FieldError } from '../../http/forms.ts';
import { sendPrivate } from '../../http/send.ts';
import type { Guards } from '../accounts/session-scope.ts';
import type { Lang } from '../../i18n/languages.ts';
import { audit } from '../admin/repository.ts';
import { aggregate, MIN_CENTRES } from './benchmark.ts';
import type { CertificatesService } from './certificates.ts';
import { certificateParams } from './schemas.ts';
import { currentVersion, DEFAULT_FRAMEWORK } from './repository.ts';
import { certificateRules, certificateRulesForm, setCertificateRules } from './settings.ts';
import { policyView, settingsView, type PolicyTable } from './views/admin.ts';
import { frameworkAdminView, frameworkItemView } from './views/framework-admin.ts';
import { frameworkEditor, frameworkParams, itemParams, newIndicatorParams, valuesOf, type EditTarget } from './framework-editor.ts';
import { inLang } from './views/framework.ts';
import { noticeOf, redirectDone } from '../../http/notice.ts';
import type { KnowledgeService } from '../knowledge/service.ts';

// The self-assessment in the back office: frameworks (/{lang}/admin/frameworks/…, for editors),
// certificate rules and the policy view (/{lang}/admin/self-assessment/…, administrators only).

export function assessmentAdminRoutes(app: FastifyInstance, a: AppContext, lang: Lang, certificates: CertificatesService, g: Guards, knowledge: KnowledgeService): void {
  const db = a.database.db;
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const admin = { preHandler: [g.requireUser, g.requireAdmin] };
  const adminPost = { preHandler: [g.csrfCheck, g.requireUser, g.requireAdmin] };
  const staff = { preHandler: [g.requireUser, g.requireEditor] };
  const staffPost = { preHandler: [g.csrfCheck, g.requireUser, g.requireEditor] };
  const editor = frameworkEditor(db);

  // Frameworks: editors change a draft and publish it as the next version.
  app.get('/frameworks', staff, (_req, reply) => reply.redirect(`/${lang}/admin/frameworks/${DEFAULT_FRAMEWORK}`, 303));

  async function overview(req: FastifyRequest, reply: FastifyReply, slug: string, notice?: string, errors: FieldError[] = [], status = 200) {
    const current = await editor.editable(slug);
    if (!current) throw new NotFoundError('framework');
    return sendPrivate(reply, frameworkAdminView(ctx(req), slug, current.document, current.draft, await editor.versions(slug), reply.generateCsrf(), notice, errors), status);
  }

  app.get('/frameworks/:slug', staff, async (req, reply) => {
    const { slug } = parse(frameworkParams, req.params);
    const notices = { saved: 'framework.admin.saved', published: 'framework.admin.published', discarded: 'framework.admin.discarded', removed: 'framework.admin.removed' };
    return overview(req, reply, slug, noticeOf(req.query, notices));
  });

  const targetOf = (req: FastifyRequest): { slug: string; target: EditTarget } => {
    const params = req.params as Record<string, string>;
    if (params.criterion !== undefined) {
      const { slug, criterion } = parse(newIndicatorParams, params);
      return { slug, target: { kind: 'new-indicator', criterion } };
    }
    const { slug, kind, id } = parse(itemParams, params);
    return { slug, target: { kind, id } };
  };

  const itemForm = async (req: FastifyRequest, reply: FastifyReply) => {
    const { slug, target } = targetOf(req);
    const current = await editor.editable(slug);
    const values = current ? valuesOf(current.document, target.kind === 'new-indicator' ? { kind: 'criterion', id: target.criterion } : target) : null;
    if (!current || !values) throw new NotFoundError('framework item');
    return sendPrivate(reply, frameworkItemView(ctx(req), slug, target, target.kind === 'new-indicator' ? valuesOf(current.document, target)! : values, reply.generateCsrf()));
  };
  const itemSave = async (req: FastifyRequest, reply: FastifyReply) => {
    const { slug, target } = targetOf(req);
    const result = await editor.save(req.user!, slug, target, (req.body ?? {}) as Record<string, unknown>);
    if (result === 'missing') throw new NotFoundError('framework item');
    if ('errors' in result) return sendPrivate(reply, frameworkItemView(ctx(req), slug, target, result.values, reply.generateCsrf(), result.errors), 422);
    return redirectDone(reply, `/${lang}/admin/frameworks/${slug}`, 'saved');
  };
  app.get('/frameworks/:slug/:kind/:id', staff, itemForm);
  app.post('/frameworks/:slug/:kind/:id', staffPost, itemSave);
  app.get('/frameworks/:slug/criterion/:criterion/new-indicator', staff, itemForm);
  app.post('/frameworks/:slug/criterion/:criterion/new-indicator', staffPost, itemSave);

  app.post('/frameworks/:slug/indicator/:id/remove', staffPost, async (req, reply) => {
    const { slug, id } = parse(itemParams.omit({ kind: true }), req.params);
    const result = await editor.remove(req.user!, slug, id);
    if (result === 'missing') throw new NotFoundError('indicator');
    if (result === 'last') return overview(req, reply, slug, undefined, [{ field: 'framework', key: 'framework.error.lastIndicator' }], 409);
    return redirectDone(reply, `/${lang}/admin/frameworks/${slug}`, 'removed');
  });

  app.post('/frameworks/:slug/publish', staffPost, async (req, reply) => {
    const { slug } = parse(frameworkParams, req.params);
    const version = await editor.publish(req.user!, slug);
    if (version === null) return overview(req, reply, slug, undefined, [{ field: 'framework', key: 'framework.error.noDraft' }], 409);
    // The public framework page is cached under the content version, on every instance.
    await a.content.changed();
    return redirectDone(reply, `/${lang}/admin/frameworks/${slug}`, 'published');
  });

  app.post('/frameworks/:slug/discard', staffPost, async (req, reply) => {
    const { slug } = parse(frameworkParams, req.params);
    await editor.discard(req.user!, slug);
    return redirectDone(reply, `/${lang}/admin/frameworks/${slug}`, 'discarded');
  });

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
