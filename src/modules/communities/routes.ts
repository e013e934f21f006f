import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import { formText, parseForm, type FieldError } from '../../http/forms.ts';
import { noticeOf, redirectDone } from '../../http/notice.ts';
import { renderedFrom } from '../../http/page-cache.ts';
import { sendPrivate, sendRendered } from '../../http/send.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { Limited } from '../../platform/rate-limits/rate-limits.ts';
import type { User } from '../accounts/repository.ts';
import { sessionFrom, sessionScope } from '../accounts/session-scope.ts';
import type { KnowledgeService } from '../knowledge/service.ts';
import type { ModerationService } from './moderation-service.ts';
import { moderationRoutes } from './moderation-routes.ts';
import { editingRoutes, postPath } from './editing-routes.ts';
import type { EditingService } from './editing.ts';
import type { CommunitySearch } from './search.ts';
import type { ReactionsService } from './reactions.ts';
import { cardPaths, resolveCards, type CardSources, type LinkCard } from './cards.ts';
import { reactionRoutes } from './reaction-routes.ts';
import { communitySearchView } from './views/search.ts';
import { spooledFiles, uploadConfig } from '../files/upload.ts';
import { attachmentRoutes, refusedError } from './attachment-routes.ts';
import type { AttachmentsService, PostFile } from './attachments.ts';
import { POSTS_PER_PAGE, quotedMarkdown, TOPICS_PER_PAGE } from './lists.ts';
import * as s from './schemas.ts';
import type { CommunitiesService } from './service.ts';
import { membersView } from './views/members.ts';
import { communitiesView, communityFeed, communityView, joinView } from './views/public.ts';
import { newTopicView, topicView } from './views/topics.ts';

export interface CommunityOptions {
  a: AppContext;
  lang: Lang;
  communities: CommunitiesService;
  moderation: ModerationService;
  editing: EditingService;
  searchIn: CommunitySearch;
  reactions: ReactionsService;
  attachments: AttachmentsService;
  /** what links in posts to packages, stations, resources and centres show as cards */
  cards: CardSources;
  knowledge: KnowledgeService;
  sessionSecret: string;
  sessionDays: number;
  findUser: (id: number) => Promise<User | undefined>;
}

// Communities: /{lang}/communities/…, a scope of its own that reads the session (public
// communities are read without one) and checks CSRF on every form.
export async function communityRoutes(app: FastifyInstance, o: CommunityOptions): Promise<void> {
  const { a, lang, communities } = o;
  const g = await sessionScope(app, {
    ...sessionFrom(o),
    // a post of 20,000 characters, in a script of several bytes a character
    formLimit: 128 * 1024,
    fileLimit: 0,
  });
  const member = { preHandler: [g.requireUser] };
  const memberPost = { preHandler: [g.csrfCheck, g.requireUser] };
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const path = (p: string) => `/${lang}/communities${p}`;
  const missing: () => never = () => {
    throw new NotFoundError('community');
  };
  const themes = () => o.knowledge.vocabulary('themes', lang);
  // A signed-in person's page is theirs alone (no-store); anyone else's is the same for all.
  const send = (req: FastifyRequest, reply: FastifyReply, page: string, status = 200) =>
    req.user ? sendPrivate(reply, page, status) : a.freshPage(req, reply, page, status);
  const csrfFor = (req: FastifyRequest, reply: FastifyReply) => (req.user ? reply.generateCsrf() : null);
  const notices = {
    joined: 'community.notice.joined',
    requested: 'community.notice.requested',
    left: 'community.notice.left',
    posted: 'community.notice.posted',
    replied: 'community.notice.replied',
    locked: 'community.notice.locked',
    unlocked: 'community.notice.unlocked',
    accepted: 'community.notice.accepted',
    declined: 'community.notice.declined',
    lastFacilitator: 'community.notice.lastFacilitator',
    waiting: 'community.notice.waiting',
    flagged: 'community.notice.flagged',
    flaggedAlready: 'community.notice.flaggedAlready',
    approved: 'community.notice.approved',
    kept: 'community.notice.kept',
    removed: 'community.notice.removed',
    edited: 'community.notice.edited',
    invited: 'community.notice.invited',
    helpful: 'community.notice.helpful',
    unhelpful: 'community.notice.unhelpful',
    answered: 'community.notice.answered',
    unanswered: 'community.notice.unanswered',
    decided: 'community.notice.decidedAlready',
    moved: 'community.notice.moved',
    level: 'community.notice.level',
    suspended: 'community.notice.suspended',
    reinstated: 'community.notice.reinstated',
  };
  moderationRoutes(app, { a, lang, moderation: o.moderation, member, memberPost, filesOf: o.attachments.ofPosts });
  editingRoutes(app, { a, lang, editing: o.editing, member, memberPost, send });
  reactionRoutes(app, { a, lang, reactions: o.reactions, memberPost });
  attachmentRoutes(app, { a, lang, communities, attachments: o.attachments, send });
  // A post's form carries its files (several, each up to the files module's limit): stored only for
  // someone signed in, and kept for the post only where they may write (attachments.ts).
  const upload = {
    ...memberPost,
    config: uploadConfig({
      field: 'files',
      maxBytes: o.attachments.maxBytes,
      files: 20,
      mayUpload: async (req) => (await o.findUser(req.session.userId ?? 0)) !== undefined,
    }),
  };
  /** The files sent with a post's form and those kept from an earlier try; the refused ones as the form's errors. */
  const stash = async (req: FastifyRequest, slug: string) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const got = await o.attachments.stash(slug, req.user!, spooledFiles(body.files), parse(s.keptFiles, body).keep);
    return { kept: got.files, errors: got.refused.map((r) => refusedError(ctx(req), r, o.attachments.maxBytes)) };
  };
  const ids = (files: PostFile[]) => files.map((f) => f.id);

  app.get('/', async (req, reply) => {
    const query = parse(s.listQuery, req.query);
    const [result, labels] = await Promise.all([communities.list(lang, query), themes()]);
    return send(req, reply, communitiesView(ctx(req), query, result, labels));
  });

  app.get('/:slug', async (req, reply) => {
    const { slug } = parse(s.communityParams, req.params);
    const { page } = parse(s.pageQuery, req.query);
    const p = (await communities.topics(slug, req.user ?? null, lang, page)) ?? missing();
    if (page > 1 && (page - 1) * TOPICS_PER_PAGE >= p.topics.total) missing();
    const notice = noticeOf(req.query, notices);
    const [waiting, levels] = await Promise.all([p.facilitate ? o.moderation.waiting(p.row.id) : 0, req.user ? communities.levels(p, req.user, null) : null]);
    const view = { ...p, waiting, ...(levels ? { level: levels } : {}) };
    return send(
      req,
      reply,
      communityView(ctx(req), csrfFor(req, reply), view, { page, signedIn: !!req.user, themes: await themes(), ...(notice ? { notice } : {}) }),
    );
  });

  app.get('/:slug/search', async (req, reply) => {
    const { slug } = parse(s.communityParams, req.params);
    const { q, page } = parse(s.searchQuery, req.query);
    const found = (await o.searchIn.find(slug, req.user ?? null, lang, q, page)) ?? missing();
    return send(req, reply, communitySearchView(ctx(req), found.community, q, page, found));
  });

  app.get('/:slug/feed.xml', async (req, reply) => {
    const { slug } = parse(s.communityParams, req.params);
    const found = (await communities.feed(slug, lang)) ?? missing();
    const xml = communityFeed(a.ctxFor(lang, path(`/${slug}/feed.xml`)), found.community, found.topics);
    return sendRendered(req, reply, renderedFrom(xml, 'application/atom+xml; charset=utf-8'), 'public, max-age=300');
  });

  // Joining: the code of conduct to agree to, and the community's question when it takes requests.
  const joinPage = async (req: FastifyRequest, reply: FastifyReply, slug: string, values: { answer: string }, errors: FieldError[] = [], status = 200) => {
    const p = (await communities.page(slug, req.user!, lang)) ?? missing();
    const m = p.membership;
    if (p.community.archived || (m && m.status !== 'invited') || (p.community.joining === 'invitation' && m?.status !== 'invited'))
      return reply.redirect(path(`/${slug}`), 303);
    return sendPrivate(reply, joinView(ctx(req), reply.generateCsrf(), p.community, values, errors), status);
  };
  app.get('/:slug/join', member, (req, reply) => {
    const { slug } = parse(s.communityParams, req.params);
    return joinPage(req, reply, slug, { answer: '' });
  });
  app.post('/:slug/join', memberPost, async (req, reply) => {
    const { slug } = parse(s.communityParams, req.params);
    const form = parseForm(s.joinForm, req.body);
    const answer = form.ok ? form.data.answer : formText(form.values, 'answer');
    if (!form.ok) return joinPage(req, reply, slug, { answer }, form.errors, 422);
    const p = (await communities.page(slug, req.user!, lang)) ?? missing();
    if (p.community.codeOfConduct && form.data.agree !== 'yes')
      return joinPage(req, reply, slug, { answer }, [{ field: 'agree', key: 'community.error.agree' }], 422);
    const result = await communities.join(slug, req.user!, answer);
    if (result === 'missing') missing();
    if (result === 'answer-needed') return joinPage(req, reply, slug, { answer }, [{ field: 'answer', key: 'community.error.answer' }], 422);
    if (result === 'joined' || result === 'requested') return redirectDone(reply, path(`/${slug}`), result);
    return reply.redirect(path(`/${slug}`), 303);
  });
  app.post('/:slug/leave', memberPost, async (req, reply) => {
    const { slug } = parse(s.communityParams, req.params);
    const result = await communities.leave(slug, req.user!);
    if (result === 'missing') missing();
    if (result === 'last-facilitator') return redirectDone(reply, path(`/${slug}`), 'lastFacilitator');
    if (result === 'suspended') return reply.redirect(path(`/${slug}`), 303);
    return redirectDone(reply, path(`/${slug}`), 'left');
  });

  const membersPage = async (req: FastifyRequest, reply: FastifyReply, slug: string, invite?: { email: string; errors: FieldError[] }) => {
    const p = (await communities.members(slug, req.user!, lang)) ?? missing();
    const notice = noticeOf(req.query, notices);
    const view = membersView(ctx(req), reply.generateCsrf(), p.community, p.members, {
      facilitate: p.facilitate,
      ...(notice ? { notice } : {}),
      ...(invite ? { invite } : {}),
    });
    return sendPrivate(reply, view, invite?.errors.length ? 422 : 200);
  };
  app.get('/:slug/members', member, (req, reply) => membersPage(req, reply, parse(s.communityParams, req.params).slug));
  // Facilitators invite someone with an account by their address.
  app.post('/:slug/members/invite', memberPost, async (req, reply) => {
    const { slug } = parse(s.communityParams, req.params);
    const form = parseForm(s.inviteForm, req.body);
    const email = form.ok ? form.data.email : formText(form.values, 'email');
    if (!form.ok) return membersPage(req, reply, slug, { email, errors: form.errors });
    const result = await o.moderation.invite(slug, req.user!, form.data.email);
    if (result === 'missing' || result === 'forbidden') missing();
    if (result !== 'done') return membersPage(req, reply, slug, { email, errors: [{ field: 'email', key: `community.error.invite.${result}` }] });
    return redirectDone(reply, path(`/${slug}/members`), 'invited');
  });
  app.post('/:slug/members/:user/decide', memberPost, async (req, reply) => {
    const { slug, user } = parse(s.memberParams, req.params);
    const { decision } = parse(s.decideForm, req.body);
    const result = await communities.decide(slug, req.user!, user, decision === 'accept');
    if (result !== 'done') missing();
    return redirectDone(reply, path(`/${slug}/members`), decision === 'accept' ? 'accepted' : 'declined');
  });

  /** Past the limit on posting: the text stays in the form, with when to send it. */
  const tooFast = (l: Limited): FieldError => ({ field: 'body', key: 'community.error.tooFast', values: { minutes: Math.ceil(l.retryAfterSeconds / 60) } });
  const newTopic = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values: { title: string; body: string; lang: string },
    errors: FieldError[] = [],
    status = errors.length ? 422 : 200,
    kept: PostFile[] = [],
  ) => {
    const p = (await communities.page(slug, req.user!, lang)) ?? missing();
    if (!p.read) missing();
    if (!p.write) return reply.redirect(path(`/${slug}`), 303);
    const files = { kept, maxBytes: o.attachments.maxBytes };
    return sendPrivate(reply, newTopicView(ctx(req), reply.generateCsrf(), p.community, values, errors, files), status);
  };
  app.get('/:slug/topics/new', member, (req, reply) => {
    const { slug } = parse(s.communityParams, req.params);
    return newTopic(req, reply, slug, { title: '', body: '', lang });
  });
  app.post('/:slug/topics', upload, async (req, reply) => {
    const { slug } = parse(s.communityParams, req.params);
    const form = parseForm(s.topicForm, req.body);
    const files = await stash(req, slug);
    if (!form.ok || files.errors.length) {
      const values = form.ok
        ? form.data
        : { title: formText(form.values, 'title'), body: formText(form.values, 'body'), lang: formText(form.values, 'lang') || lang };
      return newTopic(req, reply, slug, values, [...(form.ok ? [] : form.errors), ...files.errors], 422, files.kept);
    }
    const started = await communities.startTopic(slug, req.user!, form.data, ids(files.kept));
    if (started === 'missing') missing();
    if (started === 'forbidden') return reply.redirect(path(`/${slug}`), 303);
    if ('limited' in started) {
      reply.header('retry-after', String(started.retryAfterSeconds));
      return newTopic(req, reply, slug, form.data, [tooFast(started)], 429, files.kept);
    }
    return redirectDone(reply, path(`/${slug}/topics/${started.id}`), started.waiting ? 'waiting' : 'posted');
  });

  const topicPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    id: number,
    q: { page: number; lang: string[] },
    state: { values?: { body: string; lang: string }; errors?: FieldError[]; notice?: string; kept?: PostFile[] } = {},
    status = 200,
  ) => {
    const p = await communities.topic(slug, id, req.user ?? null, lang, { page: q.page, langs: q.lang });
    if (!p) {
      // A topic moved to another community: its old address leads there, for whoever may read it.
      const home = await communities.movedTo(id, req.user ?? null);
      if (home && home !== slug && req.method === 'GET')
        return reply.redirect(`${path(`/${home}/topics/${id}`)}${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`, 301);
      return missing();
    }
    // A page past the last one is not there (the first page is, even empty).
    if (q.page > 1 && (q.page - 1) * POSTS_PER_PAGE >= p.posts.total) missing();
    const answer = p.topic.answerPostId;
    const linked = new Map(p.posts.rows.map((r) => [r.id, r.status === 'shown' ? cardPaths(r.body, a.config.baseUrl) : []]));
    const [moveTargets, levels, helpful, answerAt, openingId, resolved, files] = await Promise.all([
      p.facilitate && req.user ? o.moderation.moveTargets(slug, req.user, lang) : [],
      req.user ? communities.levels(p, req.user, id) : null,
      o.reactions.totals(
        p.posts.rows.map((r) => r.id),
        req.user?.id ?? null,
      ),
      answer === null ? null : postPath(a, slug, id, answer),
      o.reactions.opening(id),
      resolveCards(o.cards, [...linked.values()].flat(), lang),
      o.attachments.ofPosts(p.posts.rows.map((r) => r.id)),
    ]);
    const cards = new Map([...linked].map(([postId, paths]) => [postId, paths.flatMap((x) => resolved.get(x) ?? [])] as [number, LinkCard[]]));
    const view = { ...p, viewerId: req.user?.id ?? null, moveTargets, levels, helpful, answerAt, openingId, cards, files, maxBytes: o.attachments.maxBytes };
    const page = topicView(ctx(req), csrfFor(req, reply), view, { page: q.page, langs: q.lang, signedIn: !!req.user, ...state });
    return send(req, reply, page, status);
  };
  app.get('/:slug/topics/:id', async (req, reply) => {
    const { slug, id } = parse(s.topicParams, req.params);
    const q = parse(s.topicQuery, req.query);
    const notice = noticeOf(req.query, notices);
    // Quoting: the reply form starts with the post quoted, when the reader may read it here.
    const quoting = q.quote && req.user ? await o.editing.target(slug, q.quote, req.user, lang) : null;
    const quote = quoting && quoting.post.topicId === id && quoting.post.status === 'shown' ? quoting.post : null;
    const values = quote ? { body: quotedMarkdown(quote.author ?? ctx(req).t('community.formerMember'), quote.body), lang } : undefined;
    return topicPage(req, reply, slug, id, q, { ...(notice ? { notice } : {}), ...(values ? { values } : {}) });
  });
  app.post('/:slug/topics/:id', upload, async (req, reply) => {
    const { slug, id } = parse(s.topicParams, req.params);
    const form = parseForm(s.replyForm, req.body);
    const values = { body: form.ok ? form.data.body : formText(form.values, 'body'), lang: form.ok ? form.data.lang : formText(form.values, 'lang') || lang };
    const files = await stash(req, slug);
    const back = (errors: FieldError[], status: number) => topicPage(req, reply, slug, id, { page: 1, lang: [] }, { values, errors, kept: files.kept }, status);
    if (!form.ok || files.errors.length) return back([...(form.ok ? [] : form.errors), ...files.errors], 422);
    const result = await communities.reply(slug, id, req.user!, form.data, ids(files.kept));
    if (result === 'missing') missing();
    // Refused: the text comes back with the reason, nothing lost.
    if (result === 'locked') return back([{ field: 'body', key: 'community.error.locked' }], 409);
    if (result === 'forbidden') return back([{ field: 'body', key: 'community.error.notMember' }], 403);
    if ('limited' in result) {
      reply.header('retry-after', String(result.retryAfterSeconds));
      return back([tooFast(result)], 429);
    }
    const done = result.waiting ? 'waiting' : 'replied';
    const at = result.page > 1 ? `?page=${result.page}&done=${done}` : `?done=${done}`;
    return reply.redirect(`${path(`/${slug}/topics/${id}`)}${at}#post-${result.id}`, 303);
  });
  // Notification levels, the community's and a topic's ('default' takes the topic back to the community's).
  app.post('/:slug/level', memberPost, async (req, reply) => {
    const { slug } = parse(s.communityParams, req.params);
    const { level } = parse(s.communityLevelForm, req.body);
    if ((await communities.setLevel(slug, req.user!, null, level)) !== 'done') missing();
    return redirectDone(reply, path(`/${slug}`), 'level');
  });
  app.post('/:slug/topics/:id/level', memberPost, async (req, reply) => {
    const { slug, id } = parse(s.topicParams, req.params);
    const { level } = parse(s.topicLevelForm, req.body);
    if ((await communities.setLevel(slug, req.user!, id, level === 'default' ? null : level)) !== 'done') missing();
    return redirectDone(reply, path(`/${slug}/topics/${id}`), 'level');
  });
  app.post('/:slug/topics/:id/lock', memberPost, async (req, reply) => {
    const { slug, id } = parse(s.topicParams, req.params);
    const { on } = parse(s.lockForm, req.body);
    const result = await communities.lock(slug, id, req.user!, on === 'yes');
    if (result !== 'done') missing();
    return redirectDone(reply, path(`/${slug}/topics/${id}`), on === 'yes' ? 'locked' : 'unlocked');
  });
}
