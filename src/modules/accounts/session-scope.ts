import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import fastifySession from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DB } from '../../db/database.ts';
import { ForbiddenError } from '../../http/errors.ts';
import type { Lang } from '../../i18n/languages.ts';
import { recordVisit, type User } from './repository.ts';
import { isAdmin, isEditor, isPolicyReader } from './roles.ts';
import { databaseSessionStore } from './session-store.ts';
import { sessionCookieName } from './header-person.ts';
import { unreadCount } from '../notifications/repository.ts';

// The scope of signed-in pages (/account/…, /admin/…): form parsing, uploads, cookies, database
// sessions and CSRF. Content pages are outside it, so they stay the same for everyone and never
// read a session. Every scope uses the same cookie and store, so one sign-in serves them all.

declare module 'fastify' {
  interface FastifyRequest {
    user?: User;
  }
  interface FastifyContextConfig {
    /** Routes that take large files (attachments) stream each file here instead of into memory. */
    onUpload?: (req: FastifyRequest, part: MultipartFile) => Promise<void>;
  }
}

export interface SessionOptions {
  db: DB;
  lang: Lang;
  secret: string;
  days: number;
  secure: boolean;
  findUser: (id: number) => Promise<User | undefined>;
  /** the largest form body, in bytes (the back office's forms carry long texts in three languages) */
  formLimit?: number;
  /** the largest file a form may carry unless its route streams it (config.onUpload), in bytes */
  fileLimit: number;
}

/** What every scope of a language gives its session the same way, from its route options. */
export interface SessionFrom {
  a: { database: { db: DB }; config: { baseUrl: string } };
  lang: Lang;
  sessionSecret: string;
  sessionDays: number;
  findUser: (id: number) => Promise<User | undefined>;
}

/** A scope's session options from its route options: each scope adds its own form and file limits. */
export const sessionFrom = (o: SessionFrom): Omit<SessionOptions, 'fileLimit' | 'formLimit'> => ({
  db: o.a.database.db,
  lang: o.lang,
  secret: o.sessionSecret,
  days: o.sessionDays,
  secure: o.a.config.baseUrl.startsWith('https:'),
  findUser: o.findUser,
});

type Hook = (req: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void;

/**
 * What signed-in routes use, as preHandlers: who is signed in (or off to sign-in), the CSRF
 * check, and the site roles. The role guards run after requireUser and answer 403.
 */
export interface Guards {
  requireUser: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  csrfCheck: Hook;
  /** an editor or an administrator */
  requireEditor: Hook;
  /** an administrator */
  requireAdmin: Hook;
  /** a policy reader or an administrator (the policy view) */
  requirePolicyReader: Hook;
}

const roleGuard =
  (allowed: (user: User) => boolean): Hook =>
  (req, _reply, done) => {
    done(req.user && allowed(req.user) ? undefined : new ForbiddenError());
  };

export async function sessionScope(app: FastifyInstance, o: SessionOptions): Promise<Guards> {
  const maxAge = o.days * 86_400_000;
  await app.register(fastifyFormbody, { bodyLimit: o.formLimit ?? 16_384 });
  // Uploads (centre logos, up to fileLimit): fields attached to the body, so the CSRF check reads them as usual; a
  // file over the limit arrives cut at limit + 1 byte, and the service refuses it with a message.
  // A route can raise the limit (config.multipartOptions) and take the stream (config.onUpload).
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: o.fileLimit + 1, files: 1, fields: 40 },
    async onFile(part) {
      const own = this.routeOptions.config.onUpload;
      if (own) await own(this, part);
      else await part.toBuffer();
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: o.secret,
    // __Host- cookies are bound to this origin and path /, and must be Secure.
    cookieName: sessionCookieName(o.secure),
    cookie: { httpOnly: true, secure: o.secure, sameSite: 'lax', path: '/', maxAge },
    saveUninitialized: false,
    rolling: false,
    store: databaseSessionStore(o.db, maxAge),
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/session',
    getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf,
  });
  // Who is signed in, for the header of every page of the scope (sign-in pages included) and
  // for requireUser, which then needs no second query; their visit is recorded (digests).
  app.addHook('preHandler', async (req) => {
    const id = req.session.userId;
    const user = id === undefined ? undefined : await o.findUser(id);
    if (user) {
      req.user = user;
      const [unread] = await Promise.all([unreadCount(o.db, user.id), recordVisit(o.db, user)]);
      req.person = { name: user.name, backOffice: isEditor(user), unread };
    }
  });
  return {
    async requireUser(req, reply) {
      const id = req.session.userId;
      const user = req.user ?? (id === undefined ? undefined : await o.findUser(id));
      if (!user) {
        if (id !== undefined) await req.session.destroy();
        return reply.redirect(`/${o.lang}/account/sign-in?next=${encodeURIComponent(req.url)}`, 303);
      }
      req.user = user;
    },
    csrfCheck(req, reply, done) {
      app.csrfProtection(req, reply, done);
    },
    requireEditor: roleGuard(isEditor),
    requireAdmin: roleGuard(isAdmin),
    requirePolicyReader: roleGuard(isPolicyReader),
  };
}
