import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import type { Lang } from '../../i18n/languages.ts';
import { postPath } from './editing-routes.ts';
import type { ReactionsService } from './reactions.ts';
import * as s from './schemas.ts';

// "Helpful" and marked answers, in the communities' scope (its session and CSRF checks): each a
// button under a post, which comes back to the post with a notice.

export interface ReactionRouteOptions {
  a: AppContext;
  lang: Lang;
  reactions: ReactionsService;
  memberPost: { preHandler: preHandlerHookHandler[] };
}

export function reactionRoutes(app: FastifyInstance, o: ReactionRouteOptions): void {
  const { a, lang, reactions } = o;
  const missing: () => never = () => {
    throw new NotFoundError('community');
  };

  app.post('/:slug/posts/:post/helpful', o.memberPost, async (req, reply) => {
    const { slug, post } = parse(s.postParams, req.params);
    const { on } = parse(s.helpfulForm, req.body);
    const done = await reactions.helpful(slug, post, req.user!, on === 'yes');
    if (done.outcome !== 'done') missing();
    return reply.redirect(`/${lang}${await postPath(a, slug, done.topicId, post, on === 'yes' ? 'helpful' : 'unhelpful')}`, 303);
  });

  app.post('/:slug/topics/:id/answer', o.memberPost, async (req, reply) => {
    const { slug, id } = parse(s.topicParams, req.params);
    const { post } = parse(s.answerForm, req.body);
    const done = await reactions.answer(slug, id, req.user!, post === '' ? null : post);
    if (done.outcome !== 'done') missing();
    if (post === '') return reply.redirect(`/${lang}/communities/${slug}/topics/${id}?done=unanswered`, 303);
    return reply.redirect(`/${lang}${await postPath(a, slug, id, post, 'answered')}`, 303);
  });
}
