import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import type { PageContext } from '../../http/context.ts';
import { ForbiddenError, NotFoundError, parse } from '../../http/errors.ts';
import { parseForm, type FieldError } from '../../http/forms.ts';
import { sendPrivate } from '../../http/send.ts';
import type { Guards } from '../accounts/session-scope.ts';
import type { Lang } from '../../i18n/languages.ts';
import { findUserById } from '../accounts/repository.ts';
import { isEditor } from '../accounts/roles.ts';
import { sendAttachment } from './download.ts';
import { asciiFileName } from './formats.ts';
import { ownerKinds, type OwnerInfo, type OwnerKind } from './repository.ts';
import { attachmentForm, attachmentParam, ownerParams, publicFileParams } from './schemas.ts';
import type { FileProblem, FilesService } from './service.ts';
import { isSpooled, uploadConfig } from './upload.ts';
import { attachmentsSection, caseStudyFilesView, formatSize, sectionFields } from './views.ts';
import { noticeOf, withNotice } from '../../http/notice.ts';

// Attachments over HTTP. In the back office (/{lang}/admin/…, session scope):
//   POST /resources/:slug/attachments                       upload (multipart: title, file)
//   POST /resources/:slug/attachments/:attachment/delete
//   POST /case-studies/:slug/attachments                    the same for case studies
//   POST /case-studies/:slug/attachments/:attachment/delete
//   GET  /case-studies/:slug/attachments                    a case study's files on a page of their own
//   GET  /files/:attachment                                 download, drafts included
// Outside the language prefixes, for everyone: GET /files/:id/:name, published owners only.
// A resource's routes once took its number instead of its slug: those addresses redirect (308).

/** The state of the files section when its form comes back with problems. */
export interface SectionState {
  errors: FieldError[];
  values: { title: string };
}

/**
 * Renders an owner's editor page with the files section in the given state, so an upload with
 * problems comes back on the page it was sent from (422). Editor pages that embed the section
 * pass one; an owner without one falls back to its files page.
 */
export type SectionPage = (req: FastifyRequest, reply: FastifyReply, owner: OwnerInfo, section: SectionState, status: number) => Promise<FastifyReply>;

const SEGMENT: Record<OwnerKind, string> = { resource: 'resources', 'case-study': 'case-studies' };
const NOTICES: Record<string, string> = { 'file-added': 'files.notice.added', 'file-deleted': 'files.notice.deleted' };

/** The message for a refused file, with the limit it names in the reader's language. */
export function problemError(ctx: PageContext, problem: FileProblem, files: FilesService): FieldError {
  const field = sectionFields.file;
  if (problem === 'tooBig') return { field, key: 'files.error.tooBig', values: { limit: formatSize(ctx, files.maxBytes) } };
  if (problem === 'tooMany') return { field, key: 'files.error.tooMany', values: { max: files.maxPerOwner } };
  return { field, key: `files.error.${problem}` };
}

export function fileAdminRoutes(
  app: FastifyInstance,
  a: AppContext,
  lang: Lang,
  g: Guards,
  files: FilesService,
  pages: Partial<Record<OwnerKind, SectionPage>> = {},
): void {
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const staff = { preHandler: [g.requireUser, g.requireEditor] };
  const staffPost = { preHandler: [g.csrfCheck, g.requireUser, g.requireEditor] };
  // The file is written only for a signed-in editor; the guards then run as for any form.
  const mayUpload = async (req: FastifyRequest) => {
    const id = req.session.userId;
    const user = id === undefined ? undefined : await findUserById(a.database.db, id);
    return Boolean(user && isEditor(user));
  };
  const upload = { ...staffPost, config: uploadConfig({ field: 'file', maxBytes: files.maxBytes, mayUpload }) };

  /** A case study's files page: the fallback for its form, and a page editors can link to. */
  const filesPage = async (req: FastifyRequest, reply: FastifyReply, owner: OwnerInfo, section: SectionState, status: number, notice?: string) => {
    const items = (await files.list(req.user!, owner)) ?? [];
    const view = attachmentsSection(ctx(req), {
      csrf: reply.generateCsrf(),
      owner,
      items,
      maxBytes: files.maxBytes,
      errors: section.errors,
      values: section.values,
    });
    return sendPrivate(reply, caseStudyFilesView(ctx(req), owner, view, section.errors, notice), status);
  };

  for (const kind of ownerKinds) {
    const base = `/${SEGMENT[kind]}/:slug`;
    const render = pages[kind] ?? filesPage;
    /** The owner, or null when the address named it by its old key and the answer is a redirect to its slug's. */
    const ownerOf = async (req: FastifyRequest, reply: FastifyReply): Promise<OwnerInfo | null> => {
      const { slug } = parse(ownerParams, req.params);
      const owner = await files.owner(req.user!, kind, slug);
      if (!owner) throw new NotFoundError(kind);
      if (owner.key === slug) return owner;
      await reply.redirect(req.url.replace(`/${SEGMENT[kind]}/${slug}/`, `/${SEGMENT[kind]}/${owner.key}/`), 308);
      return null;
    };
    const back = (owner: OwnerInfo, done: string) => withNotice(`/${lang}/admin/${SEGMENT[kind]}/${owner.key}#attachments`, done);

    app.post(`${base}/attachments`, upload, async (req, reply) => {
      const owner = await ownerOf(req, reply);
      if (!owner) return reply;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const file = isSpooled(body.file) ? body.file : null;
      const form = parseForm(attachmentForm, body);
      const values = { title: typeof body.title === 'string' ? body.title : '' };
      const errors: FieldError[] = form.ok ? [] : form.errors.map((e) => ({ ...e, field: sectionFields.title }));
      let problem: FileProblem | null = null;
      if (form.ok) {
        const result = await files.add(req.user!, owner, form.data.title, file);
        if (result === 'forbidden') throw new ForbiddenError();
        if (!result.ok) problem = result.problem;
      } else {
        // Say everything at once: the file is checked even when the title is missing.
        const checked = await files.inspect(file);
        if (!checked.ok) problem = checked.problem;
      }
      if (problem) errors.push(problemError(ctx(req), problem, files));
      if (errors.length) return render(req, reply, owner, { errors, values }, 422);
      return reply.redirect(back(owner, 'file-added'), 303);
    });

    app.post(`${base}/attachments/:attachment/delete`, staffPost, async (req, reply) => {
      const owner = await ownerOf(req, reply);
      if (!owner) return reply;
      const { attachment } = parse(attachmentParam, req.params);
      const result = await files.remove(req.user!, owner, attachment);
      if (result === 'forbidden') throw new ForbiddenError();
      if (result === 'missing') throw new NotFoundError('attachment');
      return reply.redirect(back(owner, 'file-deleted'), 303);
    });
  }

  app.get('/case-studies/:slug/attachments', staff, async (req, reply) => {
    const { slug } = parse(ownerParams, req.params);
    const owner = await files.owner(req.user!, 'case-study', slug);
    if (!owner) throw new NotFoundError('case study');
    return filesPage(req, reply, owner, { errors: [], values: { title: '' } }, 200, noticeOf(req.query, NOTICES));
  });

  // GET and HEAD in one route: Fastify's automatic HEAD would read the whole file to discard it.
  app.route({
    method: ['GET', 'HEAD'],
    url: '/files/:attachment',
    ...staff,
    async handler(req, reply) {
      const { attachment } = parse(attachmentParam, req.params);
      const found = await files.forEditor(req.user!, attachment);
      if (!found) throw new NotFoundError('attachment');
      return sendAttachment(req, reply, files.store, found, 'private');
    },
  });
}

/** Notices an editor page shows after a redirect from the files section (?done=…). */
export const fileNotices = NOTICES;

// Public downloads, outside the language prefixes: a file is the same in every language. The name
// in the address is for people and logs; another name redirects to the canonical one.
export function publicFileRoutes(app: FastifyInstance, files: FilesService): void {
  app.route({
    method: ['GET', 'HEAD'],
    url: '/files/:id/:name',
    async handler(req, reply) {
      const { id, name } = parse(publicFileParams, req.params);
      const found = await files.published(id);
      if (!found) throw new NotFoundError('file');
      const canonical = asciiFileName(found.fileName);
      if (name !== canonical) return reply.redirect(`/files/${id}/${canonical}`, 301);
      return sendAttachment(req, reply, files.store, found, 'public');
    },
  });
}
