import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.ts';

// /metrics is not public: without METRICS_TOKEN it does not exist (404); with it, Prometheus
// sends `Authorization: Bearer <token>`, compared in constant time; anything else gets 401.

const digest = (text: string) => createHash('sha256').update(text).digest();

export function metricsRoute(app: FastifyInstance, metrics: Metrics, token: string | null): void {
  const expected = token ? digest(`Bearer ${token}`) : null;
  app.get('/metrics', async (request, reply) => {
    if (!expected) return reply.callNotFound();
    const given = request.headers.authorization;
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send('A bearer token is required.\n');
    }
    const body = await metrics.render();
    return reply.header('cache-control', 'no-store').type(metrics.contentType).send(body);
  });
}
