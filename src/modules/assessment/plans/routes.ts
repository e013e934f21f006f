import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { sendCsv } from '../../../http/csv.ts';
import { ForbiddenError, NotFoundError, parse } from '../../../http/errors.ts';
import { parseForm } from '../../../http/forms.ts';
import { noticeOf, redirectDone } from '../../../http/notice.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import type { RoundAccess, RoundPage } from '../access.ts';
import { roundParams, roundPath } from '../paths.ts';
import type { Plan } from './repository.ts';
import { actionForm, actionParams, focusForm } from './schemas.ts';
import type { PlanService } from './service.ts';
import { actionEditView, planView, type PlanState } from './views/plan.ts';

// The development plan of a round: /{lang}/account/centres/{slug}/self-assessment/rounds/{id}/plan…

export function planRoutes(app: FastifyInstance, g: Guards, a: AppContext, lang: Lang, o: { access: RoundAccess; plans: PlanService }): void {
  const { access, plans } = o;
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const member = { preHandler: [g.requireUser] };
  const memberPost = { preHandler: [g.csrfCheck, g.requireUser] };
  const base = '/centres/:slug/self-assessment/rounds/:round/plan';

  async function load(req: FastifyRequest, manage = false): Promise<{ r: RoundPage; plan: Plan | null }> {
    const { slug, round } = parse(roundParams, req.params);
    const r = await access.roundFor(req.user!, slug, round);
    if (!r) throw new NotFoundError('round');
    if (manage && !r.manage) throw new ForbiddenError();
    return { r, plan: await plans.get(round) };
  }

  const show = async (req: FastifyRequest, reply: FastifyReply, r: RoundPage, plan: Plan | null, s: Omit<PlanState, 'csrf'> = {}, status = 200) =>
    sendPrivate(reply, planView(ctx(req), await plans.page(r, plan, lang), { csrf: reply.generateCsrf(), ...s }), status);
  const back = (req: FastifyRequest, reply: FastifyReply, r: RoundPage, done: string) =>
    redirectDone(reply, `${roundPath(ctx(req), r.centre.slug, r.loaded.round.id)}/plan`, done);
  const notices = { focus: 'plan.notice.focus', added: 'plan.notice.added', saved: 'plan.notice.saved', deleted: 'plan.notice.deleted' };

  app.get(base, member, async (req, reply) => {
    const { r, plan } = await load(req);
    const q = req.query as Record<string, unknown>;
    return show(req, reply, r, plan, { notice: noticeOf(q, notices), editingFocus: q.focus === 'edit' && r.manage });
  });

  app.post(`${base}/focus`, memberPost, async (req, reply) => {
    const { r, plan } = await load(req, true);
    const form = parseForm(focusForm, req.body);
    const result = await plans.setFocus(r, form.ok ? form.data.focus : []);
    if (result !== 'done')
      return show(req, reply, r, plan, { errors: result.errors, form: 'focus', values: form.ok ? { focus: form.data.focus } : form.values }, 422);
    return back(req, reply, r, 'focus');
  });

  app.post(`${base}/actions`, memberPost, async (req, reply) => {
    const { r, plan } = await load(req, true);
    if (!plan) throw new NotFoundError('plan');
    const form = parseForm(actionForm, req.body);
    if (!form.ok) return show(req, reply, r, plan, { errors: form.errors, form: 'action', values: form.values }, 422);
    const checked = plans.check(r, plan, form.data, await plans.sourceText(r, lang));
    if ('errors' in checked)
      return show(req, reply, r, plan, { errors: checked.errors, form: 'action', values: form.data as unknown as Record<string, string> }, 422);
    await plans.add(plan.id, checked);
    return back(req, reply, r, 'added');
  });

  async function action(req: FastifyRequest) {
    const { action: id } = parse(actionParams, req.params);
    const { r, plan } = await load(req, true);
    const found = plan?.actions.find((x) => x.id === id);
    if (!plan || !found) throw new NotFoundError('action');
    return { r, plan, found };
  }

  app.get(`${base}/actions/:action`, member, async (req, reply) => {
    const { r, plan, found } = await action(req);
    return sendPrivate(reply, actionEditView(ctx(req), await plans.page(r, plan, lang), plan, found, { csrf: reply.generateCsrf() }));
  });

  app.post(`${base}/actions/:action`, memberPost, async (req, reply) => {
    const { r, plan, found } = await action(req);
    const form = parseForm(actionForm, { ...(req.body as object), source: '' });
    const fail = async (errors: { field: string; key: string }[], values: Record<string, string | string[]>) =>
      sendPrivate(reply, actionEditView(ctx(req), await plans.page(r, plan, lang), plan, found, { csrf: reply.generateCsrf(), errors, values }), 422);
    if (!form.ok) return fail(form.errors, form.values);
    const checked = plans.check(r, plan, form.data, () => null);
    if ('errors' in checked) return fail(checked.errors, form.data as unknown as Record<string, string>);
    await plans.update(plan.id, found.id, { ...checked, source: found.source });
    return back(req, reply, r, 'saved');
  });

  app.post(`${base}/actions/:action/delete`, memberPost, async (req, reply) => {
    const { r, plan, found } = await action(req);
    await plans.remove(plan.id, found.id);
    return back(req, reply, r, 'deleted');
  });

  app.get(`${base}.csv`, member, async (req, reply) => {
    const { r, plan } = await load(req);
    if (!plan) throw new NotFoundError('plan');
    const { filename, body } = plans.csv(r, plan, ctx(req));
    return sendCsv(reply, filename, body);
  });
}
