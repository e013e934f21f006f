import { communityAdminRoutes } from './modules/communities/admin-routes.ts';
import { communityRoutes } from './modules/communities/routes.ts';
import { communitiesWiring } from './modules/communities/wiring.ts';
import { eventRoutes } from './modules/events/routes.ts';
import { eventsWiring } from './modules/events/wiring.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from './config.ts';
import { addressOf, type Database } from './db/database.ts';
import { createAppContext } from './http/app-context.ts';
import { headerPerson, sessionCookieName } from './modules/accounts/header-person.ts';
import { loadAssets } from './http/assets.ts';
import { contentState } from './platform/content-version/content-state.ts';
import { errorView } from './http/error-pages.ts';
import { BadRequestError, ForbiddenError, NotFoundError } from './http/errors.ts';
import { langOfUrl, negotiateLang } from './http/lang.ts';
import { lazyChildLogger } from './http/request-log.ts';
import { securityHeaders } from './http/security.ts';
import { sendText } from './http/send.ts';
import { sameOriginHook } from './http/same-origin.ts';
import { textInputHook } from './http/text-input.ts';
import { languages } from './i18n/languages.ts';
import { purgeJob, PURGE_CRON, PURGE_JOB } from './modules/accounts/jobs.ts';
import { createMailer, mailJob } from './modules/accounts/mail.ts';
import { accountRoutes } from './modules/accounts/routes.ts';
import { accountsService } from './modules/accounts/service.ts';
import { diskLogoStore, LOGO_FOLDER, MAX_LOGO_BYTES } from './modules/centres/logos.ts';
import { centreAccountRoutes, centreRoutes, logoRoutes } from './modules/centres/routes.ts';
import { soleAdminOf } from './modules/centres/repository.ts';
import { centresService } from './modules/centres/service.ts';
import { directoryService } from './modules/centres/directory/service.ts';
import { suggestionRoutes } from './modules/network/suggestions/routes.ts';
import { messageReportRoutes, messageRoutes } from './modules/network/messages/routes.ts';
import { messagesService } from './modules/network/messages/service.ts';
import { requestAccountRoutes, requestRoutes } from './modules/network/requests/routes.ts';
import { requestsService } from './modules/network/requests/service.ts';
import { suggestionsService } from './modules/network/suggestions/service.ts';
import { consortiumRoutes } from './modules/network/consortia/routes.ts';
import { consortiaService } from './modules/network/consortia/service.ts';
import { partnershipCount } from './modules/network/consortia/repository.ts';
import { adminRoutes } from './modules/admin/routes.ts';
import { adminService } from './modules/admin/service.ts';
import { publicFileRoutes } from './modules/files/routes.ts';
import { filesService } from './modules/files/service.ts';
import { createStore } from './modules/files/store.ts';
import { findUserById } from './modules/accounts/repository.ts';
import { roundAccess } from './modules/assessment/access.ts';
import { certificateCentreRoutes } from './modules/assessment/certificates/centre-routes.ts';
import { certificateRoutes } from './modules/assessment/certificates/routes.ts';
import { certificatesService } from './modules/assessment/certificates/service.ts';
import { frameworkRoutes } from './modules/assessment/framework/routes.ts';
import { frameworkService } from './modules/assessment/framework/service.ts';
import { OVERDUE_CRON, OVERDUE_JOB, overdueJob } from './modules/assessment/plans/jobs.ts';
import { planRoutes } from './modules/assessment/plans/routes.ts';
import { planService } from './modules/assessment/plans/service.ts';
import { surveyRoutes } from './modules/assessment/questionnaire/routes.ts';
import { contactRoutes } from './modules/contact/routes.ts';
import { contactJob, contactService } from './modules/contact/service.ts';
import { neutralShortCodeRoute, shortCodeRoutes } from './modules/assessment/questionnaire/short-routes.ts';
import { settleJob, SETTLE_CRON, SETTLE_JOB } from './modules/assessment/report/jobs.ts';
import { warmReports } from './modules/assessment/report/warm.ts';
import { noticesJob, NOTICES_CRON, NOTICES_JOB } from './modules/assessment/notices/jobs.ts';
import { noticesService } from './modules/assessment/notices/notices.ts';
import { invitationsService } from './modules/assessment/rounds/invitations.ts';
import { surveyService } from './modules/assessment/questionnaire/service.ts';
import { reportRoutes } from './modules/assessment/report/routes.ts';
import { reportService } from './modules/assessment/report/service.ts';
import { roundRoutes } from './modules/assessment/rounds/routes.ts';
import { roundsService } from './modules/assessment/rounds/service.ts';
import { knowledgeRoutes } from './modules/knowledge/routes.ts';
import { knowledgeService } from './modules/knowledge/service.ts';
import { facetBuilder } from './modules/library/facet-build.ts';
import { libraryService } from './modules/library/service.ts';
import { libraryRoutes } from './modules/library/routes.ts';
import { createSearchEngine } from './modules/search/index.ts';
import { searchThread } from './modules/search/thread/client.ts';
import { designSystemRoutes } from './modules/design-system/routes.ts';
import { searchRoutes } from './modules/search/routes.ts';
import { siteRoutes } from './modules/site/routes.ts';
import { createJobQueue, type JobQueue } from './platform/jobs/queue.ts';
import { createMetrics } from './platform/metrics/metrics.ts';
import { metricsRoute } from './platform/metrics/route.ts';
import { sharedSecret } from './platform/secrets/repository.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** the job queue (tests run its due jobs with app.jobs.runDue()) */
    jobs: JobQueue;
    /** builds the benchmark's sums and renders one report once, so that the first report is fast (server.ts runs it at start-up) */
    warmReports: () => Promise<{ benchmarkMs: number; totalMs: number }>;
    /** builds the search index and the e-library's facet index, so that the first search does not wait for them */
    warmSearch: () => Promise<{ documents: number; ms: number }>;
    /** start-up work under way that /readyz waits for (AppContext.warmingUp) */
    warmingUp: Set<string>;
  }
}

export interface AppOptions {
  config: Config;
  database: Database;
  /** how often to re-read the content version written by other instances (0 = never) */
  contentPollMs?: number;
  /** run the job worker in this process (server.ts: JOBS_WORKER); tests leave it off and run due jobs themselves */
  jobs?: { work: boolean; pollMs?: number };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Request ids: a random prefix per process and a counter, unique across instances and restarts
 * without asking for randomness on every request (a UUID each cost more than the id is worth).
 */
export function requestIds(): () => string {
  const prefix = randomBytes(6).toString('base64url');
  let n = 0;
  return () => `${prefix}-${(++n).toString(36)}`;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const nextId = requestIds();
  const app = Fastify({
    logger: { level: config.logLevel },
    // One line per request comes from our onResponse hook instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // A request's logger (with its reqId) is made only when it logs something (http/request-log.ts).
    childLoggerFactory: lazyChildLogger,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : nextId();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    return503OnClosing: true,
  });

  const assets = loadAssets();
  const content = await contentState(database.db, options.contentPollMs ?? 1000, database.listen);
  // Big builds run in a worker thread (platform/offthread); one that fails there runs here instead.
  const onFallback = (err: Error) => app.log.warn({ err }, 'index build in a worker thread failed; building in the main thread');
  // Searches are matched, counted and ranked in a thread of their own (search/thread) when they can be.
  const address = addressOf(database);
  const thread =
    config.searchEngine === 'memory' && config.searchThread && address
      ? searchThread(database, address, {
          contentVersion: () => content.version(),
          workerFrom: config.indexWorkerFrom,
          log: (level, message) => app.log[level](message),
        })
      : null;
  if (thread) app.addHook('onClose', () => thread.close());
  const search =
    thread?.search ??
    createSearchEngine(database, { engine: config.searchEngine, contentVersion: () => content.version(), workerFrom: config.indexWorkerFrom, onFallback });
  const headers = securityHeaders(config);
  // Sessions are signed with SESSION_SECRET, or with a secret generated once and kept in the
  // database, so every instance (and every restart) accepts the same cookies.
  const sessionSecret = config.sessionSecret ?? (await sharedSecret(database.db, 'session'));
  // A signed-in person's header on cached public pages (http/personal.ts): one query when the session cookie comes.
  const personal = headerPerson(database.db, {
    secret: sessionSecret,
    secure: config.baseUrl.startsWith('https:'),
    ctxFor: (lang) => a.ctxFor(lang, `/${lang}`),
  });
  const a = createAppContext({ config, database, content, assets, personal, sessionCookie: sessionCookieName(config.baseUrl.startsWith('https:')) });
  // The job queue, shared by the features (decision 0007); every job is defined before it opens.
  const jobs = createJobQueue(database, {
    log: app.log.child({ component: 'jobs' }),
    work: options.jobs?.work ?? false,
    pollMs: options.jobs?.pollMs ?? config.jobsPollMs,
  });
  app.decorate('jobs', jobs);
  const metrics = createMetrics(database, jobs, { pages: a.cache, searches: a.searchCache }, () => thread?.builds() ?? Promise.resolve(null));

  const library = libraryService(
    database.db,
    search,
    () => content.version(),
    thread ? { lookup: thread.lookup } : { build: facetBuilder(database, { workerFrom: config.indexWorkerFrom, onFallback }) },
  );
  const knowledge = knowledgeService(database.db, library);
  const fileStore = createStore(config);
  const files = filesService(database.db, fileStore, {
    maxBytes: config.filesMaxBytes,
    contentChanged: async () => {
      await content.changed();
    },
    warn: (err, message) => app.log.warn({ err }, message),
  });

  // One onRequest hook for every request: the security headers and the request id; a cached
  // public page sent straight from the page cache (http/app-context.ts, sendCached); forms sent
  // from another site refused before their body is read (http/same-origin.ts).
  const sameOrigin = sameOriginHook(config);
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    reply.header('x-request-id', request.id);
    if (a.sendCached(request, reply)) return; // sent: no other hook or handler runs
    sameOrigin(request, reply, done);
  });
  // Control characters leave every query string and form, and refuse an address, before any
  // route's guards or handler read them (http/text-input.ts). A preHandler of the root runs
  // before the preHandlers of every scope and route, and after every body parser.
  app.addHook('preHandler', textInputHook);
  app.addHook('onResponse', (request, reply, done) => {
    const ms = reply.elapsedTime;
    request.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    metrics.request(request.method, request.routeOptions.url, reply.statusCode, ms / 1000);
    done();
  });

  const errorPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: 400 | 403 | 404 | 500 | 503,
    problems = [] as BadRequestError['problems'],
    forbidden = false,
  ) => {
    const lang = langOfUrl(request.url) ?? negotiateLang(request);
    const page = errorView(a.ctxFor(lang, `/${lang}`), status, request.id, problems, forbidden);
    return sendText(request, reply, page, 'text/html; charset=utf-8', status);
  };

  app.setNotFoundHandler((request, reply) => errorPage(request, reply, 404));
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof BadRequestError) return errorPage(request, reply, 400, error.problems);
    if (error instanceof NotFoundError) return errorPage(request, reply, 404);
    if (error instanceof ForbiddenError) return errorPage(request, reply, 403, [], true);
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      request.log.info({ err: error }, 'client error');
      // 403 comes from CSRF protection: a form too old, or sent from another site.
      return errorPage(request, reply, status === 404 ? 404 : status === 403 ? 403 : 400);
    }
    request.log.error({ err: error }, 'request failed');
    return errorPage(request, reply, 500);
  });

  const mail = mailJob(database.db, config.smtpUrl, config.mailFrom);
  jobs.define(mail);
  jobs.define(purgeJob(database.db));
  jobs.schedule(PURGE_JOB, PURGE_CRON);
  jobs.define(settleJob(database.db));
  jobs.schedule(SETTLE_JOB, SETTLE_CRON);
  const mailer = createMailer(jobs);
  const accounts = accountsService(database.db, mailer, config.baseUrl, (userId) => soleAdminOf(database.db, userId));
  const admin = adminService(database.db, jobs);
  // The directory reads what centres write; both hear of every change made here at once.
  const directory = directoryService(database.db, search, { pollMs: options.contentPollMs ?? 1000 });
  const centres = centresService(database.db, diskLogoStore(join(config.uploadsDir, LOGO_FOLDER)), mailer, config.baseUrl, {
    search,
    changed: () => directory.changed(),
  });
  await centres.indexMissing();
  // The self-assessment (modules/assessment), one service per sub-feature. Survey links and resume
  // codes are derived with a secret of their own, kept like the session one.
  const assessmentSecret = await sharedSecret(database.db, 'assessment');
  const framework = frameworkService(database.db, knowledge);
  const suggestions = suggestionsService(database.db, { directory, centres });
  const messages = messagesService(database.db, { mailer, baseUrl: config.baseUrl });
  const requests = requestsService(database.db, { messages, centres, directory });
  // Communities of practice and events: their services and jobs (modules/communities/wiring.ts, modules/events/wiring.ts).
  const shared = { jobs, mailer, baseUrl: config.baseUrl, secret: sessionSecret };
  const community = communitiesWiring(database.db, { ...shared, search, contentChanged: () => content.changed(), files });
  const { events, registrations } = eventsWiring(database.db, { ...shared, communities: community.communities });
  // What links in posts to packages, stations, resources and centres show as cards.
  const cards = {
    packages: knowledge.packages,
    resource: library.resource,
    centre: async (slug: string) => (await centres.publicCentre(slug))?.centre ?? null,
  };
  // Topics from before they named their community (and members-only ones) get their search documents.
  await community.searchIn.indexMissing();
  const consortia = consortiaService(database.db, { centres, mailer, baseUrl: config.baseUrl });
  const access = roundAccess(database.db);
  const rounds = roundsService(database.db, assessmentSecret, mailer, config.baseUrl);
  // Groups made before short codes existed get theirs here: only the server has the secret.
  await rounds.backfillCodes();
  const invitations = invitationsService(database.db, assessmentSecret, mailer, config.baseUrl);
  const notices = noticesService(database.db, mailer, config.baseUrl, invitations);
  jobs.define(noticesJob(notices));
  jobs.schedule(NOTICES_JOB, NOTICES_CRON);
  const survey = surveyService(database.db, assessmentSecret);
  const reports = reportService(database.db, knowledge);
  app.decorate('warmSearch', async () => {
    const started = performance.now();
    // /readyz says "warming up" meanwhile; a failed warm-up ends it too (searches build the index themselves then).
    a.warmingUp.add('search');
    try {
      const [built] = await Promise.all([search.warm?.(), library.warm()]);
      return { documents: built?.documents ?? 0, ms: performance.now() - started };
    } finally {
      a.warmingUp.delete('search');
    }
  });
  app.decorate('warmingUp', a.warmingUp);
  app.decorate('warmReports', () => warmReports(database.db, reports, (lang) => a.ctxFor(lang, `/${lang}/`)));
  const plans = planService(database.db, knowledge, { mailer, baseUrl: config.baseUrl });
  jobs.define(overdueJob(database.db, mailer, config.baseUrl));
  jobs.schedule(OVERDUE_JOB, OVERDUE_CRON);
  const certificates = certificatesService(database.db);
  const contact = contactService(database.db, jobs);
  jobs.define(contactJob(database.db, mailer));

  await app.register((scope, _options, done) => {
    siteRoutes(scope, a);
    neutralShortCodeRoute(scope);
    metricsRoute(scope, metrics, config.metricsToken);
    logoRoutes(scope, centres);
    publicFileRoutes(scope, files);
    done();
  });
  for (const lang of languages) {
    await app.register(
      (scope, _options, done) => {
        knowledgeRoutes(scope, a, lang, knowledge);
        frameworkRoutes(scope, a, lang, framework);
        certificateRoutes(scope, a, lang, certificates);
        libraryRoutes(scope, a, lang, { library, knowledge });
        searchRoutes(scope, a, lang, search);
        designSystemRoutes(scope, a, lang);
        centreRoutes(scope, a, lang, {
          centres,
          directory,
          knowledge,
          certificatesOf: (id) => certificates.onProfile(id),
          partnershipsOf: (id) => partnershipCount(database.db, id),
        });
        requestRoutes(scope, a, lang, { requests, knowledge });
        // Scopes of their own that read the session (communities are read without one too).
        const session = { a, lang, sessionSecret, sessionDays: config.sessionDays, findUser: (id: number) => accounts.user(id) };
        void scope.register(communityRoutes, { prefix: '/communities', ...session, ...community, knowledge, cards });
        void scope.register(notificationRoutes, { prefix: '/account/notifications', ...session, ...community });
        void scope.register(eventRoutes, { prefix: '/events', ...session, db: database.db, events, registrations, knowledge });
        void scope.register(accountRoutes, {
          prefix: '/account',
          a,
          lang,
          accounts,
          centresOf: (userId) => centres.mineById(userId),
          sessionSecret,
          sessionDays: config.sessionDays,
          fileLimit: MAX_LOGO_BYTES,
          moreData: async (userId) => ({ messages: await messages.exportFor(userId), communities: await community.communities.exportFor(userId) }),
          eraseWritings: community.erase,
          extend: (account, guards) => {
            centreAccountRoutes(account, guards, a, lang, centres, knowledge);
            suggestionRoutes(account, guards, a, lang, { suggestions, knowledge, framework });
            messageRoutes(account, guards, a, lang, { messages, centres });
            requestAccountRoutes(account, guards, a, lang, { requests, knowledge, framework });
            consortiumRoutes(account, guards, a, lang, consortia);
            // /{lang}/account/centres/{slug}/self-assessment/…: rounds, their reports and plans.
            roundRoutes(account, guards, a, lang, { rounds, invitations, certificates, notices });
            reportRoutes(account, guards, a, lang, { access, reports });
            planRoutes(account, guards, a, lang, { access, plans });
            certificateCentreRoutes(account, guards, a, lang, { access, certificates });
          },
        });
        shortCodeRoutes(scope, a, lang, survey);
        void scope.register(surveyRoutes, { prefix: '/survey', a, lang, survey, secret: sessionSecret });
        void scope.register(contactRoutes, { prefix: '/contact', a, lang, contact, secret: sessionSecret });
        void scope.register(adminRoutes, {
          prefix: '/admin',
          a,
          lang,
          admin,
          sessionSecret,
          sessionDays: config.sessionDays,
          fileLimit: MAX_LOGO_BYTES,
          findUser: (id) => findUserById(database.db, id),
          certificates,
          search,
          library,
          knowledge,
          files,
          extend: (back, guards) => {
            messageReportRoutes(back, guards, a, lang, messages);
            communityAdminRoutes(back, guards, a, lang, { office: community.office, knowledge });
          },
        });
        done();
      },
      { prefix: `/${lang}` },
    );
  }
  app.addHook('onClose', async () => {
    // Jobs running get half the shutdown grace to finish; the rest are tried again later.
    await jobs.close(Math.min(5000, config.shutdownGraceMs / 2));
    mail.close();
    fileStore.close();
    await content.stop();
  });
  await jobs.open();
  return app;
}
