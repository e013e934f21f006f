import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

// The baseline of npm run bench for the platform's own per-request work: Fastify with nothing but
// one route per content page, each sending that page exactly as the app sends it to a browser
// (its gzip bytes, its Content-Type, Content-Encoding: gzip), from memory. No logger, no hooks,
// no plugins: whatever the app's cached pages cost beyond this is the platform's (request ids,
// security headers, logging, the cache lookup, ETag, negotiation).
//
//   node bench/bare-fastify.ts <port> <manifest.json: [{ "path", "file", "type" }]>

const [portArg, manifestFile] = process.argv.slice(2);
if (!portArg || !manifestFile) {
  console.error('usage: node bench/bare-fastify.ts <port> <manifest.json>');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { path: string; file: string; type: string }[];
const app = Fastify({ logger: false });
for (const page of manifest) {
  const body = readFileSync(page.file);
  app.get(page.path, (_request, reply) => reply.type(page.type).header('content-encoding', 'gzip').send(body));
}
await app.listen({ host: '127.0.0.1', port: Number(portArg) });
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
