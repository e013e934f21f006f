import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import type { PageContext } from '../../http/context.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import type { FieldError } from '../../http/forms.ts';
import type { Lang } from '../../i18n/languages.ts';
import { sendAttachment } from '../files/download.ts';
import { asciiFileName } from '../files/formats.ts';
import { formatSize } from '../files/views.ts';
import type { AttachmentsService, Refused } from './attachments.ts';
import { MAX_FILES_PER_POST } from './attachments.ts';
import * as s from './schemas.ts';
import type { CommunitiesService } from './service.ts';
import { communityFilesView, FILES_FIELD } from './views/files.ts';

// Files in communities, in their scope (its session): a community's page of files
// (/{lang}/communities/:slug/files?page=) and each file's download (…/files/:id/:name), for
// whoever may read the post it is on. A file is private to the reader (never kept by shared
// caches: a facilitator's decision can take it away), and runs in the files module's sandbox.

export interface AttachmentRouteOptions {
  a: AppContext;
  lang: Lang;
  communities: CommunitiesService;
  attachments: AttachmentsService;
  send: (req: FastifyRequest, reply: FastifyReply, page: string, status?: number) => Promise<FastifyReply> | FastifyReply;
}

/** A refused file's message: its name and the reason, with the limit it names in the reader's language. */
export function refusedError(ctx: PageContext, r: Refused, maxBytes: number): FieldError {
  const reason =
    r.problem === 'tooMany'
      ? ctx.t('community.files.tooMany', { max: MAX_FILES_PER_POST })
      : ctx.t(`files.error.${r.problem}`, r.problem === 'tooBig' ? { limit: formatSize(ctx, maxBytes) } : undefined);
  return { field: FILES_FIELD, key: 'community.files.refused', values: { name: r.name || '?', reason } };
}

export function attachmentRoutes(app: FastifyInstance, o: AttachmentRouteOptions): void {
  const { a, lang, attachments } = o;
  const missing: () => never = () => {
    throw new NotFoundError('community');
  };

  app.get('/:slug/files', async (req, reply) => {
    const { slug } = parse(s.communityParams, req.params);
    const { page } = parse(s.pageQuery, req.query);
    const [p, files] = await Promise.all([o.communities.page(slug, req.user ?? null, lang), attachments.list(slug, req.user ?? null, page)]);
    if (!p || !files) return missing();
    if (page > 1 && files.rows.length === 0) missing();
    return o.send(req, reply, communityFilesView(a.ctx(req, lang), p.community, page, files));
  });

  // GET and HEAD in one route: Fastify's automatic HEAD would read the whole file to discard it.
  app.route({
    method: ['GET', 'HEAD'],
    url: '/:slug/files/:id/:name',
    async handler(req, reply) {
      const { slug, id, name } = parse(s.fileParams, req.params);
      const found = (await attachments.download(slug, id, req.user ?? null)) ?? missing();
      const canonical = asciiFileName(found.fileName);
      if (name !== canonical) return reply.redirect(`/${lang}/communities/${slug}/files/${id}/${canonical}`, 301);
      return sendAttachment(req, reply, attachments.store, found, 'private');
    },
  });
}
