import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendPrivate } from '../../http/send.ts';
import type { AppContext } from '../../http/app-context.ts';
import { parse } from '../../http/errors.ts';
import { sessionFrom, sessionScope, type Guards } from './session-scope.ts';
import { parseForm, textValues } from '../../http/forms.ts';
import type { Lang } from '../../i18n/languages.ts';
import { href } from '../../ui/layout.ts';
import * as s from './schemas.ts';
import { RESET_HOURS, type AccountsService, type Limited } from './service.ts';
import { accountView, forgotView, messageView, registerView, resetView, signInView, signOutView } from './views/pages.ts';
import { noticeOf, redirectDone } from '../../http/notice.ts';

// /{lang}/account/…: sign-in, registration and the person's account, in a session scope
// (http/session-scope.ts).

export interface AccountOptions {
  lang: Lang;
  accounts: AccountsService;
  /** the centres a person belongs to, listed on their account page */
  centresOf?: (userId: number) => Promise<{ slug: string; name: string; role: string }[]>;
  sessionSecret: string;
  sessionDays: number;
  /** the largest file a form takes (centre logos) */
  fileLimit: number;
  /** more signed-in routes (centres), registered in this scope with its session and CSRF */
  extend?: (app: FastifyInstance, guards: Guards) => void;
  /** more of a person's data for their export (the messages they wrote), by section name */
  moreData?: (userId: number) => Promise<Record<string, unknown>>;
  /** erases what a person wrote elsewhere (community posts), when they delete their account and ask for it */
  eraseWritings?: (userId: number) => Promise<void>;
}

/** "done" values a redirect may carry, each with its message. */
const notices = {
  'password-changed': 'account.notice.passwordChanged',
  'email-requested': 'account.notice.emailRequested',
  'email-changed': 'account.notice.emailChanged',
  'signed-out-everywhere': 'account.notice.signedOutEverywhere',
  'signed-out': 'account.notice.signedOut',
  reset: 'account.notice.reset',
  confirmed: 'account.notice.confirmed',
};

/** The notice a redirect carried, as view state. */
const withNoticeOf = (query: unknown): { notice?: string } => {
  const notice = noticeOf(query, notices);
  return notice ? { notice } : {};
};

export async function accountRoutes(app: FastifyInstance, o: AccountOptions & { a: AppContext }): Promise<void> {
  const { a, lang, accounts } = o;
  const guards = await sessionScope(app, { ...sessionFrom({ ...o, findUser: (id) => accounts.user(id) }), fileLimit: o.fileLimit });

  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const path = (p: string) => `/${lang}/account${p}`;
  const csrf = (reply: FastifyReply) => reply.generateCsrf();
  const html = sendPrivate;
  const tooMany = (reply: FastifyReply, l: Limited) => reply.header('retry-after', String(l.retryAfterSeconds));
  const minutes = (l: Limited) => ({ minutes: Math.ceil(l.retryAfterSeconds / 60) });

  const { requireUser, csrfCheck } = guards;
  o.extend?.(app, guards);
  const protect = { preHandler: csrfCheck };
  const member = { preHandler: [requireUser] };
  const memberPost = { preHandler: [csrfCheck, requireUser] };

  // Register

  app.get('/register', (req, reply) => html(reply, registerView(ctx(req), { csrf: csrf(reply) })));
  app.post('/register', protect, async (req, reply) => {
    const form = parseForm(s.registerForm, req.body);
    if (!form.ok) return html(reply, registerView(ctx(req), { csrf: csrf(reply), values: textValues(form.values), errors: form.errors }), 422);
    const result = await accounts.register({ ...form.data, lang, ip: req.ip });
    const values = { name: form.data.name, email: form.data.email };
    if ('limited' in result) {
      return html(
        tooMany(reply, result),
        registerView(ctx(req), { csrf: csrf(reply), values, errors: [{ field: 'email', key: 'account.error.tooMany', values: minutes(result) }] }),
        429,
      );
    }
    if ('errors' in result) return html(reply, registerView(ctx(req), { csrf: csrf(reply), values, errors: result.errors }), 422);
    const t = ctx(req).t;
    return html(reply, messageView(ctx(req), t('account.checkEmail.heading'), t('account.checkEmail.text', { email: form.data.email })));
  });

  app.get('/confirm', async (req, reply) => {
    const { token } = parse(s.tokenQuery, req.query);
    const t = ctx(req).t;
    if (!(await accounts.confirm(token))) {
      return html(
        reply,
        messageView(ctx(req), t('account.linkExpired.heading'), t('account.linkExpired.confirm'), {
          href: path('/sign-in'),
          label: t('account.signIn.heading'),
        }),
        410,
      );
    }
    return redirectDone(reply, `${path('/sign-in')}`, 'confirmed');
  });

  // Sign in and out

  app.get('/sign-in', async (req, reply) => {
    const { next } = parse(s.nextQuery, req.query);
    if (req.session.userId !== undefined && (await accounts.user(req.session.userId))) return reply.redirect(s.safeNext(next, path('')), 303);
    return html(reply, signInView(ctx(req), { csrf: csrf(reply), ...(next ? { next } : {}), ...withNoticeOf(req.query) }));
  });
  app.post('/sign-in', protect, async (req, reply) => {
    const form = parseForm(s.signInForm, req.body);
    const next = typeof (req.body as Record<string, unknown>).next === 'string' ? ((req.body as Record<string, string>).next ?? '') : '';
    if (!form.ok) return html(reply, signInView(ctx(req), { csrf: csrf(reply), values: textValues(form.values), errors: form.errors, next }), 422);
    const result = await accounts.signIn({ email: form.data.email, password: form.data.password, ip: req.ip, lang });
    const values = { email: form.data.email };
    if ('limited' in result) {
      return html(
        tooMany(reply, result),
        signInView(ctx(req), { csrf: csrf(reply), values, next, errors: [{ field: 'email', key: 'account.error.tooMany', values: minutes(result) }] }),
        429,
      );
    }
    if ('error' in result) {
      const key = result.error === 'unconfirmed' ? 'account.error.unconfirmed' : 'account.error.credentials';
      return html(
        reply,
        signInView(ctx(req), { csrf: csrf(reply), values, next, errors: [{ field: 'email', key }] }),
        result.error === 'unconfirmed' ? 403 : 401,
      );
    }
    // A new session id at sign-in: an id planted before cannot be carried into the account.
    await req.session.regenerate();
    req.session.userId = result.userId;
    return reply.redirect(s.safeNext(form.data.next, path('')), 303);
  });
  app.get('/sign-out', member, (req, reply) => html(reply, signOutView(ctx(req), { csrf: csrf(reply), name: req.user!.name })));
  app.post('/sign-out', protect, async (req, reply) => {
    await req.session.destroy();
    return redirectDone(reply, `${path('/sign-in')}`, 'signed-out');
  });

  // Forgotten password

  app.get('/forgot', (req, reply) => html(reply, forgotView(ctx(req), { csrf: csrf(reply) })));
  app.post('/forgot', protect, async (req, reply) => {
    const form = parseForm(s.forgotForm, req.body);
    if (!form.ok) return html(reply, forgotView(ctx(req), { csrf: csrf(reply), values: textValues(form.values), errors: form.errors }), 422);
    const result = await accounts.requestReset({ email: form.data.email, ip: req.ip, lang });
    if ('limited' in result) {
      return html(
        tooMany(reply, result),
        forgotView(ctx(req), {
          csrf: csrf(reply),
          values: { email: form.data.email },
          errors: [{ field: 'email', key: 'account.error.tooMany', values: minutes(result) }],
        }),
        429,
      );
    }
    const t = ctx(req).t;
    return html(reply, messageView(ctx(req), t('account.checkEmail.heading'), t('account.forgot.sent', { email: form.data.email, hours: RESET_HOURS })));
  });
  app.get('/reset', async (req, reply) => {
    const { token } = parse(s.tokenQuery, req.query);
    const t = ctx(req).t;
    if (!(await accounts.resetTokenValid(token))) {
      return html(
        reply,
        messageView(ctx(req), t('account.linkExpired.heading'), t('account.linkExpired.reset'), { href: path('/forgot'), label: t('account.forgot.heading') }),
        410,
      );
    }
    return html(reply, resetView(ctx(req), { csrf: csrf(reply), token }));
  });
  app.post('/reset', protect, async (req, reply) => {
    const form = parseForm(s.resetForm, req.body);
    const body = req.body as Record<string, unknown>;
    const token = typeof body.token === 'string' ? body.token : '';
    if (!form.ok) return html(reply, resetView(ctx(req), { csrf: csrf(reply), token, errors: form.errors }), 422);
    const result = await accounts.reset(form.data.token, form.data.password);
    const t = ctx(req).t;
    if ('errors' in result) return html(reply, resetView(ctx(req), { csrf: csrf(reply), token, errors: result.errors }), 422);
    if ('expired' in result) {
      return html(
        reply,
        messageView(ctx(req), t('account.linkExpired.heading'), t('account.linkExpired.reset'), { href: path('/forgot'), label: t('account.forgot.heading') }),
        410,
      );
    }
    return redirectDone(reply, `${path('/sign-in')}`, 'reset');
  });

  // My account

  const accountPage = async (req: FastifyRequest, reply: FastifyReply, state: Omit<Parameters<typeof accountView>[2], 'csrf'> = {}, status = 200) =>
    html(reply, accountView(ctx(req), req.user!, { csrf: csrf(reply), centres: (await o.centresOf?.(req.user!.id)) ?? [], ...state }), status);

  app.get('', member, (req, reply) => {
    parse(s.nextQuery, req.query);
    return accountPage(req, reply, withNoticeOf(req.query));
  });
  app.post('/password', memberPost, async (req, reply) => {
    const form = parseForm(s.changePasswordForm, req.body);
    if (!form.ok) return accountPage(req, reply, { form: 'password', errors: form.errors }, 422);
    const result = await accounts.changePassword(req.user!.id, form.data.current_password, form.data.password, req.session.sessionId);
    if ('errors' in result) return accountPage(req, reply, { form: 'password', errors: result.errors }, 422);
    return redirectDone(reply, `${path('')}`, 'password-changed');
  });
  app.post('/email', memberPost, async (req, reply) => {
    const form = parseForm(s.changeEmailForm, req.body);
    if (!form.ok) return accountPage(req, reply, { form: 'email', values: textValues(form.values), errors: form.errors }, 422);
    const result = await accounts.requestEmailChange(req.user!.id, form.data.email, form.data.current_password, lang);
    if ('errors' in result) return accountPage(req, reply, { form: 'email', values: { email: form.data.email }, errors: result.errors }, 422);
    return redirectDone(reply, `${path('')}`, 'email-requested');
  });
  app.get('/email/confirm', async (req, reply) => {
    const { token } = parse(s.tokenQuery, req.query);
    const result = await accounts.confirmEmailChange(token);
    const t = ctx(req).t;
    if (result === 'done') return redirectDone(reply, `${path('')}`, 'email-changed');
    const text = result === 'taken' ? t('account.email.taken') : t('account.linkExpired.email');
    return html(reply, messageView(ctx(req), t('account.linkExpired.heading'), text, { href: path(''), label: t('account.heading') }), 410);
  });
  app.post('/sign-out-everywhere', memberPost, async (req, reply) => {
    await accounts.signOutEverywhere(req.user!.id);
    return redirectDone(reply, `${path('/sign-in')}`, 'signed-out-everywhere');
  });
  app.get('/data.json', member, async (req, reply) => {
    const data = { ...(await accounts.exportData(req.user!.id)), ...(await o.moreData?.(req.user!.id)) };
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="intve-my-data.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });
  app.post('/delete', memberPost, async (req, reply) => {
    const form = parseForm(s.deleteForm, req.body);
    if (!form.ok) return accountPage(req, reply, { form: 'delete', errors: form.errors }, 422);
    const userId = req.user!.id;
    const erase = form.data.erase === 'yes' ? o.eraseWritings : undefined;
    const result = await accounts.deleteAccount(userId, form.data.current_password, erase ? { before: () => erase(userId) } : {});
    if ('errors' in result) return accountPage(req, reply, { form: 'delete', errors: result.errors }, 422);
    await req.session.destroy();
    const t = ctx(req).t;
    return html(reply, messageView(ctx(req), t('account.deleted.heading'), t('account.deleted.text'), { href: href(ctx(req), '/'), label: t('nav.home') }));
  });
}
