import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { negotiateLang, type AppContext } from '../../app.ts';
import { parse } from '../../http/errors.ts';
import { renderedFrom } from '../../http/page-cache.ts';
import { sendRendered } from '../../http/send.ts';
import { sitemapXml } from './sitemap.ts';

// Routes outside the language prefixes: the language redirect, health checks, robots.txt, the
// sitemap and fingerprinted assets.

const assetParams = z.object({ file: z.string().max(120).regex(/^[a-z0-9-]+\.[a-f0-9]{10}\.(css|js|svg)$/) });

export function siteRoutes(app: FastifyInstance, a: AppContext): void {
  app.get('/', (req, reply) => reply.header('vary', 'Accept-Language').header('cache-control', 'no-cache').redirect(`/${negotiateLang(req)}`, 302));

  app.get('/healthz', (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const ok = await a.database.ping();
    return reply.header('cache-control', 'no-store').code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database unreachable' });
  });

  app.get('/robots.txt', (req, reply) =>
    sendRendered(req, reply, renderedFrom(`User-agent: *\nDisallow: /*/search\nAllow: /\n\nSitemap: ${a.config.baseUrl}/sitemap.xml\n`, 'text/plain; charset=utf-8')),
  );

  app.get('/sitemap.xml', async (req, reply) => {
    const version = a.content.version();
    let page = a.cache.get(req.url, version);
    if (!page) {
      page = renderedFrom(await sitemapXml(a), 'application/xml; charset=utf-8');
      a.cache.set(req.url, version, page);
    }
    return sendRendered(req, reply, page);
  });

  app.get('/assets/:file', (req, reply) => {
    const { file } = parse(assetParams, req.params);
    const asset = a.assets.get(file);
    if (!asset) return reply.callNotFound();
    return sendRendered(req, reply, asset, 'public, max-age=31536000, immutable');
  });
}
