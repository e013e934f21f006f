import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/app-context.ts';
import { negotiateLang } from '../../http/lang.ts';
import { parse } from '../../http/errors.ts';
import { renderedFrom } from '../../http/page-cache.ts';
import { sendRendered } from '../../http/send.ts';
import { sitemapCentres, sitemapIndex, sitemapPages, sitemapResources } from './sitemap.ts';

// Routes outside the language prefixes: the language redirect, health checks, robots.txt, the
// sitemap and fingerprinted assets.

const sitemapParams = z.object({ file: z.coerce.number().int().min(1).max(10_000) });

const assetParams = z.object({
  file: z
    .string()
    .max(120)
    .regex(/^[a-z0-9-]+\.[a-f0-9]{10}\.(css|js|svg)$/),
});

export function siteRoutes(app: FastifyInstance, a: AppContext): void {
  app.get('/', (req, reply) =>
    reply
      .header('vary', 'Accept-Language')
      .header('cache-control', 'no-cache')
      .redirect(`/${negotiateLang(req)}`, 302),
  );

  app.get('/healthz', (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const ok = await a.database.ping();
    reply.header('cache-control', 'no-store');
    if (!ok) return reply.code(503).send({ status: 'database unreachable' });
    if (a.warmingUp.size > 0) return reply.code(503).send({ status: 'warming up', waiting: [...a.warmingUp] });
    return reply.send({ status: 'ready' });
  });

  app.get('/robots.txt', (req, reply) =>
    sendRendered(
      req,
      reply,
      renderedFrom(`User-agent: *\nDisallow: /*/search\nAllow: /\n\nSitemap: ${a.config.baseUrl}/sitemap.xml\n`, 'text/plain; charset=utf-8'),
    ),
  );

  // Sitemaps are cached per content version like pages, and for an hour at most: centres publish
  // their profiles without changing the content.
  const xml = async (req: FastifyRequest, reply: FastifyReply, render: () => Promise<string | null>) => {
    const version = `${a.content.version()}@${new Date().toISOString().slice(0, 13)}`;
    let page = a.cache.get(req.url, version);
    if (!page) {
      const text = await render();
      if (text === null) return reply.callNotFound();
      page = renderedFrom(text, 'application/xml; charset=utf-8');
      a.cache.set(req.url, version, page);
    }
    return sendRendered(req, reply, page);
  };
  const base = a.config.baseUrl;
  app.get('/sitemap.xml', (req, reply) => xml(req, reply, () => sitemapIndex(a.database.db, base)));
  app.get('/sitemap-pages.xml', (req, reply) => xml(req, reply, () => sitemapPages(a.database.db, base)));
  app.get('/sitemap-resources-:file.xml', (req, reply) => {
    const { file } = parse(sitemapParams, req.params);
    return xml(req, reply, () => sitemapResources(a.database.db, base, file));
  });

  app.get('/sitemap-centres-:file.xml', (req, reply) => {
    const { file } = parse(sitemapParams, req.params);
    return xml(req, reply, () => sitemapCentres(a.database.db, base, file));
  });

  app.get('/assets/:file', (req, reply) => {
    const { file } = parse(assetParams, req.params);
    const asset = a.assets.get(file);
    if (!asset) return reply.callNotFound();
    return sendRendered(req, reply, asset, 'public, max-age=31536000, immutable');
  });
}
