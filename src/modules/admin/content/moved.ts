import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ContentEditor } from './service.ts';

// Before there was one editor, resources were edited at /{lang}/admin/resources/{number}/…; now
// every kind is addressed by slug. An old address, whatever follows the number, answers with a
// permanent redirect to the same page of the resource's slug: 301 for pages, 308 for forms, so
// a browser posts the form again to the new address. It runs after the guards, so only editors
// learn a draft's slug. A resource whose slug is a number keeps its address.

export function movedResources(editor: ContentEditor) {
  return async function moved(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const { slug } = req.params as { slug?: string };
    if (!slug) return undefined;
    const now = await editor.movedResource(req.user!, slug);
    if (!now) return undefined;
    const to = req.url.replace(`/admin/resources/${slug}`, `/admin/resources/${now}`);
    return reply.redirect(to, req.method === 'GET' || req.method === 'HEAD' ? 301 : 308);
  };
}
