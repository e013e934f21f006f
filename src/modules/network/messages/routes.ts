import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { NotFoundError, parse } from '../../../http/errors.ts';
import { parseForm, type FieldError } from '../../../http/forms.ts';
import { noticeOf, redirectDone } from '../../../http/notice.ts';
import { sendPrivate } from '../../../http/send.ts';
import { tooManyView } from '../../../http/too-many-page.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import type { CentresService } from '../../centres/service.ts';
import { centreParams } from '../../centres/schemas.ts';
import * as s from './schemas.ts';
import type { MessagesService } from './service.ts';
import { conversationView } from './views/conversation.ts';
import { chooseCentreView, inboxView, newConversationView } from './views/messages.ts';
import { reportsView } from './views/reports.ts';

// Conversations between centres: /{lang}/account/centres/{slug}/messages/…, inside the account
// scope (session and CSRF). Whoever is not a member of the centre gets a 404, administrators of
// the platform included: they read reported messages only, at /{lang}/admin/reports.
export function messageRoutes(app: FastifyInstance, g: Guards, a: AppContext, lang: Lang, d: { messages: MessagesService; centres: CentresService }): void {
  const { messages } = d;
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const member = { preHandler: [g.requireUser] };
  const memberPost = { preHandler: [g.csrfCheck, g.requireUser] };
  const found = <T>(v: T | null | undefined): T => {
    if (v === null || v === undefined) throw new NotFoundError('conversation');
    return v;
  };
  const path = (slug: string, id?: number) => `/${lang}/account/centres/${slug}/messages${id ? `/${id}` : ''}`;

  async function conversation(
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    id: number,
    state: { body?: string; errors?: FieldError[]; notice?: string } = {},
    status = 200,
  ) {
    const c = found(await messages.conversation(req.user!, slug, id));
    return sendPrivate(reply, conversationView(ctx(req), reply.generateCsrf(), c, state), status);
  }

  app.get('/centres/:slug/messages', member, async (req, reply) => {
    const { slug } = parse(centreParams, req.params);
    const inbox = found(await messages.inbox(req.user!, slug));
    return sendPrivate(reply, inboxView(ctx(req), inbox.centre, inbox.conversations));
  });

  app.get('/centres/:slug/messages/new', member, async (req, reply) => {
    const { slug } = parse(centreParams, req.params);
    const { to } = parse(s.toQuery, req.query);
    const r = await messages.recipient(req.user!, slug, to ?? '');
    if (r === 'self' || r === 'blocked' || r === 'missing') throw new NotFoundError('centre');
    return sendPrivate(reply, newConversationView(ctx(req), reply.generateCsrf(), r.from, r.to, { subject: '', body: '' }));
  });

  app.post('/centres/:slug/messages', memberPost, async (req, reply) => {
    const { slug } = parse(centreParams, req.params);
    const form = parseForm(s.newConversationForm, req.body);
    const to = form.ok ? form.data.to : typeof form.values.to === 'string' ? form.values.to : '';
    const r = await messages.recipient(req.user!, slug, to);
    if (typeof r === 'string') throw new NotFoundError('centre');
    if (!form.ok) {
      const values = { subject: String(form.values.subject ?? ''), body: String(form.values.body ?? '') };
      return sendPrivate(reply, newConversationView(ctx(req), reply.generateCsrf(), r.from, r.to, values, form.errors), 422);
    }
    const started = await messages.start(req.user!, slug, form.data.to, form.data);
    if (typeof started === 'string') throw new NotFoundError('centre');
    if ('limited' in started) {
      reply.header('retry-after', String(started.retryAfterSeconds));
      return sendPrivate(reply, tooManyView(ctx(req), started.retryAfterSeconds), 429);
    }
    return redirectDone(reply, path(slug, started.id), 'sent');
  });

  app.get('/centres/:slug/messages/:id', member, (req, reply) => {
    const { slug, id } = parse(s.conversationParams, req.params);
    const notice = noticeOf(req.query, {
      sent: 'message.notice.sent',
      already: 'message.notice.already',
      reported: 'message.notice.reported',
      blocked: 'message.notice.blocked',
      unblocked: 'message.notice.unblocked',
    });
    return conversation(req, reply, slug, id, notice ? { notice } : {});
  });

  app.post('/centres/:slug/messages/:id', memberPost, async (req, reply) => {
    const { slug, id } = parse(s.conversationParams, req.params);
    found(await messages.conversation(req.user!, slug, id));
    const form = parseForm(s.replyForm, req.body);
    if (!form.ok) return conversation(req, reply, slug, id, { body: String(form.values.body ?? ''), errors: form.errors }, 422);
    const result = await messages.reply(req.user!, slug, id, form.data.body);
    if (result === 'missing') throw new NotFoundError('conversation');
    if (result === 'blocked') return conversation(req, reply, slug, id, { body: form.data.body }, 409);
    return redirectDone(reply, path(slug, id), 'sent');
  });

  app.post('/centres/:slug/messages/:id/report', memberPost, async (req, reply) => {
    const { slug, id } = parse(s.conversationParams, req.params);
    const { message, reason } = parse(s.reportForm, req.body);
    found((await messages.report(req.user!, slug, id, message, reason)) === 'done' ? true : null);
    return redirectDone(reply, path(slug, id), 'reported');
  });

  app.post('/centres/:slug/messages/:id/block', memberPost, async (req, reply) => {
    const { slug, id } = parse(s.conversationParams, req.params);
    found(await messages.conversation(req.user!, slug, id));
    const { on } = parse(s.blockForm, req.body);
    const result = await messages.block(req.user!, slug, id, on === 'yes');
    if (result !== 'done') throw new NotFoundError('conversation');
    return redirectDone(reply, path(slug, id), on === 'yes' ? 'blocked' : 'unblocked');
  });

  // "Write to this centre" from a public profile: which of the person's centres writes.
  app.get('/messages/new', member, async (req, reply) => {
    const { to } = parse(s.toQuery, req.query);
    const target = to ? await d.centres.publicCentre(to) : null;
    if (!target) throw new NotFoundError('centre');
    const mine = (await d.centres.mineById(req.user!.id)).filter((c) => c.slug !== target.centre.slug);
    if (mine.length === 1) return reply.redirect(`/${lang}/account/centres/${mine[0]!.slug}/messages/new?to=${encodeURIComponent(target.centre.slug)}`, 303);
    return sendPrivate(reply, chooseCentreView(ctx(req), target.centre, mine));
  });
}

// Reported messages: /{lang}/admin/reports, administrators only.
export function messageReportRoutes(app: FastifyInstance, g: Guards, a: AppContext, lang: Lang, messages: MessagesService): void {
  const admin = { preHandler: [g.requireUser, g.requireAdmin] };
  const adminPost = { preHandler: [g.csrfCheck, g.requireUser, g.requireAdmin] };
  app.get('/reports', admin, async (req, reply) => {
    const reports = (await messages.reports(req.user!)) ?? [];
    return sendPrivate(reply, reportsView(a.ctx(req, lang), reply.generateCsrf(), reports, noticeOf(req.query, { resolved: 'message.notice.resolved' })));
  });
  app.post('/reports/:id/resolve', adminPost, async (req, reply) => {
    const { id } = parse(s.reportParams, req.params);
    await messages.resolve(req.user!, id);
    return redirectDone(reply, `/${lang}/admin/reports`, 'resolved');
  });
}
