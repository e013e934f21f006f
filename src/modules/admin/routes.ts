import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendPrivate } from '../../http/send.ts';
import type { AppContext } from '../../http/app-context.ts';
import { ForbiddenError, NotFoundError, parse } from '../../http/errors.ts';
import { sessionFrom, sessionScope, type Guards } from '../accounts/session-scope.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { User } from '../accounts/repository.ts';
import { siteRoles } from '../accounts/roles.ts';
import type { AdminService } from './service.ts';
import type { FilesService } from '../files/service.ts';
import type { KnowledgeService } from '../knowledge/service.ts';
import type { LibraryService } from '../library/service.ts';
import type { SearchProvider } from '../search/index.ts';
import { contentAdminRoutes } from './content/routes.ts';
import { fileAdminRoutes } from '../files/routes.ts';
import { packAdminRoutes } from './pack/routes.ts';
import { assessmentAdminRoutes } from '../assessment/admin-routes.ts';
import type { CertificatesService } from '../assessment/certificates/service.ts';
import { auditView, dashboardView, outboxView, peopleView } from './views/pages.ts';
import { jobsView } from './views/jobs.ts';
import { noticeOf, redirectDone } from '../../http/notice.ts';

// /{lang}/admin/…: the back office, for editors and administrators, in a session scope.

export interface AdminOptions {
  a: AppContext;
  lang: Lang;
  admin: AdminService;
  sessionSecret: string;
  sessionDays: number;
  /** the largest file a form takes unless its route streams it */
  fileLimit: number;
  findUser: (id: number) => Promise<User | undefined>;
  /** certificates of self-assessment, which administrators may withdraw */
  certificates: CertificatesService;
  search: SearchProvider;
  library: LibraryService;
  knowledge: KnowledgeService;
  files: FilesService;
  /** more back-office routes (other features'), registered in this scope with its session and CSRF */
  extend?: (app: FastifyInstance, guards: Guards) => void;
}

const roleForm = z.object({ role: z.enum(siteRoles) });
const personParams = z.object({ id: z.coerce.number().int().min(1) });
const peopleQuery = z.object({ q: z.string().trim().max(200).optional().default(''), done: z.string().max(20).optional() });
const jobParams = z.object({ name: z.string().regex(/^[\w.-]{1,100}$/), id: z.string().regex(/^[\w-]{1,64}$/) });

export async function adminRoutes(app: FastifyInstance, o: AdminOptions): Promise<void> {
  const { a, lang, admin } = o;
  const g = await sessionScope(app, {
    ...sessionFrom(o),
    formLimit: 1_048_576,
    fileLimit: o.fileLimit,
  });
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const html = sendPrivate;
  // Signed in, and an editor or administrator: anyone else is refused with a 403 page.
  const staff = { preHandler: [g.requireUser, g.requireEditor] };
  // People's site roles are administrators' business: refused (403) before the form is read.
  const adminPost = { preHandler: [g.csrfCheck, g.requireUser, g.requireAdmin] };
  const allowed = <T>(value: T | null): T => {
    if (value === null) throw new ForbiddenError();
    return value;
  };

  app.get('', staff, (req, reply) => html(reply, dashboardView(ctx(req), req.user!)));

  app.get('/people', staff, async (req, reply) => {
    const { q } = parse(peopleQuery, req.query);
    const people = allowed(await admin.people(req.user!, q));
    return html(reply, peopleView(ctx(req), reply.generateCsrf(), q, people, [], noticeOf(req.query, { saved: 'admin.people.saved' })));
  });

  app.post('/people/:id/role', adminPost, async (req, reply) => {
    const { id } = parse(personParams, req.params);
    const { role } = parse(roleForm, req.body);
    const result = await admin.setRole(req.user!, id, role);
    if (result === 'forbidden') throw new ForbiddenError();
    if (result === 'missing') throw new NotFoundError('person');
    if (result === 'last-admin') {
      const people = allowed(await admin.people(req.user!, ''));
      return html(reply, peopleView(ctx(req), reply.generateCsrf(), '', people, [{ field: 'role', key: 'admin.people.lastAdmin' }]), 409);
    }
    return redirectDone(reply, `/${lang}/admin/people`, 'saved');
  });

  const editingPages = contentAdminRoutes(app, a, lang, g, o);
  fileAdminRoutes(app, a, lang, g, o.files, editingPages);
  packAdminRoutes(app, a, lang, g, o.search);
  assessmentAdminRoutes(app, a, lang, o.certificates, g, o.knowledge);

  app.get('/outbox', staff, async (req, reply) => html(reply, outboxView(ctx(req), allowed(await admin.outbox(req.user!)))));
  app.get('/jobs', staff, async (req, reply) => {
    const { counts, problems } = allowed(await admin.jobs(req.user!));
    const notice = noticeOf(req.query, { retried: 'admin.jobs.retried', gone: 'admin.jobs.gone' });
    return html(reply, jobsView(ctx(req), reply.generateCsrf(), counts, problems, notice));
  });
  app.post('/jobs/:name/:id/retry', adminPost, async (req, reply) => {
    const { name, id } = parse(jobParams, req.params);
    const result = await admin.retryJob(req.user!, name, id);
    if (result === 'forbidden') throw new ForbiddenError();
    // Already retried (a second click) or deleted: the page says so rather than a 404.
    return redirectDone(reply, `/${lang}/admin/jobs`, result === 'done' ? 'retried' : 'gone');
  });
  app.get('/audit', staff, async (req, reply) => html(reply, auditView(ctx(req), allowed(await admin.auditLog(req.user!)))));
  o.extend?.(app, g);
}
