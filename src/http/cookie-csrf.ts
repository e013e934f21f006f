import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// Forms of people without a session (the questionnaire, the contact form): form parsing and a
// double-submit CSRF token kept in a signed cookie of the scope's own name (`__Host-` on https).
// Returns the route option that checks the token, to put on each POST.

export async function cookieCsrf(
  app: FastifyInstance,
  o: { secret: string; cookie: string; secure: boolean; bodyLimit: number },
): Promise<{ preHandler: (req: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void }> {
  await app.register(fastifyFormbody, { bodyLimit: o.bodyLimit });
  await app.register(fastifyCookie, { secret: o.secret });
  await app.register(fastifyCsrf, {
    cookieKey: o.secure ? `__Host-${o.cookie}` : o.cookie,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: o.secure, signed: true },
    getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf,
  });
  return { preHandler: (req, reply, done) => app.csrfProtection(req, reply, done) };
}
