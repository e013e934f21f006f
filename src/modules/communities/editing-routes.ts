import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import { formText, parseForm, type FieldError } from '../../http/forms.ts';
import { sendPrivate } from '../../http/send.ts';
import type { Lang } from '../../i18n/languages.ts';
import { POSTS_PER_PAGE } from './lists.ts';
import type { EditingService } from './editing.ts';
import * as s from './schemas.ts';
import { editView, historyView, type EditValues } from './views/editing.ts';
import { postsBefore } from '../notifications/repository.ts';

// Editing a post and reading its history, in the communities' scope (its session and CSRF checks).
// Whoever may not edit a post gets what a missing page gets; the history is read as the post is.

export interface EditingRouteOptions {
  a: AppContext;
  lang: Lang;
  editing: EditingService;
  member: { preHandler: preHandlerHookHandler[] };
  memberPost: { preHandler: preHandlerHookHandler[] };
  /** sends a page: private to a signed-in person, the same for everyone else */
  send: (req: FastifyRequest, reply: FastifyReply, page: string, status?: number) => FastifyReply | Promise<FastifyReply>;
}

/** A post's address after the language: its topic, on the page the post is on, with a notice when given. */
export async function postPath(a: AppContext, slug: string, topicId: number, postId: number, done?: string): Promise<string> {
  const page = Math.floor((await postsBefore(a.database.db, topicId, postId)) / POSTS_PER_PAGE) + 1;
  const query = new URLSearchParams({ ...(page > 1 ? { page: String(page) } : {}), ...(done ? { done } : {}) }).toString();
  return `/communities/${slug}/topics/${topicId}${query ? `?${query}` : ''}#post-${postId}`;
}

export function editingRoutes(app: FastifyInstance, o: EditingRouteOptions): void {
  const { a, lang, editing } = o;
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const missing: () => never = () => {
    throw new NotFoundError('community');
  };

  /** The edit form: the post as it is now (or the editor's values), with errors, or the note that it changed meanwhile. */
  const editPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    postId: number,
    form?: { values: Omit<EditValues, 'seen'>; errors: FieldError[]; changed?: boolean },
  ) => {
    const x = await editing.target(slug, postId, req.user!, lang);
    if (!x?.edit) missing();
    const post = x.post;
    const values = { ...(form?.values ?? { title: post.topicTitle, body: post.body, lang: post.lang }), seen: post.editedAt ?? '' };
    const status = form?.changed ? 409 : form?.errors.length ? 422 : 200;
    return sendPrivate(
      reply,
      editView(ctx(req), reply.generateCsrf(), x.p.community, post, { values, errors: form?.errors ?? [], changed: form?.changed ?? false }),
      status,
    );
  };

  app.get('/:slug/posts/:post/edit', o.member, (req, reply) => {
    const { slug, post } = parse(s.postParams, req.params);
    return editPage(req, reply, slug, post);
  });
  app.post('/:slug/posts/:post/edit', o.memberPost, async (req, reply) => {
    const { slug, post } = parse(s.postParams, req.params);
    const form = parseForm(s.editForm, req.body);
    const values = form.ok
      ? { title: form.data.title ?? '', body: form.data.body, lang: form.data.lang }
      : { title: formText(form.values, 'title'), body: formText(form.values, 'body'), lang: formText(form.values, 'lang') };
    if (!form.ok) return editPage(req, reply, slug, post, { values, errors: form.errors });
    const { outcome, topicId } = await editing.edit(slug, post, req.user!, lang, form.data);
    if (outcome === 'missing' || outcome === 'forbidden' || topicId === undefined) missing();
    if (outcome === 'title-needed') return editPage(req, reply, slug, post, { values, errors: [{ field: 'title', key: 'community.error.title' }] });
    if (outcome === 'changed') return editPage(req, reply, slug, post, { values, errors: [], changed: true });
    // Back to the post, on the page of the topic it is on.
    return reply.redirect(`/${lang}${await postPath(a, slug, topicId, post, 'edited')}`, 303);
  });

  app.get('/:slug/posts/:post/history', async (req, reply) => {
    const { slug, post } = parse(s.postParams, req.params);
    const h = (await editing.history(slug, post, req.user ?? null, lang)) ?? missing();
    return o.send(req, reply, historyView(ctx(req), h.p.community, h.post, h.revisions));
  });
}
