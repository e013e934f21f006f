import type { DB } from '../../../db/database.ts';
import { siteLang, type Lang } from '../../../i18n/languages.ts';
import { translator } from '../../../i18n/messages.ts';
import type { Mailer } from '../../accounts/mail.ts';
import { centreAdmins, findCentreById, type CentreRow } from '../../centres/repository.ts';
import type { StakeholderGroup } from '../framework/format.ts';
import { settled } from '../report/results.ts';
import { lastDay, loadRound, type LoadedRound } from '../round.ts';
import type { InvitationsService } from '../rounds/invitations.ts';
import * as nr from './repository.ts';

// Telling the centre how its round goes (docs/decisions/0010): its administrators get a mail when
// a group reaches the round's minimum, two days before the round closes, and once it has closed
// with its report ready; people invited who have not sent get one automatic reminder three days
// before closing. A periodic job looks for what is due (jobs.ts), so nothing is added to a
// respondent's request and a notice never tells the minute a given response came. Each notice is
// claimed in round_notices in the same transaction as its mails are queued: sent once, whichever
// instance runs the job and however often. Mails are in each administrator's account language.

export const CLOSING_NOTICE_MS = 2 * 86_400_000;
export const AUTO_REMINDER_MS = 3 * 86_400_000;
/** A round that closed longer ago than this gets no notice (rounds closed before notices existed). */
export const CLOSED_NOTICE_WINDOW_MS = 7 * 86_400_000;

export function noticesService(db: DB, mailer: Mailer, baseUrl: string, invitations: InvitationsService) {
  const roundUrl = (lang: string, c: CentreRow, id: number) => `${baseUrl}/${lang}/account/centres/${c.slug}/self-assessment/rounds/${id}`;
  const closes = (lang: Lang, r: LoadedRound) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(lastDay(r.round.closed_at ?? r.round.closes_at)));

  /** Claims the notice and queues one mail to each administrator of the centre, in one transaction; whether it was this call's to send. */
  async function tell(
    r: LoadedRound,
    kind: nr.NoticeKind,
    grp: string,
    mail: (t: ReturnType<typeof translator>, lang: Lang, c: CentreRow, admin: { name: string }) => { subject: string; body: string },
  ): Promise<boolean> {
    const c = await findCentreById(db, r.round.centre_id);
    if (!c) return false;
    const admins = await centreAdmins(db, c.id);
    return db.transaction().execute(async (trx) => {
      if (!(await nr.claimNotice(trx, r.round.id, kind, grp))) return false;
      for (const a of admins) {
        const lang: Lang = siteLang(a.lang);
        await mailer.send({ to: a.email, ...mail(translator(lang), lang, c, a) }, { trx });
      }
      return true;
    });
  }

  const minimum = (r: LoadedRound, grp: string) =>
    tell(r, 'minimum', grp, (t, lang, c, a) => {
      const values = { name: a.name, round: r.round.title, centre: c.name, group: t(`assessment.groupName.${grp}`), min: r.round.min_group_size };
      return {
        subject: t('mail.roundNotice.minimum.subject', values),
        body: t('mail.roundNotice.minimum.body', { ...values, link: roundUrl(lang, c, r.round.id) }),
      };
    });

  const closing = (r: LoadedRound) =>
    tell(r, 'closing', '', (t, lang, c, a) => {
      const below = r.groups.filter((g) => g.sent < r.round.min_group_size).length;
      const values = { name: a.name, round: r.round.title, centre: c.name, closes: closes(lang, r), below };
      return {
        subject: t('mail.roundNotice.closing.subject', values),
        body: t('mail.roundNotice.closing.body', { ...values, link: roundUrl(lang, c, r.round.id) }),
      };
    });

  const closed = (r: LoadedRound) =>
    tell(r, 'closed', '', (t, lang, c, a) => {
      const values = { name: a.name, round: r.round.title, centre: c.name, min: r.round.min_group_size };
      return {
        subject: t('mail.roundNotice.closed.subject', values),
        body: t('mail.roundNotice.closed.body', { ...values, report: `${roundUrl(lang, c, r.round.id)}/report` }),
      };
    });

  /** The automatic reminder to a group's invited people who have not sent: claimed first, so it goes at most once. */
  async function remind(r: LoadedRound, grp: string): Promise<boolean> {
    const c = await findCentreById(db, r.round.centre_id);
    if (!c || !(await nr.claimNotice(db, r.round.id, 'reminder', grp))) return false;
    // A reminder the centre sent by hand in the last day counts: the group is not reminded twice.
    const done = await invitations.remind({ centre: c, access: 'admin', manage: true, loaded: r }, { name: c.name }, grp as StakeholderGroup);
    return typeof done === 'object';
  }

  return {
    /** Right after a round is closed early: its "closed" notice at once rather than at the next sweep (still once). */
    async roundClosed(id: number): Promise<boolean> {
      const r = await loadRound(db, id);
      return r !== null && r.round.closed_at !== null && (await closed(await settled(db, r)));
    },

    /** Sends every notice that is due now; how many were sent. */
    async sweep(now = new Date()): Promise<number> {
      const at = now.toISOString();
      const load = async (id: number) => await loadRound(db, id);
      let n = 0;
      for (const g of await nr.groupsAtMinimum(db, at)) {
        const r = await load(g.round_id);
        if (r && (await minimum(r, g.grp))) n++;
      }
      for (const id of await nr.roundsClosingBefore(db, at, new Date(now.getTime() + CLOSING_NOTICE_MS).toISOString(), 'closing')) {
        const r = await load(id);
        if (r && (await closing(r))) n++;
      }
      for (const g of await nr.invitationGroupsClosingBefore(db, at, new Date(now.getTime() + AUTO_REMINDER_MS).toISOString())) {
        const r = await load(g.round_id);
        if (r && (await remind(r, g.grp))) n++;
      }
      for (const id of await nr.roundsClosedSince(db, new Date(now.getTime() - CLOSED_NOTICE_WINDOW_MS).toISOString(), at)) {
        const r = await load(id);
        // The report first: what is due released, so the mail's link shows it.
        if (r && (await closed(await settled(db, r)))) n++;
      }
      return n;
    },
  };
}

export type NoticesService = ReturnType<typeof noticesService>;
