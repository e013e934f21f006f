import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { siteLang } from '../../i18n/languages.ts';
import { translator } from '../../i18n/messages.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/queue.ts';
import type { Mailer } from '../accounts/mail.ts';
import { findUserById } from '../accounts/repository.ts';
import * as repo from './repository.ts';

// Notifications: what the platform tells a person in its pages (a count in the header, a list at
// /{lang}/account/notifications) and, for what they asked to hear by mail, in one mail that
// gathers everything of a few minutes: the first notification to be mailed queues a job for the
// person MAIL_DELAY_MS later, and the queue keeps at most one such job waiting per person, so a
// busy discussion sends one mail, not one a post. What was read in the meantime is not mailed.

export const NOTIFICATION_MAIL_JOB = 'notifications.mail';
/** how long a person's first mailed notification waits for others to join it */
export const MAIL_DELAY_MS = 10 * 60_000;
/** the most notifications one mail lists (the rest wait in the platform) */
const MAIL_ITEMS = 20;
export const NOTIFICATIONS_SHOWN = 50;
export const POSTS_PER_PAGE = 50;

/** Where a notification leads: its post in its topic, on the page the post is on. */
export async function targetOf(db: DB, n: repo.NotificationRow): Promise<string | null> {
  if (!n.communitySlug || n.topicId === null) return null;
  const page = n.postId === null ? 1 : Math.floor((await repo.postsBefore(db, n.topicId, n.postId)) / POSTS_PER_PAGE) + 1;
  return `/communities/${n.communitySlug}/topics/${n.topicId}${page > 1 ? `?page=${page}` : ''}${n.postId === null ? '' : `#post-${n.postId}`}`;
}

export function notificationsService(db: DB, o: { jobs: Pick<JobQueue, 'enqueue'>; mailer: Mailer; baseUrl: string }) {
  return {
    /** Records notifications, and queues the grouped mail of each person who gets one by mail. */
    async notify(list: repo.NewNotification[]): Promise<number> {
      const mailed = await repo.add(db, list);
      const startAfter = new Date(Date.now() + MAIL_DELAY_MS);
      for (const userId of new Set(mailed)) await o.jobs.enqueue(NOTIFICATION_MAIL_JOB, { userId }, { key: `person:${userId}`, startAfter });
      return list.length;
    },

    unread: (userId: number) => repo.unreadCount(db, userId),
    latest: (userId: number) => repo.latest(db, userId, NOTIFICATIONS_SHOWN),
    readAll: (userId: number) => repo.markAllRead(db, userId),

    /** Opens one of the person's notifications (it is read from now): where it leads, or null when it is not theirs or leads nowhere now. */
    async open(userId: number, id: number): Promise<string | null> {
      const n = await repo.open(db, userId, id);
      return n ? targetOf(db, n) : null;
    },

    /** Sends a person what waits for them by mail, in one mail, in their language; marks it mailed in the same transaction. */
    async sendMail(userId: number): Promise<number> {
      const [person, due] = await Promise.all([findUserById(db, userId), repo.toMail(db, userId)]);
      if (!person || due.length === 0) return 0;
      const lang = siteLang(person.preferred_lang);
      const t = translator(lang);
      const shown = due.slice(0, MAIL_ITEMS);
      const lines = shown.map(
        (n) =>
          `- ${t(`notifications.kind.${n.kind}`, { actor: n.actor ?? t('community.formerMember'), topic: n.topicTitle ?? '' })}\n  ${o.baseUrl}/${lang}/account/notifications/${n.id}`,
      );
      const more = due.length - shown.length;
      await db.transaction().execute(async (trx) => {
        const claimed = await repo.markMailed(
          trx,
          due.map((n) => n.id),
        );
        if (claimed === 0) return;
        await o.mailer.send(
          {
            to: person.email,
            subject: t('mail.notifications.subject', { count: due.length }),
            body: t('mail.notifications.body', {
              name: person.name,
              lines: lines.join('\n'),
              more,
              link: `${o.baseUrl}/${lang}/account/notifications`,
            }),
          },
          { trx },
        );
      });
      return due.length;
    },
  };
}

export type NotificationsService = ReturnType<typeof notificationsService>;

export const notificationMailJob = (n: NotificationsService): JobDefinition<{ userId: number }> => ({
  name: NOTIFICATION_MAIL_JOB,
  payload: z.object({ userId: z.number().int().positive() }),
  unique: true,
  retryLimit: 5,
  describe: (p) => `person ${p.userId}`,
  run: async (p) => {
    await n.sendMail(p.userId);
  },
});
