import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { sendCsv } from '../../../http/csv.ts';
import { ForbiddenError, NotFoundError, parse } from '../../../http/errors.ts';
import { parseForm, textValues, type FieldError } from '../../../http/forms.ts';
import { noticeOf, redirectDone } from '../../../http/notice.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { renderPdf } from '../../../pdf/lazy.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import type { RoundAccess, RoundPage } from '../access.ts';
import { roundParams, roundPath } from '../paths.ts';
import { planDocument } from './pdf.ts';
import type { Plan, PlanAction } from './repository.ts';
import { actionForm, actionParams, focusForm, newActionQuery, noteForm } from './schemas.ts';
import type { PlanService } from './service.ts';
import { actionView, newActionView } from './views/action.ts';
import { planView, type PlanState } from './views/plan.ts';

// The development plan of a round: /{lang}/account/centres/{slug}/self-assessment/rounds/{id}/plan,
// .csv and .pdf; …/plan/new-action (the form, prefilled from ?criterion=&source=, as the report's
// "Add to plan" links send it); …/plan/actions/{action} (an action, its notes, its form).

/** An action chosen in the report, as the new-action form's query: its criterion, and its recommended action if any. */
function chosenAction(c: { criterion?: string; source?: string }): string {
  const q = new URLSearchParams({ criterion: c.criterion ?? '' });
  if (c.source) q.set('source', c.source);
  return q.toString();
}

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

  const planPath = (req: FastifyRequest, r: RoundPage) => `${roundPath(ctx(req), r.centre.slug, r.loaded.round.id)}/plan`;
  const show = async (req: FastifyRequest, reply: FastifyReply, r: RoundPage, plan: Plan | null, s: Omit<PlanState, 'csrf'> = {}, status = 200) =>
    sendPrivate(reply, planView(ctx(req), await plans.page(r, plan, lang), { csrf: reply.generateCsrf(), ...s }), status);
  const back = (req: FastifyRequest, reply: FastifyReply, r: RoundPage, done: string, anchor = '') => redirectDone(reply, `${planPath(req, r)}${anchor}`, done);
  const notices = { focus: 'plan.notice.focus', added: 'plan.notice.added', saved: 'plan.notice.saved', deleted: 'plan.notice.deleted' };

  app.get(base, member, async (req, reply) => {
    const { r, plan } = await load(req);
    const q = req.query as Record<string, unknown>;
    const then = r.manage && !plan ? parse(newActionQuery, req.query) : undefined;
    return show(req, reply, r, plan, { notice: noticeOf(q, notices), editingFocus: q.focus === 'edit' && r.manage, then });
  });

  app.post(`${base}/focus`, memberPost, async (req, reply) => {
    const { r, plan } = await load(req, true);
    const form = parseForm(focusForm, req.body);
    const result = await plans.setFocus(r, form.ok ? form.data.focus : []);
    const then = form.ok ? { criterion: form.data.criterion, source: form.data.source } : undefined;
    if (result !== 'done')
      return show(req, reply, r, plan, { errors: result.errors, form: 'focus', values: form.ok ? { focus: form.data.focus } : form.values, then }, 422);
    // Chosen from the report before the plan existed: on to that action's form.
    if (then?.criterion) return reply.redirect(`${planPath(req, r)}/new-action?${chosenAction(then)}`, 303);
    return back(req, reply, r, 'focus');
  });

  // The new-action form, prefilled from the address: a focus area and a recommended action (whose
  // words become the title). Values that are not the plan's give an empty form, not an error.
  app.get(`${base}/new-action`, member, async (req, reply) => {
    const { r, plan } = await load(req, true);
    const q = parse(newActionQuery, req.query);
    // No plan yet: its focus areas first, the chosen action carried along (the focus form's hidden fields).
    if (!plan) return reply.redirect(`${planPath(req, r)}${q.criterion ? `?${chosenAction(q)}` : ''}`, 303);
    const d = await plans.page(r, plan, lang);
    // Without a focus area, the one the recommended action belongs to; a criterion of the round
    // that is not a focus area of the plan is named, with the way to add it.
    const criterion = q.criterion
      ? plan.focus.includes(q.criterion)
        ? q.criterion
        : ''
      : (plan.focus.find((c) => d.recommended.get(c)?.some((x) => x.key === q.source)) ?? '');
    const recommended = criterion && q.source ? d.recommended.get(criterion)?.find((x) => x.key === q.source) : undefined;
    const values = { criterion, source: recommended?.key ?? '', title: recommended?.text.value ?? '', status: 'planned' };
    const outside = q.criterion && !criterion ? d.criteria.find((c) => c.id === q.criterion) : undefined;
    return sendPrivate(reply, newActionView(ctx(req), d, plan, { csrf: reply.generateCsrf(), values, outside }));
  });

  app.post(`${base}/actions`, memberPost, async (req, reply) => {
    const { r, plan } = await load(req, true);
    if (!plan) throw new NotFoundError('plan');
    const form = parseForm(actionForm, req.body);
    const d = await plans.page(r, plan, lang);
    const fail = (errors: FieldError[]) =>
      sendPrivate(
        reply,
        newActionView(ctx(req), d, plan, { csrf: reply.generateCsrf(), errors, values: form.ok ? textValues(req.body as never) : form.values }),
        422,
      );
    if (!form.ok) return fail(form.errors);
    const checked = plans.check(r, plan, form.data, await plans.sourceText(r, lang), d.members);
    if ('errors' in checked) return fail(checked.errors);
    const id = await plans.addAction(req.user!, r, plan, checked);
    return back(req, reply, r, 'added', `#action-${id}`);
  });

  async function action(req: FastifyRequest, manage: boolean): Promise<{ r: RoundPage; plan: Plan; found: PlanAction }> {
    const { action: id } = parse(actionParams, req.params);
    const { r, plan } = await load(req, manage);
    const found = plan?.actions.find((x) => x.id === id);
    if (!plan || !found) throw new NotFoundError('action');
    return { r, plan, found };
  }

  const actionNotices = { noted: 'plan.notice.noted' };
  app.get(`${base}/actions/:action`, member, async (req, reply) => {
    const { r, plan, found } = await action(req, false);
    const d = await plans.page(r, plan, lang);
    const mayNote = plans.mayNote(req.user!, r, found);
    return sendPrivate(reply, actionView(ctx(req), d, plan, found, { csrf: reply.generateCsrf(), mayNote, notice: noticeOf(req.query, actionNotices) }));
  });

  app.post(`${base}/actions/:action`, memberPost, async (req, reply) => {
    const { r, plan, found } = await action(req, true);
    const form = parseForm(actionForm, { ...(req.body as object), source: '' });
    const d = await plans.page(r, plan, lang);
    const fail = (errors: FieldError[]) =>
      sendPrivate(
        reply,
        actionView(ctx(req), d, plan, found, { csrf: reply.generateCsrf(), mayNote: true, errors, form: 'action', values: textValues(req.body as never) }),
        422,
      );
    if (!form.ok) return fail(form.errors);
    const checked = plans.check(r, plan, form.data, () => null, d.members);
    if ('errors' in checked) return fail(checked.errors);
    await plans.updateAction(req.user!, r, plan, found, { ...checked, source: found.source });
    return back(req, reply, r, 'saved', `#action-${found.id}`);
  });

  app.post(`${base}/actions/:action/notes`, memberPost, async (req, reply) => {
    const { r, plan, found } = await action(req, false);
    if (!plans.mayNote(req.user!, r, found)) throw new ForbiddenError();
    const form = parseForm(noteForm, req.body);
    if (!form.ok) {
      const d = await plans.page(r, plan, lang);
      return sendPrivate(
        reply,
        actionView(ctx(req), d, plan, found, { csrf: reply.generateCsrf(), mayNote: true, errors: form.errors, form: 'note', values: form.values }),
        422,
      );
    }
    await plans.addNote(req.user!, r, found, form.data.note);
    return redirectDone(reply, `${planPath(req, r)}/actions/${found.id}#notes`, 'noted');
  });

  app.post(`${base}/actions/:action/delete`, memberPost, async (req, reply) => {
    const { r, plan, found } = await action(req, true);
    await plans.remove(plan.id, found.id);
    return back(req, reply, r, 'deleted');
  });

  app.get(`${base}.csv`, member, async (req, reply) => {
    const { r, plan } = await load(req);
    if (!plan) throw new NotFoundError('plan');
    const { filename, body } = plans.csv(r, plan, ctx(req));
    return sendCsv(reply, filename, body);
  });

  app.get(`${base}.pdf`, member, async (req, reply) => {
    const { r, plan } = await load(req);
    if (!plan) throw new NotFoundError('plan');
    const l = ctx(req);
    const pdf = await renderPdf(planDocument(l, await plans.page(r, plan, lang)));
    const name = `development-plan-${r.centre.slug}-${r.loaded.round.id}-${lang}.pdf`;
    return reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${name}"`).type('application/pdf').send(pdf);
  });
}
