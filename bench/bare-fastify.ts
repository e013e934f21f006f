import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

// The baseline of npm run bench for the platform's own per-request work: Fastify with nothing but
// one route that sends the station page exactly as the app sends it to a browser (its gzip bytes,
// its Content-Type, Content-Encoding: gzip). No logger, no hooks, no plugins: whatever the app's
// content pages cost beyond this is the platform's (request ids, headers, logging, the cache
// lookup, ETag, negotiation).
//
//   node bench/bare-fastify.ts <port> <file with the gzip body> <content type>

const [portArg, file, type] = process.argv.slice(2);
if (!portArg || !file || !type) {
  console.error('usage: node bench/bare-fastify.ts <port> <body file> <content type>');
  process.exit(2);
}
const body = readFileSync(file);
const app = Fastify({ logger: false });
app.get('/station', (_request, reply) => reply.type(type).header('content-encoding', 'gzip').send(body));
await app.listen({ host: '127.0.0.1', port: Number(portArg) });
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
