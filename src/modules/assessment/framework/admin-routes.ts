import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { NotFoundError, parse } from '../../../http/errors.ts';
import type { FieldError } from '../../../http/forms.ts';
import { noticeOf, redirectDone } from '../../../http/notice.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import type { EditTarget, FrameworkEditor } from './editor.ts';
import { valuesOf } from './editor.ts';
import { DEFAULT_FRAMEWORK } from './repository.ts';
import { frameworkParams, itemParams, newIndicatorParams } from './schemas.ts';
import { frameworkAdminView, frameworkItemView } from './views/editor.ts';

// The framework editor in the back office, for editors and administrators:
// /{lang}/admin/frameworks/…

export function frameworkAdminRoutes(app: FastifyInstance, a: AppContext, lang: Lang, g: Guards, editor: FrameworkEditor): void {
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const staff = { preHandler: [g.requireUser, g.requireEditor] };
  const staffPost = { preHandler: [g.csrfCheck, g.requireUser, g.requireEditor] };

  // Frameworks: editors change a draft and publish it as the next version.
  app.get('/frameworks', staff, (_req, reply) => reply.redirect(`/${lang}/admin/frameworks/${DEFAULT_FRAMEWORK}`, 303));

  async function overview(req: FastifyRequest, reply: FastifyReply, slug: string, notice?: string, errors: FieldError[] = [], status = 200) {
    const current = await editor.editable(slug);
    if (!current) throw new NotFoundError('framework');
    return sendPrivate(
      reply,
      frameworkAdminView(ctx(req), slug, current.document, current.draft, await editor.versions(slug), reply.generateCsrf(), notice, errors),
      status,
    );
  }

  app.get('/frameworks/:slug', staff, async (req, reply) => {
    const { slug } = parse(frameworkParams, req.params);
    const notices = {
      saved: 'framework.admin.saved',
      published: 'framework.admin.published',
      discarded: 'framework.admin.discarded',
      removed: 'framework.admin.removed',
    };
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
    return sendPrivate(
      reply,
      frameworkItemView(ctx(req), slug, target, target.kind === 'new-indicator' ? valuesOf(current.document, target)! : values, reply.generateCsrf()),
    );
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
}
