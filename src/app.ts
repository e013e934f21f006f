import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { loadAssets, type Assets } from './http/assets.ts';
import { contentState, type ContentState } from './http/content-state.ts';
import { pageContext, type PageContext } from './http/context.ts';
import { errorView } from './http/error-pages.ts';
import { BadRequestError, ForbiddenError, NotFoundError } from './http/errors.ts';
import { PageCache, renderedFrom } from './http/page-cache.ts';
import { securityHeaders } from './http/security.ts';
import { sendRendered, sendText } from './http/send.ts';
import { defaultLang, isLang, languages, type Lang } from './i18n/languages.ts';
import { createMailer } from './modules/accounts/mail.ts';
import { secret } from './modules/accounts/repository.ts';
import { accountRoutes } from './modules/accounts/routes.ts';
import { accountsService } from './modules/accounts/service.ts';
import { diskLogoStore } from './modules/centres/logos.ts';
import { centreAccountRoutes, centreRoutes, logoRoutes } from './modules/centres/routes.ts';
import { soleAdminOf } from './modules/centres/repository.ts';
import { centresService } from './modules/centres/service.ts';
import { adminRoutes } from './modules/admin/routes.ts';
import { adminService } from './modules/admin/service.ts';
import { publicFileRoutes } from './modules/files/routes.ts';
import { filesService, type FilesService } from './modules/files/service.ts';
import { createStore } from './modules/files/store.ts';
import { findUserById } from './modules/accounts/repository.ts';
import { assessmentRoutes } from './modules/assessment/routes.ts';
import { certificatesService } from './modules/assessment/certificates.ts';
import { planRoutes } from './modules/assessment/plan-routes.ts';
import { planService } from './modules/assessment/plan.ts';
import { roundRoutes } from './modules/assessment/round-routes.ts';
import { roundsService } from './modules/assessment/rounds.ts';
import { surveyRoutes } from './modules/assessment/survey-routes.ts';
import { surveyService } from './modules/assessment/survey.ts';
import { knowledgeRoutes } from './modules/knowledge/routes.ts';
import { knowledgeService, type KnowledgeService } from './modules/knowledge/service.ts';
import { libraryService, type LibraryService } from './modules/library/service.ts';
import { libraryRoutes } from './modules/library/routes.ts';
import { createSearch, type SearchProvider } from './modules/search/index.ts';
import { searchRoutes } from './modules/search/routes.ts';
import { siteRoutes } from './modules/site/routes.ts';

/** What route modules get: services, and the helpers that turn views into responses. */
export interface AppContext {
  config: Config;
  database: Database;
  search: SearchProvider;
  knowledge: KnowledgeService;
  library: LibraryService;
  /** attachments of resources and case studies */
  files: FilesService;
  content: ContentState;
  assets: Assets;
  cache: PageCache;
  ctx(request: FastifyRequest, lang: Lang): PageContext;
  /** The context of a page rendered for a given address (e.g. a canonical one) rather than the request's. */
  ctxFor(lang: Lang, url: string): PageContext;
  /** Renders (or takes from the cache) a page that is the same for everyone. */
  cachedPage(request: FastifyRequest, reply: FastifyReply, render: () => Promise<string>): Promise<FastifyReply>;
  /**
   * Renders (or takes from the search cache) a page of search results. The key is the canonical
   * form of the query, so parameters the page ignores cannot split the cache.
   */
  cachedSearchPage(request: FastifyRequest, reply: FastifyReply, key: string, render: () => Promise<string>): Promise<FastifyReply>;
  /** Sends a page rendered for this request only. */
  freshPage(request: FastifyRequest, reply: FastifyReply, html: string, status?: number): FastifyReply;
}

export interface AppOptions {
  config: Config;
  database: Database;
  /** how often to re-read the content version written by other instances (0 = never) */
  contentPollMs?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function negotiateLang(request: FastifyRequest): Lang {
  const chosen = new Negotiator({ headers: { 'accept-language': request.headers['accept-language'] ?? '' } }).language([
    ...languages,
  ]);
  return chosen && isLang(chosen) ? chosen : defaultLang;
}

function langOfUrl(url: string): Lang | null {
  const first = url.split('/')[1]?.split(/[?#]/)[0] ?? '';
  return isLang(first) ? first : null;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: { level: config.logLevel },
    // One line per request comes from our onResponse hook instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    return503OnClosing: true,
  });

  const search = createSearch(database);
  const assets = loadAssets();
  const content = await contentState(database.db, options.contentPollMs ?? 1000, database.listen);
  const cache = new PageCache(config.pageCacheEntries);
  // Searches get their own cache, so a stream of different queries cannot push content pages out.
  const searchCache = new PageCache(config.searchCacheEntries);
  const headers = securityHeaders(config);

  const ctxFor = (lang: Lang, url: string): PageContext => {
    const q = url.indexOf('?');
    const path = (q === -1 ? url : url.slice(0, q)).slice(lang.length + 1) || '/';
    return pageContext(lang, path.length > 1 ? path.replace(/\/$/, '') : path, q === -1 ? '' : url.slice(q), config.baseUrl, (n) => assets.url(n));
  };
  const ctx = (request: FastifyRequest, lang: Lang): PageContext => ctxFor(lang, request.url);

  const library = libraryService(database.db, search, () => content.version());
  const fileStore = createStore(config);
  const files = filesService(database.db, fileStore, {
    maxBytes: config.filesMaxBytes,
    contentChanged: async () => {
      await content.changed();
    },
    warn: (err, message) => app.log.warn({ err }, message),
  });
  const appContext: AppContext = {
    config,
    database,
    search,
    library,
    files,
    knowledge: knowledgeService(database.db, library),
    content,
    assets,
    cache,
    ctx,
    ctxFor,
    async cachedPage(request, reply, render) {
      const version = content.version();
      let page = cache.get(request.url, version);
      if (!page) {
        page = renderedFrom(await render(), 'text/html; charset=utf-8');
        cache.set(request.url, version, page);
      }
      return sendRendered(request, reply, page);
    },
    async cachedSearchPage(request, reply, key, render) {
      const version = content.version();
      let page = searchCache.get(key, version);
      if (!page) {
        page = renderedFrom(await render(), 'text/html; charset=utf-8');
        searchCache.set(key, version, page);
      }
      return sendRendered(request, reply, page);
    },
    freshPage: (request, reply, html, status = 200) => sendText(request, reply, html, 'text/html; charset=utf-8', status),
  };

  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
    done();
  });

  const errorPage = (request: FastifyRequest, reply: FastifyReply, status: 400 | 403 | 404 | 500 | 503, problems = [] as BadRequestError['problems'], forbidden = false) => {
    const lang = langOfUrl(request.url) ?? negotiateLang(request);
    const page = errorView(pageContext(lang, '/', '', config.baseUrl, (n) => assets.url(n)), status, request.id, problems, forbidden);
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

  // Sessions are signed with SESSION_SECRET, or with a secret generated once and kept in the
  // database, so every instance (and every restart) accepts the same cookies.
  const sessionSecret = config.sessionSecret ?? (await secret(database.db, 'session', () => randomBytes(48).toString('base64url')));
  const mailer = createMailer(database.db, config.smtpUrl ?? undefined, config.mailFrom);
  const accounts = accountsService(database.db, mailer, config.baseUrl, (userId) => soleAdminOf(database.db, userId));
  const admin = adminService(database.db);
  const centres = centresService(database.db, diskLogoStore(join(config.uploadsDir, 'logos')), mailer, config.baseUrl);
  // Survey links and resume codes are derived with a secret of their own, kept like the session one.
  const assessmentSecret = await secret(database.db, 'assessment', () => randomBytes(48).toString('base64url'));
  const rounds = roundsService(database.db, assessmentSecret, mailer, config.baseUrl);
  const survey = surveyService(database.db, assessmentSecret);
  const plans = planService(database.db);
  const certificates = certificatesService(database.db);

  await app.register((scope, _options, done) => {
    siteRoutes(scope, appContext);
    logoRoutes(scope, centres);
    publicFileRoutes(scope, files);
    done();
  });
  for (const lang of languages) {
    await app.register(
      (scope, _options, done) => {
        knowledgeRoutes(scope, appContext, lang);
        assessmentRoutes(scope, appContext, lang, certificates);
        libraryRoutes(scope, appContext, lang);
        searchRoutes(scope, appContext, lang);
        centreRoutes(scope, appContext, lang, centres);
        void scope.register(accountRoutes, {
          prefix: '/account',
          a: appContext,
          lang,
          accounts,
          centresOf: (userId) => centres.mineById(userId),
          sessionSecret,
          sessionDays: config.sessionDays,
          extend: (account, guards) => {
            centreAccountRoutes(account, guards, appContext, lang, centres);
            roundRoutes(account, guards, appContext, lang, rounds, certificates);
            planRoutes(account, guards, appContext, lang, rounds, plans);
          },
        });
        void scope.register(surveyRoutes, { prefix: '/survey', a: appContext, lang, survey, secret: sessionSecret });
        void scope.register(adminRoutes, {
          prefix: '/admin',
          a: appContext,
          lang,
          admin,
          sessionSecret,
          sessionDays: config.sessionDays,
          findUser: (id) => findUserById(database.db, id),
          certificates,
        });
        done();
      },
      { prefix: `/${lang}` },
    );
  }
  app.addHook('onClose', async () => {
    fileStore.close();
    await content.stop();
  });
  return app;
}
