import type { DB } from '../../../db/database.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { translator } from '../../../i18n/messages.ts';
import { limits, rateLimiter } from '../../../platform/rate-limits/rate-limits.ts';
import type { Mailer } from '../../accounts/mail.ts';
import type { RoundPage } from '../access.ts';
import type { StakeholderGroup } from '../framework/format.ts';
import { pagesFor } from '../questionnaire/pages.ts';
import { lastDay, statusOf } from '../round.ts';
import { minutesFor } from '../timing.ts';
import * as rr from './repository.ts';
import type { InviteForm } from './schemas.ts';
import { digest, newSalt, tokens } from './tokens.ts';

// Personal invitations (docs/decisions/0006): a group that answers by invitation has no open
// link; the centre enters addresses, and the platform mails each person a link of their own that
// the centre never sees. One link is one response. The centre sees how many were invited, started
// and sent per group, and can remind those who have not sent, once a day per group. Addresses
// serve only for these mails and are erased when the round closes.

/** The shortest time between two reminders to one group. */
export const REMIND_EVERY_MS = 24 * 60 * 60_000;

export function invitationsService(db: DB, secret: string, mailer: Mailer, baseUrl: string) {
  const rates = rateLimiter(db);
  const tk = tokens(secret);

  function mail(r: RoundPage, o: { to: string; salt: string; lang: Lang; sender: string; message: string | null; reminder: boolean; group: StakeholderGroup }) {
    const t = translator(o.lang);
    const kind = o.reminder ? 'surveyReminder' : 'surveyInvitation';
    return mailer.send({
      to: o.to,
      subject: t(`mail.${kind}.subject`, { centre: r.centre.name }),
      body: t(`mail.${kind}.body`, {
        centre: r.centre.name,
        sender: o.sender,
        message: o.message ? `\n\n${o.message}\n` : '',
        link: `${baseUrl}/${o.lang}/survey/i/${tk.invite(o.salt)}`,
        closes: new Intl.DateTimeFormat(o.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(lastDay(r.loaded.round.closes_at))),
        min: r.loaded.round.min_group_size,
        minutes: minutesFor(pagesFor(r.loaded.version.document, r.loaded.indicators, r.loaded.own, o.group)),
      }),
    });
  }

  return {
    counts: (roundId: number) => rr.invitationCounts(db, roundId),
    remindedAt: (roundId: number) => rr.remindedAt(db, roundId),

    /**
     * Invites people to answer for a group: one personal link each, mailed in the person's language (or the form's),
     * with the centre's message. Addresses already invited to the group are not invited again.
     */
    async invite(
      r: RoundPage,
      sender: { id: number; name: string },
      form: InviteForm,
    ): Promise<{ added: number; already: number } | 'forbidden' | 'missing' | 'closed' | 'limited'> {
      if (!r.manage) return 'forbidden';
      const g = r.loaded.groups.find((x) => x.group === form.inviteGroup);
      if (!g || g.access !== 'invitation') return 'missing';
      if (statusOf(r.loaded.round) === 'closed') return 'closed';
      if (await rates.count(`survey-mail:${sender.id}`, limits.surveyMailPerPerson)) return 'limited';
      const fresh = form.invitees.map((p) => {
        const salt = newSalt();
        return { email: p.email, lang: p.lang ?? form.lang, salt, hash: digest(tk.invite(salt)) };
      });
      const added = await rr.addInvitations(db, r.loaded.round.id, form.inviteGroup, form.message || null, fresh);
      for (const i of added)
        await mail(r, {
          to: i.email,
          salt: i.salt,
          lang: i.lang as Lang,
          sender: sender.name,
          message: form.message || null,
          reminder: false,
          group: form.inviteGroup,
        });
      return { added: added.length, already: fresh.length - added.length };
    },

    /** Reminds everyone invited to the group who has not sent, unless the group was reminded in the last day. */
    async remind(
      r: RoundPage,
      sender: { name: string },
      group: StakeholderGroup,
    ): Promise<{ reminded: number } | 'forbidden' | 'missing' | 'closed' | 'too-soon'> {
      if (!r.manage) return 'forbidden';
      const g = r.loaded.groups.find((x) => x.group === group);
      if (!g || g.access !== 'invitation') return 'missing';
      if (statusOf(r.loaded.round) === 'closed') return 'closed';
      const due = await rr.takeReminders(db, r.loaded.round.id, group, new Date(Date.now() - REMIND_EVERY_MS).toISOString());
      if (due === 'too-soon') return 'too-soon';
      for (const i of due) await mail(r, { to: i.email, salt: i.salt, lang: i.lang as Lang, sender: sender.name, message: null, reminder: true, group });
      return { reminded: due.length };
    },

    /** Erases the addresses of closed rounds' invitations (one round, or all); how many. */
    eraseClosed: (roundId?: number) => rr.eraseClosedAddresses(db, new Date().toISOString(), roundId),
  };
}

export type InvitationsService = ReturnType<typeof invitationsService>;
