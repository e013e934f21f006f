import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../http/app-context.ts';
import type { Item } from '../../../content/pack.ts';
import { ForbiddenError, NotFoundError, parse } from '../../../http/errors.ts';
import { parseForm, type FieldError } from '../../../http/forms.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { fileNotices, type SectionPage, type SectionState } from '../../files/routes.ts';
import { attachmentsSection, editorFileHref } from '../../files/views.ts';
import { knowledgeService } from '../../knowledge/service.ts';
import { caseStudyView } from '../../knowledge/views/case-studies.ts';
import { homeView } from '../../knowledge/views/home.ts';
import { packageView } from '../../knowledge/views/package.ts';
import { contentPageView, spotlightView } from '../../knowledge/views/pages.ts';
import { stationView } from '../../knowledge/views/station.ts';
import { specs, valuesOf, type FormValues, type KindSpec } from './kinds.ts';
import { contentEditor, type Outcome } from './service.ts';
import { contentFormView, contentListView, contentRevisionsView, type FormLabels } from './views.ts';
import { noticeOf, redirectDone } from '../../../http/notice.ts';
import type { SearchProvider } from '../../search/index.ts';
import type { FilesService } from '../../files/service.ts';
import type { LibraryService } from '../../library/service.ts';

// /{lang}/admin/{packages|stations|case-studies|spotlight|pages}/…: the same editor for every kind
// of content but resources, inside the back office's session scope.

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100) });
const revisionParams = slugParams.extend({ revision: z.coerce.number().int().min(1) });
/** Field names and values are checked item by item in kinds.ts; this bounds what can arrive. */
const anyForm = z.record(z.string().max(60), z.union([z.string().max(50000), z.array(z.string().max(100)).max(50)]));

const notices: Record<string, string> = {
  ...Object.fromEntries(['created', 'saved', 'published', 'unpublished', 'restored', 'deleted'].map((done) => [done, `admin.content.notice.${done}`])),
  ...fileNotices,
};

/** Registers the editor; returns the case-study page renderer the files section comes back on. */
export function contentAdminRoutes(app: FastifyInstance, a: AppContext, lang: Lang, g: Guards, { search, files, library }: { search: SearchProvider; files: FilesService; library: LibraryService }): { caseStudyPage: SectionPage } {
  const editor = contentEditor(
    a.database.db,
    search,
    async () => {
      await a.content.changed();
    },
    async (kind, id) => {
      if (kind === 'case-study') await files.removeAllFor({ kind, id });
    },
  );
  const drafts = knowledgeService(a.database.db, library, { drafts: true });
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const staff = { preHandler: [g.requireUser, g.requireEditor] };
  const staffPost = { preHandler: [g.csrfCheck, g.requireUser, g.requireEditor] };
  const labels = async (): Promise<FormLabels> => {
    const [packages, sectors] = await Promise.all([drafts.packages(lang), drafts.vocabulary('sectors', lang)]);
    return { packages, sectors };
  };
  const notice = (req: FastifyRequest) => noticeOf(req.query, notices);
  let caseStudyPage: SectionPage | undefined;

  for (const spec of Object.values(specs)) {
    const base = `/${spec.path}`;
    const found = async (req: FastifyRequest, slug: string) => {
      const stored = await editor.get(req.user!, spec, slug);
      if (!stored) throw new NotFoundError(spec.kind);
      return stored;
    };
    /**
     * The edit page, with the saved item or with what the editor sent and its problems. A case
     * study's page holds its files section, which may come back with its own problems.
     */
    const editPage = async (req: FastifyRequest, reply: FastifyReply, slug: string, sent?: { values?: FormValues; errors: FieldError[] }, section?: SectionState) => {
      const stored = await found(req, slug);
      const values = sent?.values ? { ...sent.values, ...identityValues(spec, stored.item) } : valuesOf(spec, stored.item);
      const n = sent || section ? undefined : notice(req);
      const c = ctx(req);
      const csrf = reply.generateCsrf();
      const extra =
        spec.kind === 'case-study'
          ? attachmentsSection(c, {
              csrf,
              owner: { kind: 'case-study', key: slug },
              items: (await files.list(req.user!, { kind: 'case-study', id: stored.id })) ?? [],
              maxBytes: files.maxBytes,
              ...(section ? { errors: section.errors, values: section.values } : {}),
            })
          : undefined;
      return contentFormView(c, spec, {
        csrf,
        slug,
        values,
        labels: await labels(),
        published: stored.published,
        status: await editor.status(spec, stored),
        ...(sent || section ? { errors: [...(sent?.errors ?? []), ...(section?.errors ?? [])] } : {}),
        ...(n ? { notice: n } : {}),
        ...(extra ? { extra } : {}),
      });
    };
    if (spec.kind === 'case-study') caseStudyPage = async (req, reply, owner, section, status) => sendPrivate(reply, await editPage(req, reply, String(owner.key), undefined, section), status);
    const after = async (req: FastifyRequest, reply: FastifyReply, slug: string, result: Outcome, done: string, to = `${base}/${slug}`) => {
      if (result === 'forbidden') throw new ForbiddenError();
      if (result === 'missing') throw new NotFoundError(spec.kind);
      if (result !== 'done') return sendPrivate(reply, await editPage(req, reply, slug, { errors: result.errors }), 409);
      return redirectDone(reply, `/${lang}/admin${to}`, done);
    };

    app.get(base, staff, async (req, reply) => {
      const rows = await editor.list(req.user!, spec);
      if (!rows) throw new ForbiddenError();
      return sendPrivate(reply, contentListView(ctx(req), spec, rows, notice(req)));
    });

    if (spec.creatable) {
      app.get(`${base}/new`, staff, async (req, reply) =>
        sendPrivate(reply, contentFormView(ctx(req), spec, { csrf: reply.generateCsrf(), slug: null, values: await editor.newValues(spec), labels: await labels() })),
      );
      app.post(base, staffPost, async (req, reply) => {
        const form = parseForm(anyForm, req.body);
        const values = form.ok ? form.data : form.values;
        const result = form.ok ? await editor.create(req.user!, spec, values) : { errors: form.errors };
        if (result === 'forbidden') throw new ForbiddenError();
        if ('errors' in result) {
          return sendPrivate(reply, contentFormView(ctx(req), spec, { csrf: reply.generateCsrf(), slug: null, values, errors: result.errors, labels: await labels() }), 422);
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
      const view = await preview(ctx(req), stored.item);
      if (!view) throw new NotFoundError(spec.kind);
      return sendPrivate(reply, view);
    });

    app.get(`${base}/:slug/revisions`, staff, async (req, reply) => {
      const { slug } = parse(slugParams, req.params);
      const stored = await found(req, slug);
      const revisions = await editor.revisions(req.user!, spec, stored.id);
      if (!revisions) throw new ForbiddenError();
      const title = (stored.item.fields as { title?: string }).title ?? slug;
      return sendPrivate(reply, contentRevisionsView(ctx(req), spec, reply.generateCsrf(), slug, title, revisions));
    });
    app.post(`${base}/:slug/revisions/:revision/restore`, staffPost, async (req, reply) => {
      const { slug, revision } = parse(revisionParams, req.params);
      return after(req, reply, slug, await editor.restore(req.user!, spec, slug, revision), 'restored');
    });
  }

  return { caseStudyPage: caseStudyPage! };

  /** Renders an item's public page from the drafts view of the content. */
  async function preview(c: ReturnType<typeof ctx>, item: Item): Promise<string | null> {
    switch (item.kind) {
      case 'package': {
        const d = await drafts.package((item as Item<'package'>).fields.number, lang);
        return d && packageView(c, d.pkg, d.packages, d.caseStudies);
      }
      case 'station': {
        const { fields } = item as Item<'station'>;
        const [d, types] = await Promise.all([drafts.station(fields.package, fields.position, lang), drafts.vocabulary('types', lang)]);
        return d && stationView(c, d, types);
      }
      case 'case-study': {
        const [d, sectors] = await Promise.all([drafts.caseStudy((item as Item<'case-study'>).fields.slug, lang), drafts.vocabulary('sectors', lang)]);
        return d && caseStudyView(c, d.study, d.pkg, d.study.sector ? (sectors.get(d.study.sector) ?? null) : null, d.attachments, (f) => editorFileHref(c, f));
      }
      case 'spotlight':
        return spotlightView(c, await drafts.spotlight(lang));
      case 'page': {
        const slug = (item as Item<'page'>).fields.slug;
        if (slug === 'home') return homeView(c, await drafts.home(lang));
        const page = await drafts.page(slug, lang);
        return page && contentPageView(c, page);
      }
      default:
        return null;
    }
  }
}

/** What places an item, which the form shows but does not send. */
function identityValues(spec: KindSpec, item: Item): FormValues {
  const all = valuesOf(spec, item);
  return Object.fromEntries(['number', 'position', ...(spec.kind === 'station' ? ['package'] : [])].filter((k) => k in all).map((k) => [k, all[k]!]));
}
