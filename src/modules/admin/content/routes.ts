import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { ForbiddenError, NotFoundError, parse } from '../../../http/errors.ts';
import { parseForm, type FieldError } from '../../../http/forms.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Item } from '../../../content/pack.ts';
import { fileNotices, type SectionPage, type SectionState } from '../../files/routes.ts';
import { ownerKinds, type OwnerKind } from '../../files/repository.ts';
import { attachmentsSection } from '../../files/views.ts';
import { knowledgeService } from '../../knowledge/service.ts';
import { noticeOf, redirectDone } from '../../../http/notice.ts';
import type { SearchProvider } from '../../search/index.ts';
import type { FilesService } from '../../files/service.ts';
import type { LibraryService } from '../../library/service.ts';
import { valuesOf } from './form.ts';
import { specs, type FormValues, type KindSpec } from './kinds.ts';
import { movedResources } from './moved.ts';
import { previewOf } from './preview.ts';
import { anyForm, listQuery, revisionParams, slugParams } from './schemas.ts';
import { contentEditor, type Outcome } from './service.ts';
import type { FormLabels } from './views/fields.ts';
import { formView } from './views/form.ts';
import { listView } from './views/list.ts';
import { revisionsView } from './views/revisions.ts';

// /{lang}/admin/{packages|stations|resources|case-studies|spotlight|pages}/…: one editor for every
// kind of content, inside the back office's session scope. Per kind: the list, the form for a new
// item, the edit form (with its files for resources and case studies), publish and unpublish,
// delete, the preview, the revisions and restoring one.

const hasFiles = (kind: string): kind is OwnerKind => (ownerKinds as readonly string[]).includes(kind);

/** Registers the editor; returns the editing pages the files section comes back on, per kind of owner. */
export function contentAdminRoutes(app: FastifyInstance, a: AppContext, lang: Lang, g: Guards, { search, files, library }: { search: SearchProvider; files: FilesService; library: LibraryService }): Partial<Record<OwnerKind, SectionPage>> {
  const editor = contentEditor(
    a.database.db,
    search,
    async () => {
      await a.content.changed();
    },
    async (kind, id) => {
      if (hasFiles(kind)) await files.removeAllFor({ kind, id });
    },
  );
  const drafts = knowledgeService(a.database.db, library, { drafts: true });
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const labels = async (): Promise<FormLabels> => {
    const [packages, types, themes, sectors] = await Promise.all([drafts.packages(lang), drafts.vocabulary('types', lang), drafts.vocabulary('themes', lang), drafts.vocabulary('sectors', lang)]);
    return { packages, types, themes, sectors };
  };
  const moved = movedResources(editor);
  const pages: Partial<Record<OwnerKind, SectionPage>> = {};

  for (const spec of Object.values(specs)) {
    const base = `/${spec.path}`;
    // Resources' old numbered addresses redirect, once the guards have let an editor through.
    const staff = { preHandler: [g.requireUser, g.requireEditor, ...(spec.numbered ? [moved] : [])] };
    const staffPost = { preHandler: [g.csrfCheck, g.requireUser, g.requireEditor, ...(spec.numbered ? [moved] : [])] };
    const notices: Record<string, string> = {
      ...Object.fromEntries(['created', 'saved', 'published', 'unpublished', 'restored', 'deleted'].map((done) => [done, `${spec.words.notices}.${done}`])),
      ...fileNotices,
    };
    const notice = (req: FastifyRequest) => noticeOf(req.query, notices);
    const found = async (req: FastifyRequest, slug: string) => {
      const stored = await editor.get(req.user!, spec, slug);
      if (!stored) throw new NotFoundError(spec.kind);
      return stored;
    };
    /**
     * The edit page, with the saved item or with what the editor sent and its problems. An item
     * with files holds their section, which may come back with its own problems.
     */
    const editPage = async (req: FastifyRequest, reply: FastifyReply, slug: string, sent?: { values?: FormValues; errors: FieldError[] }, section?: SectionState) => {
      const stored = await found(req, slug);
      const values = sent?.values ? { ...sent.values, ...identityValues(spec, stored.item) } : valuesOf(spec, stored.item);
      const n = sent || section ? undefined : notice(req);
      const c = ctx(req);
      const csrf = reply.generateCsrf();
      const kind = spec.kind;
      const filesSection = hasFiles(kind)
        ? attachmentsSection(c, {
            csrf,
            owner: { kind, key: slug },
            items: (await files.list(req.user!, { kind, id: stored.id })) ?? [],
            maxBytes: files.maxBytes,
            ...(section ? { errors: section.errors, values: section.values } : {}),
          })
        : undefined;
      return formView(c, spec, {
        csrf,
        slug,
        values,
        labels: await labels(),
        published: stored.published,
        status: await editor.status(spec, stored),
        ...(sent || section ? { errors: [...(sent?.errors ?? []), ...(section?.errors ?? [])] } : {}),
        ...(n ? { notice: n } : {}),
        ...(filesSection ? { files: filesSection } : {}),
      });
    };
    if (hasFiles(spec.kind)) pages[spec.kind] = async (req, reply, owner, section, status) => sendPrivate(reply, await editPage(req, reply, owner.key, undefined, section), status);
    const after = async (req: FastifyRequest, reply: FastifyReply, slug: string, result: Outcome, done: string, to = `${base}/${slug}`) => {
      if (result === 'forbidden') throw new ForbiddenError();
      if (result === 'missing') throw new NotFoundError(spec.kind);
      if (result !== 'done') return sendPrivate(reply, await editPage(req, reply, slug, { errors: result.errors }), 409);
      return redirectDone(reply, `/${lang}/admin${to}`, done);
    };

    app.get(base, staff, async (req, reply) => {
      const { q } = parse(listQuery, req.query);
      const rows = await editor.list(req.user!, spec, q);
      if (!rows) throw new ForbiddenError();
      return sendPrivate(reply, listView(ctx(req), spec, q, rows, notice(req)));
    });

    if (spec.creatable) {
      app.get(`${base}/new`, staff, async (req, reply) =>
        sendPrivate(reply, formView(ctx(req), spec, { csrf: reply.generateCsrf(), slug: null, values: await editor.newValues(spec), labels: await labels() })),
      );
      app.post(base, staffPost, async (req, reply) => {
        const form = parseForm(anyForm, req.body);
        const values = form.ok ? form.data : form.values;
        const result = form.ok ? await editor.create(req.user!, spec, values) : { errors: form.errors };
        if (result === 'forbidden') throw new ForbiddenError();
        if ('errors' in result) {
          return sendPrivate(reply, formView(ctx(req), spec, { csrf: reply.generateCsrf(), slug: null, values, errors: result.errors, labels: await labels() }), 422);
        }
        return redirectDone(reply, `/${lang}/admin${base}/${result.slug}`, 'created');
      });
    }

    app.get(`${base}/:slug`, staff, async (req, reply) => {
      const { slug } = parse(slugParams, req.params);
      return sendPrivate(reply, await editPage(req, reply, slug));
    });
    app.post(`${base}/:slug`, staffPost, async (req, reply) => {
      const { slug } = parse(slugParams, req.params);
      const form = parseForm(anyForm, req.body);
      const result = form.ok ? await editor.save(req.user!, spec, slug, form.data) : { errors: form.errors };
      if (typeof result === 'object') {
        return sendPrivate(reply, await editPage(req, reply, slug, { values: form.ok ? form.data : form.values, errors: result.errors }), 422);
      }
      return after(req, reply, slug, result, 'saved');
    });

    for (const [action, published] of [['publish', true], ['unpublish', false]] as const) {
      app.post(`${base}/:slug/${action}`, staffPost, async (req, reply) => {
        const { slug } = parse(slugParams, req.params);
        return after(req, reply, slug, await editor.publish(req.user!, spec, slug, published), `${action}ed`);
      });
    }

    if (spec.creatable) {
      app.post(`${base}/:slug/delete`, staffPost, async (req, reply) => {
        const { slug } = parse(slugParams, req.params);
        return after(req, reply, slug, await editor.remove(req.user!, spec, slug), 'deleted', base);
      });
    }

    // The public page as it will look, drafts included.
    app.get(`${base}/:slug/preview`, staff, async (req, reply) => {
      const { slug } = parse(slugParams, req.params);
      const stored = await found(req, slug);
      const view = await previewOf(ctx(req), lang, stored, drafts, async () => (hasFiles(spec.kind) ? ((await files.list(req.user!, { kind: spec.kind, id: stored.id })) ?? []) : []));
      if (!view) throw new NotFoundError(spec.kind);
      return sendPrivate(reply, view);
    });

    app.get(`${base}/:slug/revisions`, staff, async (req, reply) => {
      const { slug } = parse(slugParams, req.params);
      const stored = await found(req, slug);
      const revisions = await editor.revisions(req.user!, spec, stored.id);
      if (!revisions) throw new ForbiddenError();
      const title = (stored.item.fields as { title?: string }).title ?? slug;
      return sendPrivate(reply, revisionsView(ctx(req), spec, { csrf: reply.generateCsrf(), slug, title, revisions }));
    });
    app.post(`${base}/:slug/revisions/:revision/restore`, staffPost, async (req, reply) => {
      const { slug, revision } = parse(revisionParams, req.params);
      return after(req, reply, slug, await editor.restore(req.user!, spec, slug, revision), 'restored');
    });
  }

  return pages;
}

/** What places an item, which the form shows but does not send. */
function identityValues(spec: KindSpec, item: Item): FormValues {
  const all = valuesOf(spec, item);
  return Object.fromEntries(['number', 'position', ...(spec.kind === 'station' ? ['package'] : [])].filter((k) => k in all).map((k) => [k, all[k]!]));
}
