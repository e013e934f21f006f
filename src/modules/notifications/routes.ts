import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../http/app-context.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import { noticeOf, redirectDone } from '../../http/notice.ts';
import { sendPrivate } from '../../http/send.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { User } from '../accounts/repository.ts';
import { sessionScope } from '../accounts/session-scope.ts';
import type { NotificationsService } from './service.ts';
import { notificationsView } from './views.ts';

// /{lang}/account/notifications: a person's notifications (signed in), each opened through its
// own address, which marks it read and leads to the post; and "mark all as read".

export interface NotificationRouteOptions {
  a: AppContext;
  lang: Lang;
  notifications: NotificationsService;
  sessionSecret: string;
  sessionDays: number;
  findUser: (id: number) => Promise<User | undefined>;
}

const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });

export async function notificationRoutes(app: FastifyInstance, o: NotificationRouteOptions): Promise<void> {
  const { a, lang, notifications } = o;
  const g = await sessionScope(app, {
    db: a.database.db,
    lang,
    secret: o.sessionSecret,
    days: o.sessionDays,
    secure: a.config.baseUrl.startsWith('https:'),
    findUser: o.findUser,
    fileLimit: 0,
  });
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const path = (p: string) => `/${lang}/account/notifications${p}`;

  app.get('/', { preHandler: [g.requireUser] }, async (req, reply) => {
    const list = await notifications.latest(req.user!.id);
    const notice = noticeOf(req.query, { read: 'notifications.notice.read' });
    return sendPrivate(reply, notificationsView(ctx(req), reply.generateCsrf(), list, notice ? { notice } : {}));
  });
  app.post('/read', { preHandler: [g.csrfCheck, g.requireUser] }, async (req, reply) => {
    await notifications.readAll(req.user!.id);
    return redirectDone(reply, path(''), 'read');
  });
  app.get('/:id', { preHandler: [g.requireUser] }, async (req, reply) => {
    const { id } = parse(idParams, req.params);
    const to = await notifications.open(req.user!.id, id);
    if (to === null) throw new NotFoundError('notification');
    return reply.redirect(`/${lang}${to}`, 303);
  });
}
