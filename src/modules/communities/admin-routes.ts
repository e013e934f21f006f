import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import { ForbiddenError, NotFoundError, parse } from '../../http/errors.ts';
import { parseForm, textValues, type FieldError } from '../../http/forms.ts';
import { noticeOf, redirectDone } from '../../http/notice.ts';
import { sendPrivate } from '../../http/send.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { Guards } from '../accounts/session-scope.ts';
import type { KnowledgeService } from '../knowledge/service.ts';
import { archiveForm, communityForm, communityParams, facilitatorForm, facilitatorParams, textFields } from './admin-schemas.ts';
import type { CommunityAdminService } from './admin-service.ts';
import { communityFormView, communityListView, type Editing } from './views/admin.ts';
import type { CommunityRow, TranslationRow } from './repository.ts';

// The back office of communities: /{lang}/admin/communities/… (administrators only: editors and
// everyone else get 403, as for people and reports). One form creates and changes a community;
// the edit page also archives it and names its facilitators.

const notices = {
  created: 'community.admin.notice.created',
  saved: 'community.admin.notice.saved',
  archived: 'community.admin.notice.archived',
  restored: 'community.admin.notice.restored',
  added: 'community.admin.notice.added',
  removed: 'community.admin.notice.removed',
};

/** A saved community as the form's values. */
function formValues(row: CommunityRow, texts: TranslationRow[]): Record<string, string> {
  const values: Record<string, string> = {
    slug: row.slug,
    theme: row.theme,
    joining: row.joining,
    visibility: row.visibility,
    approveFirstPosts: row.approve_first_posts ? 'yes' : '',
    flagThreshold: String(row.flag_threshold),
  };
  for (const x of texts) {
    const f = textFields(x.lang as Lang);
    Object.assign(values, {
      [f.name]: x.name,
      [f.description]: x.description,
      [f.joinQuestion]: x.join_question ?? '',
      [f.codeOfConduct]: x.code_of_conduct ?? '',
    });
  }
  return values;
}

export function communityAdminRoutes(
  app: FastifyInstance,
  g: Guards,
  a: AppContext,
  lang: Lang,
  d: { office: CommunityAdminService; knowledge: KnowledgeService },
): void {
  const { office } = d;
  const admin = { preHandler: [g.requireUser, g.requireAdmin] };
  const adminPost = { preHandler: [g.csrfCheck, g.requireUser, g.requireAdmin] };
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const path = (slug?: string) => `/${lang}/admin/communities${slug ? `/${slug}` : ''}`;
  const themes = () => d.knowledge.vocabulary('themes', lang);
  const fail = (result: 'forbidden' | 'missing'): never => {
    throw result === 'forbidden' ? new ForbiddenError() : new NotFoundError('community');
  };

  /** The edit page, as saved, with what the person sent in place of a part that came back. */
  async function editPage(
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    o: { values?: Record<string, string>; email?: string; errors?: FieldError[]; notice?: string } = {},
    status = 200,
  ) {
    const found = await office.editing(req.user!, slug);
    if (typeof found === 'string') return fail(found);
    const { row, texts } = found;
    const english = texts.find((x) => x.lang === lang) ?? texts.find((x) => x.lang === 'en');
    const editing: Editing = {
      slug,
      name: english ? { value: english.name, lang: english.lang as Lang } : { value: slug, lang: 'en' },
      archived: row.archived_at !== null,
      facilitators: found.facilitators,
      email: o.email ?? '',
    };
    const view = communityFormView(ctx(req), {
      csrf: reply.generateCsrf(),
      themes: await themes(),
      values: o.values ?? formValues(row, texts),
      errors: o.errors ?? [],
      notice: o.notice,
      editing,
    });
    return sendPrivate(reply, view, status);
  }

  app.get('/communities', admin, async (req, reply) => {
    const list = await office.list(req.user!, lang);
    if (!list) throw new ForbiddenError();
    return sendPrivate(reply, communityListView(ctx(req), list, await themes(), noticeOf(req.query, notices)));
  });

  app.get('/communities/new', admin, async (req, reply) => {
    const values = { joining: 'open', visibility: 'public' };
    return sendPrivate(reply, communityFormView(ctx(req), { csrf: reply.generateCsrf(), themes: await themes(), values }));
  });

  app.post('/communities/new', adminPost, async (req, reply) => {
    const vocabulary = await themes();
    const form = parseForm(communityForm([...vocabulary.keys()], true), req.body);
    const again = (values: Record<string, string>, errors: FieldError[]) =>
      sendPrivate(reply, communityFormView(ctx(req), { csrf: reply.generateCsrf(), themes: vocabulary, values, errors }), 422);
    if (!form.ok) return again(textValues(form.values), form.errors);
    const result = await office.create(req.user!, form.data);
    if (result === 'forbidden') throw new ForbiddenError();
    if (result === 'taken')
      return again(textValues(req.body as Record<string, string | string[]>), [{ field: 'slug', key: 'community.admin.error.slugTaken' }]);
    return redirectDone(reply, path(form.data.slug), 'created');
  });

  app.get('/communities/:slug', admin, (req, reply) => {
    const { slug } = parse(communityParams, req.params);
    return editPage(req, reply, slug, { notice: noticeOf(req.query, notices) });
  });

  app.post('/communities/:slug', adminPost, async (req, reply) => {
    const { slug } = parse(communityParams, req.params);
    const form = parseForm(communityForm([...(await themes()).keys()], false), req.body);
    if (!form.ok) return editPage(req, reply, slug, { values: { ...textValues(form.values), slug }, errors: form.errors }, 422);
    const result = await office.update(req.user!, slug, form.data);
    if (result !== 'done') return fail(result);
    return redirectDone(reply, path(slug), 'saved');
  });

  app.post('/communities/:slug/archive', adminPost, async (req, reply) => {
    const { slug } = parse(communityParams, req.params);
    const { on } = parse(archiveForm, req.body);
    const result = await office.archive(req.user!, slug, on === 'yes');
    if (result !== 'done') return fail(result);
    return redirectDone(reply, path(slug), on === 'yes' ? 'archived' : 'restored');
  });

  app.post('/communities/:slug/facilitators', adminPost, async (req, reply) => {
    const { slug } = parse(communityParams, req.params);
    const form = parseForm(facilitatorForm, req.body);
    const email = String((form.ok ? form.data.email : form.values.email) ?? '');
    if (!form.ok) return editPage(req, reply, slug, { email, errors: form.errors }, 422);
    const result = await office.addFacilitator(req.user!, slug, form.data.email);
    if (result === 'unknown') return editPage(req, reply, slug, { email, errors: [{ field: 'email', key: 'community.admin.error.noAccount' }] }, 422);
    if (result !== 'done') return fail(result);
    return redirectDone(reply, `${path(slug)}#facilitators`, 'added');
  });

  app.post('/communities/:slug/facilitators/:userId/remove', adminPost, async (req, reply) => {
    const { slug, userId } = parse(facilitatorParams, req.params);
    const result = await office.removeFacilitator(req.user!, slug, userId);
    if (result !== 'done') return fail(result);
    return redirectDone(reply, `${path(slug)}#facilitators`, 'removed');
  });
}
