import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { NotFoundError, parse } from '../../../http/errors.ts';
import { fairSearchPages } from '../../../http/fair-use.ts';
import { parseForm, type FieldError } from '../../../http/forms.ts';
import { noticeOf, redirectDone } from '../../../http/notice.ts';
import { renderedFrom } from '../../../http/page-cache.ts';
import { sendPrivate, sendRendered } from '../../../http/send.ts';
import { tooManyView } from '../../../http/too-many-page.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import { inLang } from '../../assessment/framework/document.ts';
import type { FrameworkService } from '../../assessment/framework/service.ts';
import { centreParams } from '../../centres/schemas.ts';
import type { KnowledgeService } from '../../knowledge/service.ts';
import * as s from './schemas.ts';
import { suggestionsQuery } from '../suggestions/schemas.ts';
import type { RequestsService } from './service.ts';
import { authorView, myRequestsView, newRequestView, replyView } from './views/account.ts';
import { requestsFeed, requestsHref, requestsView, requestView } from './views/public.ts';

// Partner requests in public, in each language scope: /{lang}/partners, a request, the feed. The
// list is not cached (requests open and close by the day, and by replies); a page rendered for a
// new address is charged to the client's search budget, as the directory's are.
export function requestRoutes(app: FastifyInstance, a: AppContext, lang: Lang, d: { requests: RequestsService; knowledge: KnowledgeService }): void {
  const sectors = () => d.knowledge.vocabulary('sectors', lang);
  const searchPage = fairSearchPages(a, lang);
  app.get('/partners', async (req, reply) => {
    const query = parse(s.requestQuery, req.query);
    const canonical = requestsHref(a.ctx(req, lang), query);
    // Keyed by the minute: a new request or a reply shows within one.
    const key = `${canonical}#${new Date().toISOString().slice(0, 16)}`;
    return searchPage(req, reply, key, async () => requestsView(a.ctxFor(lang, canonical), query, await d.requests.list(query), await sectors()));
  });
  app.get('/partners/feed.xml', async (req, reply) => {
    const feed = requestsFeed(a.ctxFor(lang, `/${lang}/partners/feed.xml`), await d.requests.recent(50));
    return sendRendered(req, reply, renderedFrom(feed, 'application/atom+xml; charset=utf-8'), 'public, max-age=300');
  });
  app.get('/partners/:id', async (req, reply) => {
    const { id } = parse(s.requestParams, req.params);
    const found = await d.requests.request(id);
    if (!found) throw new NotFoundError('request');
    return a.freshPage(req, reply, requestView(a.ctx(req, lang), found.request, found.status, await sectors()));
  });
}

// A centre's requests and replying: /{lang}/account/…, inside the account scope (session and CSRF).
export function requestAccountRoutes(
  app: FastifyInstance,
  g: Guards,
  a: AppContext,
  lang: Lang,
  d: { requests: RequestsService; knowledge: KnowledgeService; framework: FrameworkService },
): void {
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const member = { preHandler: [g.requireUser] };
  const memberPost = { preHandler: [g.csrfCheck, g.requireUser] };
  const sectors = () => d.knowledge.vocabulary('sectors', lang);
  const missing = (): never => {
    throw new NotFoundError('request');
  };

  app.get('/centres/:slug/requests', member, async (req, reply) => {
    const { slug } = parse(centreParams, req.params);
    const mine = (await d.requests.mine(req.user!, slug)) ?? missing();
    return sendPrivate(reply, myRequestsView(ctx(req), mine.centre, mine.requests));
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, slug: string, values: Record<string, string | string[]>, errors: FieldError[] = []) => {
    const mine = (await d.requests.mine(req.user!, slug)) ?? missing();
    return sendPrivate(reply, newRequestView(ctx(req), reply.generateCsrf(), mine.centre, values, await sectors(), errors), errors.length ? 422 : 200);
  };
  app.get('/centres/:slug/requests/new', member, (req, reply) => {
    const { slug } = parse(centreParams, req.params);
    return form(req, reply, slug, {});
  });
  app.post('/centres/:slug/requests', memberPost, async (req, reply) => {
    const { slug } = parse(centreParams, req.params);
    if (!(await d.requests.mayPost(req.user!, slug))) throw new NotFoundError('request');
    const parsed = parseForm(s.requestForm, req.body);
    if (!parsed.ok) return form(req, reply, slug, parsed.values, parsed.errors);
    const id = (await d.requests.create(req.user!, slug, parsed.data)) ?? missing();
    return redirectDone(reply, `/${lang}/account/centres/${slug}/requests/${id}`, 'posted');
  });

  app.get('/centres/:slug/requests/:id', member, async (req, reply) => {
    const { slug, id } = parse(s.centreRequestParams, req.params);
    const filters = parse(suggestionsQuery, req.query);
    const view = (await d.requests.forAuthor(req.user!, slug, id, filters)) ?? missing();
    const c = ctx(req);
    const [labels, framework] = await Promise.all([sectors(), d.framework.current(lang)]);
    const areas = new Map((framework?.document.dimensions ?? []).map((x) => [x.id, inLang(x.title, c)]));
    const done = noticeOf(req.query, { posted: 'request.notice.posted', closed: 'request.notice.closed' });
    return sendPrivate(reply, authorView(c, reply.generateCsrf(), view, labels, { sectors: labels, areas }, { filters, done }));
  });
  app.post('/centres/:slug/requests/:id/close', memberPost, async (req, reply) => {
    const { slug, id } = parse(s.centreRequestParams, req.params);
    if (!(await d.requests.close(req.user!, slug, id))) throw new NotFoundError('request');
    return redirectDone(reply, `/${lang}/account/centres/${slug}/requests/${id}`, 'closed');
  });

  const replyPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: { centre: string; body: string },
    errors: FieldError[] = [],
    status = 200,
  ) => {
    const options = (await d.requests.replyOptions(req.user!, id)) ?? missing();
    // A closed request has no reply form, unless a reply just came back refused: its text stays.
    if (options.status !== 'open' && errors.length === 0) return reply.redirect(`/${lang}/partners/${id}`, 303);
    return sendPrivate(reply, replyView(ctx(req), reply.generateCsrf(), options, values, errors), status);
  };
  app.get('/partners/:id/reply', member, (req, reply) => {
    const { id } = parse(s.requestParams, req.params);
    return replyPage(req, reply, id, { centre: '', body: '' });
  });
  app.post('/partners/:id/reply', memberPost, async (req, reply) => {
    const { id } = parse(s.requestParams, req.params);
    const parsed = parseForm(s.replyForm, req.body);
    if (!parsed.ok)
      return replyPage(req, reply, id, { centre: String(parsed.values.centre ?? ''), body: String(parsed.values.body ?? '') }, parsed.errors, 422);
    const result = await d.requests.reply(req.user!, id, parsed.data.centre, parsed.data.body);
    if (result === 'missing') throw new NotFoundError('request');
    const values = { centre: parsed.data.centre, body: parsed.data.body };
    if (result === 'closed') return replyPage(req, reply, id, values, [{ field: 'body', key: 'request.error.closed' }], 409);
    if (result === 'blocked') return replyPage(req, reply, id, values, [{ field: 'body', key: 'message.blocked.byThem' }], 409);
    if ('limited' in result) {
      reply.header('retry-after', String(result.retryAfterSeconds));
      return sendPrivate(reply, tooManyView(ctx(req), result.retryAfterSeconds), 429);
    }
    const conversation = 'already' in result ? result.already : result.conversation;
    return redirectDone(reply, `/${lang}/account/centres/${parsed.data.centre}/messages/${conversation}`, 'already' in result ? 'already' : 'sent');
  });
}
