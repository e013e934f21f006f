import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { sendCsv } from '../../../http/csv.ts';
import { NotFoundError, parse } from '../../../http/errors.ts';
import { formText, parseForm, type FieldError } from '../../../http/forms.ts';
import { noticeOf, redirectDone } from '../../../http/notice.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { renderPdf } from '../../../pdf/lazy.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import { centreParams } from '../../centres/schemas.ts';
import { consortiumCsv } from './csv.ts';
import { consortiumDocument } from './pdf.ts';
import * as s from './schemas.ts';
import type { ConsortiaService } from './service.ts';
import { consortiumView, type PageState } from './views/consortium.ts';
import { consortiaPath, consortiaView, type ListState } from './views/list.ts';

// The consortium builder, inside the account scope (session and CSRF):
// /{lang}/account/centres/{slug}/consortia (a centre's consortia, its invitations, the start form),
// …/consortia/{id} (a consortium; ?q= searches centres to invite), .csv and .pdf, and the forms:
// …/{id}/invitations, …/{id}/partners, …/{id}/partners/{partner}/remove, …/{id}/answer.
// Whoever may not see a consortium gets 404, whatever they ask, before any form is read.

export function consortiumRoutes(app: FastifyInstance, g: Guards, a: AppContext, lang: Lang, consortia: ConsortiaService): void {
  const member = { preHandler: [g.requireUser] };
  const memberPost = { preHandler: [g.csrfCheck, g.requireUser] };
  const base = '/centres/:slug/consortia';
  const url = (slug: string, id?: number) => `/${lang}${consortiaPath(slug)}${id ? `/${id}` : ''}`;
  const refused = (result: string) => {
    if (result === 'missing' || result === 'forbidden') throw new NotFoundError('consortium');
  };

  async function list(req: FastifyRequest, reply: FastifyReply, slug: string, state: Omit<ListState, 'csrf'>, status = 200) {
    const d = await consortia.list(req.user!, slug);
    if (!d) throw new NotFoundError('centre');
    return sendPrivate(reply, consortiaView(a.ctx(req, lang), d, { ...state, csrf: reply.generateCsrf() }), status);
  }

  async function page(req: FastifyRequest, reply: FastifyReply, state: Partial<Omit<PageState, 'csrf' | 'matches'>>, status = 200) {
    const { slug, id } = parse(s.consortiumParams, req.params);
    const p = await consortia.page(req.user!, slug, id);
    if (!p) throw new NotFoundError('consortium');
    const q = state.q ?? '';
    const view = consortiumView(a.ctx(req, lang), p, { ...state, q, matches: await consortia.matches(p, q), csrf: reply.generateCsrf() });
    return sendPrivate(reply, view, status);
  }

  app.get(base, member, (req, reply) => {
    const { slug } = parse(centreParams, req.params);
    const notice = noticeOf(req.query, { accepted: 'consortium.notice.accepted', declined: 'consortium.notice.declined' });
    return list(req, reply, slug, notice ? { notice } : {});
  });

  app.post(base, memberPost, async (req, reply) => {
    const { slug } = parse(centreParams, req.params);
    refused(await consortia.mayStart(req.user!, slug));
    const form = parseForm(s.startForm, req.body);
    if (!form.ok) return list(req, reply, slug, { values: form.values, errors: form.errors }, 422);
    const result = await consortia.start(req.user!, slug, form.data);
    if (typeof result === 'string') throw new NotFoundError('centre');
    return redirectDone(reply, `${url(slug, result.id)}#partners-heading`, 'created');
  });

  const notices = {
    created: 'consortium.notice.created',
    invited: 'consortium.notice.invited',
    added: 'consortium.notice.added',
    removed: 'consortium.notice.removed',
    accepted: 'consortium.notice.accepted',
    declined: 'consortium.notice.declined',
  };
  app.get(`${base}/:id`, member, (req, reply) => {
    const { q } = parse(s.consortiumQuery, req.query);
    return page(req, reply, { q, notice: noticeOf(req.query, notices) });
  });

  app.get(`${base}/:id.csv`, member, async (req, reply) => {
    const { slug, id } = parse(s.consortiumParams, req.params);
    const p = await consortia.page(req.user!, slug, id);
    if (!p) throw new NotFoundError('consortium');
    const { filename, body } = consortiumCsv(a.ctx(req, lang), p);
    return sendCsv(reply, filename, body);
  });

  app.get(`${base}/:id.pdf`, member, async (req, reply) => {
    const { slug, id } = parse(s.consortiumParams, req.params);
    const p = await consortia.page(req.user!, slug, id);
    if (!p) throw new NotFoundError('consortium');
    const pdf = await renderPdf(consortiumDocument(a.ctx(req, lang), p));
    const name = `consortium-${p.coordinator.slug ?? 'centre'}-${id}-${lang}.pdf`;
    return reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${name}"`).type('application/pdf').send(pdf);
  });

  app.post(`${base}/:id/invitations`, memberPost, async (req, reply) => {
    const { slug, id } = parse(s.consortiumParams, req.params);
    refused(await consortia.mayEdit(req.user!, slug, id));
    const form = parseForm(s.inviteForm, req.body);
    // The search the invitation came from comes back with the page, whatever else was wrong.
    const q = form.ok ? form.data.q : formText(form.values, 'q').trim().slice(0, s.QUERY_MAX);
    const problem = (error: FieldError) => page(req, reply, { q, form: 'invite', errors: [error] }, 422);
    if (!form.ok) return problem({ field: 'invite', key: form.errors[0]!.key, values: form.errors[0]!.values });
    const result = await consortia.invite(req.user!, slug, id, form.data.centre, form.data.role);
    refused(result);
    if (result === 'no-centre') return problem({ field: 'invite', key: 'consortium.error.noCentre' });
    if (result === 'own-centre') return problem({ field: 'invite', key: 'consortium.error.ownCentre' });
    if (result === 'already') return problem({ field: 'invite', key: 'consortium.error.already' });
    return redirectDone(reply, `${url(slug, id)}#partners-heading`, 'invited');
  });

  app.post(`${base}/:id/partners`, memberPost, async (req, reply) => {
    const { slug, id } = parse(s.consortiumParams, req.params);
    refused(await consortia.mayEdit(req.user!, slug, id));
    const form = parseForm(s.outsideForm, req.body);
    if (!form.ok) return page(req, reply, { form: 'outside', errors: form.errors, values: form.values }, 422);
    refused(await consortia.addOutside(req.user!, slug, id, form.data));
    return redirectDone(reply, `${url(slug, id)}#partners-heading`, 'added');
  });

  app.post(`${base}/:id/partners/:partner/remove`, memberPost, async (req, reply) => {
    const { slug, id, partner } = parse(s.partnerParams, req.params);
    refused(await consortia.removePartner(req.user!, slug, id, partner));
    return redirectDone(reply, `${url(slug, id)}#partners-heading`, 'removed');
  });

  app.post(`${base}/:id/answer`, memberPost, async (req, reply) => {
    const { slug, id } = parse(s.consortiumParams, req.params);
    refused(await consortia.mayAnswer(req.user!, slug, id));
    const { answer, from } = parse(s.answerForm, req.body);
    const result = await consortia.answer(req.user!, slug, id, answer);
    refused(result);
    const to = from === 'list' ? url(slug) : url(slug, id);
    return result === 'done' ? redirectDone(reply, to, answer === 'accept' ? 'accepted' : 'declined') : reply.redirect(to, 303);
  });
}
