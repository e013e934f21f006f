import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendPrivate } from '../../../http/send.ts';
import type { AppContext } from '../../../http/app-context.ts';
import { ForbiddenError, NotFoundError, parse } from '../../../http/errors.ts';
import { parseForm, type FieldError } from '../../../http/forms.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { localise } from '../../../i18n/localise.ts';
import { resourceView } from '../../library/views/resource.ts';
import { fileNotices, type SectionPage, type SectionState } from '../../files/routes.ts';
import { attachmentsSection, editorFileHref } from '../../files/views.ts';
import { idParams, listQuery, resourceForm, revisionParams, type ResourceForm } from './schemas.ts';
import { parseStationKey, resourceEditor, translationStatus } from './service.ts';
import { resourceFormView, resourceListView, revisionsView, valuesOf, type EditorLabels, type FormValues } from './views.ts';
import { noticeOf, redirectDone } from '../../../http/notice.ts';
import type { SearchProvider } from '../../search/index.ts';
import type { FilesService } from '../../files/service.ts';
import type { KnowledgeService } from '../../knowledge/service.ts';

// /{lang}/admin/resources/…: editing resources, inside the back office's session scope.

export function resourceAdminRoutes(app: FastifyInstance, a: AppContext, lang: Lang, g: Guards, { search, files, knowledge }: { search: SearchProvider; files: FilesService; knowledge: KnowledgeService }): { editorPage: SectionPage } {
  const editor = resourceEditor(
    a.database.db,
    search,
    async () => {
      await a.content.changed();
    },
    (id) => files.removeAllFor({ kind: 'resource', id }),
  );
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const html = sendPrivate;
  const staff = { preHandler: [g.requireUser, g.requireEditor] };
  const staffPost = { preHandler: [g.csrfCheck, g.requireUser, g.requireEditor] };
  const labels = async (): Promise<EditorLabels> => {
    const [types, themes, sectors, packages] = await Promise.all([
      knowledge.vocabulary('types', lang),
      knowledge.vocabulary('themes', lang),
      knowledge.vocabulary('sectors', lang),
      knowledge.packages(lang),
    ]);
    return { types, themes, sectors, packages };
  };
  const found = <T>(value: T | null | undefined): T => {
    if (value === null || value === undefined) throw new NotFoundError('resource');
    return value;
  };
  const outcome = (result: 'done' | 'missing' | 'forbidden') => {
    if (result === 'forbidden') throw new ForbiddenError();
    if (result === 'missing') throw new NotFoundError('resource');
  };

  /** The form, checked: the schema, then vocabulary values against what exists. */
  async function checked(req: FastifyRequest): Promise<{ ok: true; data: ResourceForm } | { ok: false; errors: FieldError[]; values: FormValues }> {
    const form = parseForm(resourceForm, req.body);
    if (!form.ok) return form;
    const l = await labels();
    const stations = new Set(l.packages.flatMap((p) => p.stations.map((s) => `${p.number}-${s.position}`)));
    const errors: FieldError[] = [];
    if (!l.types.has(form.data.type)) errors.push({ field: 'type', key: 'form.error.choose' });
    for (const [f, ok] of [
      ['themes', (v: string) => l.themes.has(v)],
      ['sectors', (v: string) => l.sectors.has(v)],
      ['stations', (v: string) => stations.has(v)],
    ] as const) {
      if (form.data[f].some((v) => !ok(v))) errors.push({ field: f, key: 'form.error.choose' });
    }
    return errors.length ? { ok: false, errors, values: req.body as FormValues } : form;
  }

  const notices: Record<string, string> = {
    created: 'admin.resource.notice.created',
    saved: 'admin.resource.notice.saved',
    published: 'admin.resource.notice.published',
    unpublished: 'admin.resource.notice.unpublished',
    restored: 'admin.resource.notice.restored',
    deleted: 'admin.resource.notice.deleted',
    ...fileNotices,
  };
  const notice = (req: FastifyRequest) => noticeOf(req.query, notices);

  app.get('/resources', staff, async (req, reply) => {
    const { q } = parse(listQuery, req.query);
    const rows = await editor.list(req.user!, q);
    if (!rows) throw new ForbiddenError();
    return html(reply, resourceListView(ctx(req), q, rows, notice(req)));
  });

  app.get('/resources/new', staff, async (req, reply) =>
    html(reply, resourceFormView(ctx(req), { csrf: reply.generateCsrf(), id: null, values: {}, labels: await labels() })),
  );
  app.post('/resources', staffPost, async (req, reply) => {
    const form = await checked(req);
    if (!form.ok) return html(reply, resourceFormView(ctx(req), { csrf: reply.generateCsrf(), id: null, values: form.values, errors: form.errors, labels: await labels() }), 422);
    const id = found(await editor.create(req.user!, form.data));
    return redirectDone(reply, `/${lang}/admin/resources/${id}`, 'created');
  });

  /** The editing page: the form (as saved, or as sent back with problems) and the files section. */
  async function editPage(req: FastifyRequest, reply: FastifyReply, id: number, o: { values?: FormValues; errors?: FieldError[]; files?: SectionState } = {}, status = 200) {
    const snap = found(await editor.get(req.user!, id));
    const csrf = reply.generateCsrf();
    const items = (await files.list(req.user!, { kind: 'resource', id })) ?? [];
    const section = attachmentsSection(ctx(req), { csrf, owner: { kind: 'resource', key: id }, items, maxBytes: files.maxBytes, ...(o.files ?? {}) });
    return html(
      reply,
      resourceFormView(ctx(req), {
        csrf,
        id,
        values: o.values ?? valuesOf(snap),
        labels: await labels(),
        published: snap.published,
        status: translationStatus(snap.translations),
        ...(o.errors ? { errors: o.errors } : {}),
        files: { section, errors: o.files?.errors ?? [] },
        ...(notice(req) && status === 200 ? { notice: notice(req)! } : {}),
      }),
      status,
    );
  }

  app.get('/resources/:id', staff, async (req, reply) => {
    const { id } = parse(idParams, req.params);
    return editPage(req, reply, id);
  });
  app.post('/resources/:id', staffPost, async (req, reply) => {
    const { id } = parse(idParams, req.params);
    const form = await checked(req);
    if (!form.ok) return editPage(req, reply, id, { values: form.values, errors: form.errors }, 422);
    outcome(await editor.save(req.user!, id, form.data));
    return redirectDone(reply, `/${lang}/admin/resources/${id}`, 'saved');
  });

  for (const [action, published] of [['publish', true], ['unpublish', false]] as const) {
    app.post(`/resources/:id/${action}`, staffPost, async (req, reply) => {
      const { id } = parse(idParams, req.params);
      outcome(await editor.publish(req.user!, id, published));
      return redirectDone(reply, `/${lang}/admin/resources/${id}`, `${action}ed`);
    });
  }
  app.post('/resources/:id/delete', staffPost, async (req, reply) => {
    const { id } = parse(idParams, req.params);
    outcome(await editor.remove(req.user!, id));
    return redirectDone(reply, `/${lang}/admin/resources`, 'deleted');
  });

  // The public page as it will look, for drafts too.
  app.get('/resources/:id/preview', staff, async (req, reply) => {
    const { id } = parse(idParams, req.params);
    const snap = found(await editor.get(req.user!, id));
    const t = localise(snap.translations, lang, ['title', 'description']);
    const preview = {
      id,
      slug: snap.slug,
      type: snap.type,
      source: snap.source,
      year: snap.year,
      link: snap.link,
      title: t.title ?? { value: snap.slug, lang: 'en' as const },
      description: t.description,
      updatedAt: '',
      createdAt: '',
      themes: snap.themes,
      sectors: snap.sectors,
      countries: snap.countries,
      languages: snap.languages,
      stations: snap.stations.map(parseStationKey),
      attachments: (await files.list(req.user!, { kind: 'resource', id })) ?? [],
    };
    return html(reply, resourceView(ctx(req), preview, await labels(), (f) => editorFileHref(ctx(req), f)));
  });

  app.get('/resources/:id/revisions', staff, async (req, reply) => {
    const { id } = parse(idParams, req.params);
    const snap = found(await editor.get(req.user!, id));
    const revisions = found(await editor.revisions(req.user!, id));
    return html(reply, revisionsView(ctx(req), reply.generateCsrf(), id, snap.translations.find((x) => x.lang === 'en')?.title ?? snap.slug, revisions));
  });
  app.post('/resources/:id/revisions/:revision/restore', staffPost, async (req, reply) => {
    const { id, revision } = parse(revisionParams, req.params);
    outcome(await editor.restore(req.user!, id, revision));
    return redirectDone(reply, `/${lang}/admin/resources/${id}`, 'restored');
  });

  return { editorPage: (req, reply, owner, section, status) => editPage(req, reply, owner.id, { files: section }, status) };
}
