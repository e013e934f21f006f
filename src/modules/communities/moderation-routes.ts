import type { PostFile } from './attachments.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import { formText, parseForm, type FieldError } from '../../http/forms.ts';
import { noticeOf, redirectDone } from '../../http/notice.ts';
import { sendPrivate } from '../../http/send.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { ModerationService } from './moderation-service.ts';
import * as s from './schemas.ts';
import { flagView, removeView, reviewView } from './views/moderation.ts';

// Moderation's routes, in the communities' scope (its session and CSRF checks): flagging a post,
// the review queue, a facilitator's decisions on posts, suspending members and moving topics.
// Whoever may not do a thing gets what a missing page gets.

export interface ModerationRouteOptions {
  a: AppContext;
  lang: Lang;
  moderation: ModerationService;
  member: { preHandler: preHandlerHookHandler[] };
  memberPost: { preHandler: preHandlerHookHandler[] };
  /** the files of posts, by post (the review queue shows them) */
  filesOf: (postIds: readonly number[]) => Promise<Map<number, PostFile[]>>;
}

export function moderationRoutes(app: FastifyInstance, o: ModerationRouteOptions): void {
  const { a, lang, moderation, member, memberPost } = o;
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const path = (p: string) => `/${lang}/communities${p}`;
  const missing: () => never = () => {
    throw new NotFoundError('community');
  };
  const notices = {
    approved: 'community.notice.approved',
    kept: 'community.notice.kept',
    removed: 'community.notice.removed',
    decided: 'community.notice.decidedAlready',
  };
  /** A post as the moderation pages quote it. */
  const quoted = (p: NonNullable<Awaited<ReturnType<ModerationService['removeTarget']>>>['post']) => ({
    ...p,
    topicId: p.topic_id,
    topicTitle: p.topic_title,
    topicLang: p.topic_lang,
    createdAt: p.created_at,
  });
  const topicAt = (slug: string, topicId: number, postId: number, done: string) => path(`/${slug}/topics/${topicId}?done=${done}#post-${postId}`);

  // Flagging: a page with the post and the reasons, then back to the post.
  const flagPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    postId: number,
    values: { reason: string; note: string },
    errors: FieldError[] = [],
  ) => {
    const target = (await moderation.flagTarget(slug, postId, req.user!)) ?? missing();
    const post = quoted(target.post);
    const page = flagView(ctx(req), reply.generateCsrf(), target.p.community, post, { values, errors, already: target.already });
    return sendPrivate(reply, page, errors.length ? 422 : 200);
  };
  app.get('/:slug/posts/:post/flag', member, (req, reply) => {
    const { slug, post } = parse(s.postParams, req.params);
    return flagPage(req, reply, slug, post, { reason: '', note: '' });
  });
  app.post('/:slug/posts/:post/flag', memberPost, async (req, reply) => {
    const { slug, post } = parse(s.postParams, req.params);
    const form = parseForm(s.flagForm, req.body);
    if (!form.ok) return flagPage(req, reply, slug, post, { reason: formText(form.values, 'reason'), note: formText(form.values, 'note') }, form.errors);
    const { outcome, topicId } = await moderation.flag(slug, post, req.user!, form.data);
    if (outcome === 'missing' || outcome === 'forbidden' || outcome === 'own' || topicId === undefined) missing();
    return reply.redirect(topicAt(slug, topicId, post, outcome === 'already' ? 'flaggedAlready' : 'flagged'), 303);
  });

  app.get('/:slug/review', member, async (req, reply) => {
    const { slug } = parse(s.communityParams, req.params);
    const q = (await moderation.queue(slug, req.user!, lang)) ?? missing();
    const notice = noticeOf(req.query, notices);
    const files = await o.filesOf(q.queue.items.map((i) => i.postId));
    return sendPrivate(reply, reviewView(ctx(req), reply.generateCsrf(), q.community, q.queue, { files, ...(notice ? { notice } : {}) }));
  });

  /** After a decision: back to the review queue, or to the post in its topic. */
  const afterDecision = (reply: FastifyReply, slug: string, postId: number, from: string, topicId: number, done: string) =>
    from === 'review' ? redirectDone(reply, path(`/${slug}/review`), done) : reply.redirect(topicAt(slug, topicId, postId, done), 303);
  for (const decision of ['approve', 'keep'] as const) {
    app.post(`/:slug/posts/:post/${decision}`, memberPost, async (req, reply) => {
      const { slug, post } = parse(s.postParams, req.params);
      const { from } = parse(s.decisionForm, req.body);
      const { outcome, topicId } = await moderation.decide(slug, post, req.user!, decision);
      if (topicId === undefined || outcome === 'missing' || outcome === 'forbidden') missing();
      return afterDecision(reply, slug, post, from, topicId, outcome === 'decided' ? 'decided' : decision === 'approve' ? 'approved' : 'kept');
    });
  }

  // Removing: a page that asks for the reason its author will read.
  const removePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    postId: number,
    values: { reason: string; from: string },
    errors: FieldError[] = [],
  ) => {
    const target = (await moderation.removeTarget(slug, postId, req.user!)) ?? missing();
    const post = quoted(target.post);
    return sendPrivate(reply, removeView(ctx(req), reply.generateCsrf(), target.p.community, post, { values, errors }), errors.length ? 422 : 200);
  };
  app.get('/:slug/posts/:post/remove', member, (req, reply) => {
    const { slug, post } = parse(s.postParams, req.params);
    const { from } = parse(s.decisionForm, req.query);
    return removePage(req, reply, slug, post, { reason: '', from });
  });
  app.post('/:slug/posts/:post/remove', memberPost, async (req, reply) => {
    const { slug, post } = parse(s.postParams, req.params);
    const form = parseForm(s.removeForm, req.body);
    if (!form.ok) {
      const from = formText(form.values, 'from') === 'review' ? 'review' : 'topic';
      return removePage(req, reply, slug, post, { reason: formText(form.values, 'reason'), from }, form.errors);
    }
    const { outcome, topicId } = await moderation.decide(slug, post, req.user!, 'remove', form.data.reason);
    if (topicId === undefined || outcome === 'missing' || outcome === 'forbidden') missing();
    return afterDecision(reply, slug, post, form.data.from, topicId, outcome === 'decided' ? 'decided' : 'removed');
  });

  app.post('/:slug/members/:user/suspend', memberPost, async (req, reply) => {
    const { slug, user } = parse(s.memberParams, req.params);
    const { on } = parse(s.suspendForm, req.body);
    if ((await moderation.suspend(slug, user, req.user!, on === 'yes')) !== 'done') missing();
    return redirectDone(reply, path(`/${slug}/members`), on === 'yes' ? 'suspended' : 'reinstated');
  });

  app.post('/:slug/topics/:id/move', memberPost, async (req, reply) => {
    const { slug, id } = parse(s.topicParams, req.params);
    const { to } = parse(s.moveForm, req.body);
    const moved = await moderation.move(slug, id, req.user!, to);
    if (typeof moved === 'string') missing();
    return redirectDone(reply, path(`/${moved.slug}/topics/${id}`), 'moved');
  });
}
