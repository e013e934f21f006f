import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/app-context.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import { noticeOf, redirectDone } from '../../http/notice.ts';
import { sendPrivate } from '../../http/send.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { User } from '../accounts/repository.ts';
import { sessionFrom, sessionScope } from '../accounts/session-scope.ts';
import type { NotificationsService } from './service.ts';
import { digestLinkView, notificationsView, type DigestChoice } from './views.ts';

// /{lang}/account/notifications: a person's notifications (signed in), each opened through its
// own address, which marks it read and leads to the post; "mark all as read"; and their digest.
// The digest's mail carries a signed link (…/digest/off?t=…) that turns it off without signing in:
// a click on it (GET) or a mail program's one-click POST (RFC 8058). The link then leads to a page
// where the same token chooses the digest again. The token is the only key there: it is made with
// the server's secret for one person and expires, so it also stands in for the CSRF token.

/** What the digest pages need: the communities' digests satisfy it (communities/digest.ts). */
export interface Digests {
  settings(userId: number): Promise<{ frequency: 'daily' | 'weekly' } | null>;
  /** false when the account is no more */
  choose(userId: number, frequency: 'daily' | 'weekly' | null): Promise<boolean>;
  links: { read(token: string): number | 'expired' | null };
}

export interface NotificationRouteOptions {
  a: AppContext;
  lang: Lang;
  notifications: NotificationsService;
  digests: Digests;
  sessionSecret: string;
  sessionDays: number;
  findUser: (id: number) => Promise<User | undefined>;
}

const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const frequency = z.enum(['off', 'daily', 'weekly']);
const choiceBody = z.object({ frequency });
const tokenQuery = z.object({ t: z.string().max(100).catch(''), done: z.enum(['off', 'saved']).optional().catch(undefined) });
const tokenBody = z.object({ t: z.string().max(100).catch(''), frequency });
const asChoice = (f: 'off' | 'daily' | 'weekly') => (f === 'off' ? null : f);

export async function notificationRoutes(app: FastifyInstance, o: NotificationRouteOptions): Promise<void> {
  const { a, lang, notifications, digests } = o;
  const g = await sessionScope(app, { ...sessionFrom(o), fileLimit: 0 });
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const path = (p: string) => `/${lang}/account/notifications${p}`;

  app.get('/', { preHandler: [g.requireUser] }, async (req, reply) => {
    const [list, digest] = await Promise.all([notifications.latest(req.user!.id), digests.settings(req.user!.id)]);
    const notice = noticeOf(req.query, { read: 'notifications.notice.read', digest: 'notifications.notice.digest' });
    return sendPrivate(reply, notificationsView(ctx(req), reply.generateCsrf(), list, { digest: digest?.frequency ?? null, ...(notice ? { notice } : {}) }));
  });
  app.post('/read', { preHandler: [g.csrfCheck, g.requireUser] }, async (req, reply) => {
    await notifications.readAll(req.user!.id);
    return redirectDone(reply, path(''), 'read');
  });
  app.post('/digest', { preHandler: [g.csrfCheck, g.requireUser] }, async (req, reply) => {
    const { frequency } = parse(choiceBody, req.body);
    await digests.choose(req.user!.id, asChoice(frequency));
    return redirectDone(reply, path(''), 'digest');
  });

  /** The person a digest's link is for, or the page that says why there is none. */
  const holder = (token: string) => {
    const who = digests.links.read(token);
    if (who === null) throw new NotFoundError('digest link');
    return who;
  };
  const expired = (req: FastifyRequest) => digestLinkView(ctx(req), { state: 'expired' });
  const digestPage = (t: string, done?: 'off' | 'saved') => `${path('/digest')}?t=${encodeURIComponent(t)}${done ? `&done=${done}` : ''}`;

  // One click in the mail (GET), or a mail program's one-click unsubscribe (List-Unsubscribe-Post):
  // off at once, then the page that can turn it on again.
  const turnOff = async (req: FastifyRequest, reply: FastifyReply) => {
    const { t } = parse(tokenQuery, req.query);
    const who = holder(t);
    if (who === 'expired') return sendPrivate(reply, expired(req), 410);
    await digests.choose(who, null);
    return reply.redirect(digestPage(t, 'off'), 303);
  };
  app.get('/digest/off', turnOff);
  app.post('/digest/off', turnOff);
  app.get('/digest', async (req, reply) => {
    const { t, done } = parse(tokenQuery, req.query);
    const who = holder(t);
    if (who === 'expired') return sendPrivate(reply, expired(req), 410);
    const digest = await digests.settings(who);
    const state: DigestChoice = digest?.frequency ?? null;
    return sendPrivate(reply, digestLinkView(ctx(req), { state: 'valid', token: t, frequency: state, ...(done ? { done } : {}) }));
  });
  app.post('/digest/choose', async (req, reply) => {
    const { t, frequency } = parse(tokenBody, req.body);
    const who = holder(t);
    if (who === 'expired') return sendPrivate(reply, expired(req), 410);
    if (!(await digests.choose(who, asChoice(frequency)))) throw new NotFoundError('digest link');
    return reply.redirect(digestPage(t, 'saved'), 303);
  });

  app.get('/:id', { preHandler: [g.requireUser] }, async (req, reply) => {
    const { id } = parse(idParams, req.params);
    const to = await notifications.open(req.user!.id, id);
    if (to === null) throw new NotFoundError('notification');
    return reply.redirect(`/${lang}${to}`, 303);
  });
}
