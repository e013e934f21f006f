import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { ForbiddenError } from '../../../http/errors.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { packService } from './service.ts';
import { packView } from './views.ts';
import type { SearchProvider } from '../../search/index.ts';

// /{lang}/admin/content-pack: export and import of the content pack, in the back office's scope.

export function packAdminRoutes(app: FastifyInstance, a: AppContext, lang: Lang, g: Guards, search: SearchProvider): void {
  const packs = packService(a.database, search, () => a.content.refresh());
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const staff = { preHandler: [g.requireUser, g.requireEditor] };
  const staffPost = { preHandler: [g.csrfCheck, g.requireUser, g.requireEditor] };

  app.get('/content-pack', staff, (req, reply) => sendPrivate(reply, packView(ctx(req), { csrf: reply.generateCsrf() })));

  app.get('/content-pack/export.zip', staff, async (req, reply) => {
    const zip = await packs.exportZip(req.user!);
    if (!zip) throw new ForbiddenError();
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="intve-content-${day}.zip"`)
      .type('application/zip')
      .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
  });

  // The result is shown at once rather than after a redirect: it lists what this import did.
  app.post('/content-pack/import', staffPost, async (req, reply) => {
    const upload = (req.body as Record<string, unknown> | undefined)?.pack;
    const outcome = await packs.importZip(req.user!, upload instanceof Buffer && upload.length > 0 ? upload : null);
    if (!outcome) throw new ForbiddenError();
    const csrf = reply.generateCsrf();
    if (!outcome.ok) return sendPrivate(reply, packView(ctx(req), { csrf, errors: [outcome.error] }), 422);
    return sendPrivate(reply, packView(ctx(req), { csrf, result: outcome.result }));
  });
}
