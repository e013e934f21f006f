import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { NotFoundError, parse } from '../../../http/errors.ts';
import { parseForm } from '../../../http/forms.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { codeForm, linkParams, pageParams, resumeParams } from './schemas.ts';
import type { Session, SurveyService } from './service.ts';
import { checkView, questionView, surveyMessageView, welcomeView } from './views/questionnaire.ts';

// /{lang}/survey/…: answering a round, with no account. The scope has no session: CSRF protection
// keeps its secret in a cookie of its own (double submit), which says nothing about who answers.
// Pages are never stored by browsers or proxies, and never send their address (it holds a
// private token) to another site.

export interface SurveyRouteOptions {
  a: AppContext;
  lang: Lang;
  survey: SurveyService;
  secret: string;
}

export async function surveyRoutes(app: FastifyInstance, o: SurveyRouteOptions): Promise<void> {
  const { a, lang, survey } = o;
  const secure = a.config.baseUrl.startsWith('https:');
  await app.register(fastifyFormbody, { bodyLimit: 64_000 });
  await app.register(fastifyCookie, { secret: o.secret });
  await app.register(fastifyCsrf, {
    cookieKey: secure ? '__Host-intve_survey' : 'intve_survey',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure, signed: true },
    getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf,
  });
  app.addHook('onRequest', (_req, reply, done) => {
    reply.header('referrer-policy', 'no-referrer');
    done();
  });
  const csrf = { preHandler: (req: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => app.csrfProtection(req, reply, done) };
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const send = (reply: FastifyReply, body: string, status = 200) => sendPrivate(reply, body, status);
  const base = `/${lang}/survey`;
  const t = (req: FastifyRequest) => ctx(req).t;
  const address = (req: FastifyRequest) => req.ip;

  /** A link or resume link that leads nowhere: replaced, mistyped or made up. */
  const unknown = (req: FastifyRequest, reply: FastifyReply) =>
    send(reply, surveyMessageView(ctx(req), t(req)('survey.unknown.title'), t(req)('survey.unknown.text')), 404);

  app.get('/:link', async (req, reply) => {
    const { link } = parse(linkParams, req.params);
    const s = await survey.byLink(link);
    if (!s) return unknown(req, reply);
    return send(reply, welcomeView(ctx(req), s, link, reply.generateCsrf()));
  });

  app.post('/:link/start', csrf, async (req, reply) => {
    const { link } = parse(linkParams, req.params);
    const started = await survey.start(link, address(req));
    if (started === null) return unknown(req, reply);
    if (started === 'limited') return send(reply, surveyMessageView(ctx(req), t(req)('survey.limited.title'), t(req)('survey.limited.text')), 429);
    if (started === 'closed') {
      const s = (await survey.byLink(link))!;
      return send(reply, welcomeView(ctx(req), s, link, reply.generateCsrf()), 409);
    }
    return reply.redirect(`${base}/r/${started.token}/1`, 303);
  });

  app.post('/:link/resume', csrf, async (req, reply) => {
    const { link } = parse(linkParams, req.params);
    const s = await survey.byLink(link);
    if (!s) return unknown(req, reply);
    const typed = typeof (req.body as Record<string, unknown>).code === 'string' ? ((req.body as Record<string, string>).code ?? '') : '';
    const form = parseForm(codeForm, req.body);
    if (!form.ok) return send(reply, welcomeView(ctx(req), s, link, reply.generateCsrf(), { errors: form.errors, code: typed.slice(0, 20) }), 422);
    const found = await survey.resumeByCode(link, form.data.code, address(req));
    if (found === 'limited') return send(reply, surveyMessageView(ctx(req), t(req)('survey.limited.title'), t(req)('survey.limited.codeText')), 429);
    if (found === 'wrong' || found === null)
      return send(
        reply,
        welcomeView(ctx(req), s, link, reply.generateCsrf(), { errors: [{ field: 'code', key: 'survey.error.codeUnknown' }], code: typed.slice(0, 20) }),
        422,
      );
    return reply.redirect(`${base}/r/${found.token}`, 303);
  });

  /** The session of a resume token, or the page that says why there is none to answer. */
  async function open(req: FastifyRequest, reply: FastifyReply, token: string): Promise<Session | null> {
    const s = await survey.session(token);
    if (!s) {
      await unknown(req, reply);
      return null;
    }
    if (s.response.sent) {
      await send(reply, surveyMessageView(ctx(req), t(req)('survey.sent.title'), t(req)('survey.sent.text', { centre: s.centre })));
      return null;
    }
    if (s.status !== 'open') {
      await send(
        reply,
        surveyMessageView(ctx(req), t(req)('survey.closed.title'), t(req)(s.status === 'closed' ? 'survey.closed.text' : 'survey.closed.notYet')),
        409,
      );
      return null;
    }
    return s;
  }

  // The resume link: back to where the respondent stopped.
  app.get('/r/:token', async (req, reply) => {
    const { token } = parse(resumeParams, req.params);
    const s = await open(req, reply, token);
    if (!s) return reply;
    return reply.redirect(s.response.page > s.pages.length ? `${base}/r/${token}/check` : `${base}/r/${token}/${s.response.page}`, 303);
  });

  app.get('/r/:token/check', async (req, reply) => {
    const { token } = parse(resumeParams, req.params);
    const s = await open(req, reply, token);
    if (!s) return reply;
    return send(reply, checkView(ctx(req), s, reply.generateCsrf(), survey.unanswered(s)));
  });

  app.post('/r/:token/send', csrf, async (req, reply) => {
    const { token } = parse(resumeParams, req.params);
    const s = await open(req, reply, token);
    if (!s) return reply;
    const result = await survey.send(s);
    if (result === 'incomplete') return send(reply, checkView(ctx(req), s, reply.generateCsrf(), survey.unanswered(s), 'incomplete'), 422);
    if (result === 'closed') return send(reply, surveyMessageView(ctx(req), t(req)('survey.closed.title'), t(req)('survey.closed.text')), 409);
    return reply.redirect(`${base}/r/${token}`, 303);
  });

  app.get('/r/:token/:page', async (req, reply) => {
    const { token, page } = parse(pageParams, req.params);
    const s = await open(req, reply, token);
    if (!s) return reply;
    if (page > s.pages.length) throw new NotFoundError('page');
    return send(reply, questionView(ctx(req), s, page, reply.generateCsrf()));
  });

  app.post('/r/:token/:page', csrf, async (req, reply) => {
    const { token, page } = parse(pageParams, req.params);
    const s = await open(req, reply, token);
    if (!s) return reply;
    if (page > s.pages.length) throw new NotFoundError('page');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = await survey.savePage(s, page, body, body.go === 'back' ? 'back' : 'next');
    if (result.ok) return reply.redirect(`${base}/r/${token}/${result.next}`, 303);
    if (result.problem === 'missing') {
      const errors = result.missing.map((item) => ({ field: `q-${item}`, key: 'survey.error.answer' }));
      return send(reply, questionView(ctx(req), s, page, reply.generateCsrf(), { errors, given: result.given }), 422);
    }
    if (result.problem === 'invalid') return send(reply, surveyMessageView(ctx(req), t(req)('survey.invalid.title'), t(req)('survey.invalid.text')), 400);
    return send(reply, surveyMessageView(ctx(req), t(req)('survey.closed.title'), t(req)('survey.closed.text')), 409);
  });
}
