import { z } from 'zod';
import type { DB } from '../../../db/database.ts';
import { translator } from '../../../i18n/messages.ts';
import type { JobDefinition } from '../../../platform/jobs/queue.ts';
import type { Mailer } from '../../accounts/mail.ts';
import * as pr from './repository.ts';
import { langOf, longDay, planUrl, today } from './service.ts';

// Overdue plan actions are reminded by mail, once per action and due date: a recurring job finds
// the actions not done whose due date has passed, records each reminder (the primary key on
// action and due date lets only one instance record it) and queues its mail in the same
// transaction. The mail goes to the member who owns the action, in their language; for an owner
// who is a name, or a member who has left the centre, to the centre's administrators. A new due
// date forgets the reminder (repository.updateAction), so the action is reminded again once that
// date passes too.

export const OVERDUE_JOB = 'plans.overdue';
/** every hour, at 41 minutes past (UTC) */
export const OVERDUE_CRON = '41 * * * *';

export async function remindOverdue(db: DB, mailer: Mailer, baseUrl: string, on = today()): Promise<number> {
  let sent = 0;
  for (const a of await pr.overdueUnreminded(db, on)) {
    const members = await pr.centreMembers(db, a.centre_id);
    const owner = a.owner_user_id === null ? undefined : members.find((m) => m.id === a.owner_user_id);
    const to = owner ? [owner] : members.filter((m) => m.role === 'admin');
    const claimed = await db.transaction().execute(async (trx) => {
      if (!(await pr.claimReminder(trx, a.id, a.due_on))) return false;
      for (const m of to) {
        const lang = langOf(m.preferred_lang);
        const t = translator(lang);
        await mailer.send(
          {
            to: m.email,
            subject: t('mail.planOverdue.subject', { title: a.title.length > 80 ? `${a.title.slice(0, 79)}…` : a.title }),
            body: t(owner ? 'mail.planOverdue.body' : 'mail.planOverdue.bodyAdmin', {
              name: m.name,
              title: a.title,
              centre: a.centre_name,
              round: a.round_title,
              due: longDay(lang, a.due_on),
              link: planUrl(baseUrl, lang, a.centre_slug, a.round_id, a.id),
            }),
          },
          { trx },
        );
      }
      return true;
    });
    if (claimed) sent++;
  }
  return sent;
}

export const overdueJob = (db: DB, mailer: Mailer, baseUrl: string): JobDefinition<Record<string, never>> => ({
  name: OVERDUE_JOB,
  payload: z.object({}).strict(),
  unique: true,
  retryLimit: 3,
  run: async () => {
    await remindOverdue(db, mailer, baseUrl);
  },
});
