import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { cookieCsrf } from '../../../http/cookie-csrf.ts';
import { NotFoundError, parse } from '../../../http/errors.ts';
import { parseForm } from '../../../http/forms.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { addressKey } from '../../../platform/rate-limits/rate-limits.ts';
import { codeForm, invitationParams, linkParams, pageParams, resumeParams, sharedForm } from './schemas.ts';
import type { Device, Session, SurveyService } from './service.ts';
import { checkView, questionView, surveyMessageView, welcomeView } from './views/questionnaire.ts';

// /{lang}/survey/…: answering a round, with no account. The scope has no session: CSRF protection
// keeps its secret in a cookie of its own (double submit), which says nothing about who answers.
// Pages are never stored by browsers or proxies, and never send their address (it holds a
// private token) to another site. Two more cookies are read, and only for what the report counts
// (docs/decisions/0006): a signed list of the round-groups this browser has sent to (one response
// per browser unless the device is shared), and the platform's sign-in cookie, to count responses
// sent from a member of the centre's browser (never who).

/** Round-groups a browser remembers having sent to; the oldest are forgotten past this many. */
const REMEMBERED = 30;

export interface SurveyRouteOptions {
  a: AppContext;
  lang: Lang;
  survey: SurveyService;
  secret: string;
}

export async function surveyRoutes(app: FastifyInstance, o: SurveyRouteOptions): Promise<void> {
  const { a, lang, survey } = o;
  const secure = a.config.baseUrl.startsWith('https:');
  const csrf = await cookieCsrf(app, { secret: o.secret, cookie: 'intve_survey', secure, bodyLimit: 64_000 });
  app.addHook('onRequest', (_req, reply, done) => {
    reply.header('referrer-policy', 'no-referrer');
    done();
  });
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const send = (reply: FastifyReply, body: string, status = 200) => sendPrivate(reply, body, status);
  const base = `/${lang}/survey`;
  const t = (req: FastifyRequest) => ctx(req).t;
  // Counted like sign-in attempts: an IPv6 client by its /64, which one household or classroom holds.
  const address = (req: FastifyRequest) => addressKey(req.ip);
  const sentCookie = secure ? '__Host-intve_sent' : 'intve_sent';
  const sessionCookie = secure ? '__Host-intve_session' : 'intve_session';

  /** The round-groups this browser has sent to ("12.learners"), from its signed cookie. */
  const sentHere = (req: FastifyRequest): string[] => {
    const raw = req.cookies[sentCookie];
    const v = raw ? req.unsignCookie(raw) : null;
    return v?.valid && v.value ? v.value.split(',').slice(-REMEMBERED) : [];
  };
  const device = (req: FastifyRequest, roundId: number, group: string): Device => ({
    sentHere: sentHere(req).includes(`${roundId}.${group}`),
    shared: sharedForm.safeParse(req.body ?? {}).data?.shared === 'yes',
  });
  /** The verified id of the browser's sign-in, if it has one: the session cookie is signed with the same secret. */
  const sessionId = (req: FastifyRequest): string | null => {
    const raw = req.cookies[sessionCookie];
    const v = raw ? req.unsignCookie(raw) : null;
    return v?.valid ? v.value : null;
  };
  const remember = (req: FastifyRequest, reply: FastifyReply, key: string) =>
    reply.setCookie(sentCookie, [...sentHere(req).filter((k) => k !== key), key].slice(-REMEMBERED).join(','), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      signed: true,
      maxAge: 365 * 86_400,
    });

  /** A link or resume link that leads nowhere: replaced, mistyped or made up. */
  const unknown = (req: FastifyRequest, reply: FastifyReply) =>
    send(reply, surveyMessageView(ctx(req), t(req)('survey.unknown.title'), t(req)('survey.unknown.text')), 404);

  const invitationOnly = (req: FastifyRequest, reply: FastifyReply) =>
    send(reply, surveyMessageView(ctx(req), t(req)('survey.invitationOnly.title'), t(req)('survey.invitationOnly.text')), 403);

  app.get('/:link', async (req, reply) => {
    const { link } = parse(linkParams, req.params);
    const s = await survey.byLink(link);
    if (!s) return unknown(req, reply);
    if (s.access === 'invitation') return invitationOnly(req, reply);
    return send(reply, welcomeView(ctx(req), s, { link }, reply.generateCsrf()));
  });

  app.post('/:link/start', csrf, async (req, reply) => {
    const { link } = parse(linkParams, req.params);
    const s = await survey.byLink(link);
    if (!s) return unknown(req, reply);
    const started = await survey.start(link, address(req), device(req, s.loaded.round.id, s.group));
    if (started === null) return unknown(req, reply);
    if (started === 'invitation-only') return invitationOnly(req, reply);
    if (started === 'limited') return send(reply, surveyMessageView(ctx(req), t(req)('survey.limited.title'), t(req)('survey.limited.text')), 429);
    if (started === 'closed') return send(reply, welcomeView(ctx(req), s, { link }, reply.generateCsrf()), 409);
    if (started === 'sent-here') return send(reply, welcomeView(ctx(req), s, { link }, reply.generateCsrf(), { sentHere: true }), 409);
    return reply.redirect(`${base}/r/${started.token}/1`, 303);
  });

  // A personal invitation's link: its own welcome page; once started, it leads back to the response.
  app.get('/i/:token', async (req, reply) => {
    const { token } = parse(invitationParams, req.params);
    const s = await survey.byInvitation(token);
    if (!s) return unknown(req, reply);
    if (s.invitation.state === 'sent')
      return send(reply, surveyMessageView(ctx(req), t(req)('survey.sent.title'), t(req)('survey.sent.text', { centre: s.centre })));
    if (s.invitation.state === 'started' && s.status === 'open') {
      const resumed = await survey.startInvited(token);
      if (resumed && typeof resumed === 'object') return reply.redirect(`${base}/r/${resumed.token}`, 303);
    }
    return send(reply, welcomeView(ctx(req), s, { invitation: token }, reply.generateCsrf()));
  });

  app.post('/i/:token/start', csrf, async (req, reply) => {
    const { token } = parse(invitationParams, req.params);
    const started = await survey.startInvited(token);
    if (started === null) return unknown(req, reply);
    if (started === 'sent') return reply.redirect(`${base}/i/${token}`, 303);
    if (started === 'closed') {
      const s = (await survey.byInvitation(token))!;
      return send(reply, welcomeView(ctx(req), s, { invitation: token }, reply.generateCsrf()), 409);
    }
    return reply.redirect(`${base}/r/${started.token}`, 303);
  });

  app.post('/:link/resume', csrf, async (req, reply) => {
    const { link } = parse(linkParams, req.params);
    const s = await survey.byLink(link);
    if (!s) return unknown(req, reply);
    const typed = typeof (req.body as Record<string, unknown>).code === 'string' ? ((req.body as Record<string, string>).code ?? '') : '';
    const form = parseForm(codeForm, req.body);
    if (!form.ok) return send(reply, welcomeView(ctx(req), s, { link }, reply.generateCsrf(), { errors: form.errors, code: typed.slice(0, 20) }), 422);
    const found = await survey.resumeByCode(link, form.data.code, address(req));
    if (found === 'limited') return send(reply, surveyMessageView(ctx(req), t(req)('survey.limited.title'), t(req)('survey.limited.codeText')), 429);
    if (found === 'wrong' || found === null)
      return send(
        reply,
        welcomeView(ctx(req), s, { link }, reply.generateCsrf(), { errors: [{ field: 'code', key: 'survey.error.codeUnknown' }], code: typed.slice(0, 20) }),
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
    const member = await survey.memberOf(sessionId(req), s);
    const result = await survey.send(s, { address: address(req), member }, device(req, s.loaded.round.id, s.group));
    if (result === 'incomplete') return send(reply, checkView(ctx(req), s, reply.generateCsrf(), survey.unanswered(s), 'incomplete'), 422);
    if (result === 'sent-here') return send(reply, checkView(ctx(req), s, reply.generateCsrf(), survey.unanswered(s), 'sent-here'), 409);
    if (result === 'closed') return send(reply, surveyMessageView(ctx(req), t(req)('survey.closed.title'), t(req)('survey.closed.text')), 409);
    if (result === 'sent' && s.response.channel === 'link') remember(req, reply, `${s.loaded.round.id}.${s.group}`);
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
