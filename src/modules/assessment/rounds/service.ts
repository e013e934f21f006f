import type { DB } from '../../../db/database.ts';
import type { FieldError } from '../../../http/forms.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { translator } from '../../../i18n/messages.ts';
import { limits, rateLimiter } from '../../../platform/rate-limits/rate-limits.ts';
import type { Mailer } from '../../accounts/mail.ts';
import type { User } from '../../accounts/repository.ts';
import * as centresRepo from '../../centres/repository.ts';
import { roundAccess, type RoundPage } from '../access.ts';
import { certificateRules } from '../certificates/rules.ts';
import { indicatorsOf } from '../framework/document.ts';
import type { StakeholderGroup } from '../framework/format.ts';
import { currentVersion, DEFAULT_FRAMEWORK, type FrameworkVersion } from '../framework/repository.ts';
import { roundsOf } from '../repository.ts';
import { settled } from '../report/results.ts';
import { pagesFor } from '../questionnaire/pages.ts';
import { lastDay, loadRound, statusOf } from '../round.ts';
import { minutesFor } from '../timing.ts';
import * as rr from './repository.ts';
import { MAX_OWN, type RoundForm } from './schemas.ts';
import { digest, newSalt, showCode, tokens } from './tokens.ts';

// The centre's side of rounds: centre administrators (and platform administrators) start, close,
// extend, share and delete them. Each function checks access first (access.ts) and answers
// 'missing' for anything the person may not see, so nobody learns that a round of another centre
// exists.

/** The start of a day, and the end of another, in UTC. */
export const dayStart = (date: string) => `${date}T00:00:00.000Z`;
export const dayEnd = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();

export function roundsService(db: DB, secret: string, mailer: Mailer, baseUrl: string) {
  const rates = rateLimiter(db);
  const tk = tokens(secret);
  const { centreFor, roundFor } = roundAccess(db);

  /** The round a centre administrator may change, or why not. */
  async function managed(user: User, slug: string, id: number): Promise<RoundPage | 'missing' | 'forbidden'> {
    const r = await roundFor(user, slug, id);
    if (!r) return 'missing';
    return r.manage ? r : 'forbidden';
  }

  return {
    centreFor,
    roundFor,
    framework: (): Promise<FrameworkVersion | null> => currentVersion(db, DEFAULT_FRAMEWORK),
    list: (centreId: number) => roundsOf(db, centreId),
    unsent: (roundId: number) => rr.unsentCounts(db, roundId),
    linkOf: (salt: string) => tk.link(salt),
    /** a group's short code, as shown (ABCD-EFGH) */
    codeOf: (salt: string) => showCode(tk.groupCode(salt)),
    /** Gives groups made before short codes existed the hash of theirs (at start-up: only the server has the secret). */
    async backfillCodes(): Promise<number> {
      const missing = await rr.groupsWithoutCode(db);
      for (const g of missing) await rr.setCodeHash(db, g.round_id, g.grp, digest(tk.groupCode(g.link_salt)));
      return missing.length;
    },
    /** the certificate's minimum number of statements, as its settings say now */
    minIndicators: async (): Promise<number> => (await certificateRules(db)).minIndicators,
    /** the centres the person administers, to start a round in */
    managedCentres: async (user: User): Promise<{ slug: string; name: string }[]> =>
      (await centresRepo.centresOf(db, user.id)).filter((c) => c.role === 'admin').map((c) => ({ slug: c.slug, name: c.name })),

    /**
     * Starts a round on the current framework version, with the target number of responses of
     * each group (checked by schemas.targetsOf). Problems come back as field errors: no indicator,
     * no group, an indicator none of the chosen groups is asked, dates in the wrong order or a
     * closing date already past.
     */
    async create(
      user: User,
      slug: string,
      form: RoundForm,
      lang: Lang,
      targets: Partial<Record<StakeholderGroup, number>> = {},
    ): Promise<{ id: number } | { errors: FieldError[] } | 'missing' | 'forbidden'> {
      const c = await centreFor(user, slug);
      if (!c) return 'missing';
      if (!c.manage) return 'forbidden';
      const version = await currentVersion(db, DEFAULT_FRAMEWORK);
      if (!version) return 'missing';
      const errors: FieldError[] = [];
      const byId = new Map(indicatorsOf(version.document).map((i) => [i.id, i]));
      const chosen = [...new Set(form.indicators)];
      const groups = [...new Set(form.groups)] as StakeholderGroup[];
      const unknown = chosen.filter((id) => !byId.has(id));
      if (unknown.length) errors.push({ field: 'indicators', key: 'round.error.unknownIndicators' });
      const unasked = chosen.filter((id) => byId.has(id) && !byId.get(id)!.groups.some((g) => groups.includes(g)));
      if (unasked.length && !unknown.length) errors.push({ field: 'indicators', key: 'round.error.unasked', values: { n: unasked.length } });
      const hasOwn = [form.own1, form.own2, form.own3, form.own4, form.own5, form.own6, form.own7, form.own8].some((s) => s !== '');
      const idle = groups.filter((g) => !hasOwn && !chosen.some((id) => byId.get(id)?.groups.includes(g)));
      if (idle.length && !unknown.length) errors.push({ field: 'groups', key: 'round.error.idleGroups', values: { n: idle.length } });
      if (dayEnd(form.closes) <= new Date().toISOString()) errors.push({ field: 'closes', key: 'round.error.closesPast' });
      if (errors.length) return { errors };
      const own = [form.own1, form.own2, form.own3, form.own4, form.own5, form.own6, form.own7, form.own8].filter((s) => s !== '').slice(0, MAX_OWN);
      // Indicators in the framework's order, whatever order the form sent them in.
      const order = indicatorsOf(version.document).map((i) => i.id);
      const id = await rr.createRound(db, {
        centreId: c.centre.id,
        versionId: version.id,
        title: form.title,
        opensAt: dayStart(form.opens),
        closesAt: dayEnd(form.closes),
        minGroupSize: form.minGroupSize,
        indicators: order.filter((i) => chosen.includes(i)),
        own: own.map((text) => ({ text, lang })),
        groups: groups.map((grp) => {
          const salt = newSalt();
          const access = form.invited.includes(grp) ? ('invitation' as const) : ('link' as const);
          return { grp, salt, hash: digest(tk.link(salt)), codeHash: digest(tk.groupCode(salt)), access, target: targets[grp] ?? null };
        }),
        createdBy: user.id,
      });
      return { id };
    },

    /**
     * Closes a round now: nobody can answer any more, invited people's addresses are erased, and
     * what is due is released to the report (docs/decisions/0006).
     */
    async close(user: User, slug: string, id: number): Promise<'done' | 'missing' | 'forbidden' | 'closed'> {
      const r = await managed(user, slug, id);
      if (typeof r === 'string') return r;
      if (statusOf(r.loaded.round) === 'closed') return 'closed';
      await rr.setDates(db, id, { closed_at: new Date().toISOString() });
      const closed = await loadRound(db, id);
      if (closed) await settled(db, closed);
      return 'done';
    },

    /** Moves the closing date; a round closed early opens again if the new date is still to come. */
    async extend(user: User, slug: string, id: number, closes: string): Promise<'done' | 'missing' | 'forbidden' | 'past' | 'before-open'> {
      const r = await managed(user, slug, id);
      if (typeof r === 'string') return r;
      const closesAt = dayEnd(closes);
      if (closesAt <= new Date().toISOString()) return 'past';
      if (closesAt <= r.loaded.round.opens_at) return 'before-open';
      await rr.setDates(db, id, { closes_at: closesAt, closed_at: null });
      return 'done';
    },

    /** A new link for a group: the old one stops working at once (a link shared too widely). */
    async replaceLink(user: User, slug: string, id: number, group: StakeholderGroup): Promise<'done' | 'missing' | 'forbidden'> {
      const r = await managed(user, slug, id);
      if (typeof r === 'string') return r;
      if (!r.loaded.groups.some((g) => g.group === group)) return 'missing';
      const salt = newSalt();
      await rr.replaceLink(db, id, group, salt, digest(tk.link(salt)), digest(tk.groupCode(salt)));
      return 'done';
    },

    /**
     * Sends a group's link to a list of addresses, one mail each, in the person's language (or
     * `lang`), with the centre's message. The addresses are not kept: nothing ties a person to a
     * response.
     */
    async mailLink(
      user: User,
      slug: string,
      id: number,
      group: StakeholderGroup,
      people: { email: string; lang: Lang | null }[],
      lang: Lang,
      message = '',
    ): Promise<'done' | 'missing' | 'forbidden' | 'closed' | 'limited'> {
      const r = await managed(user, slug, id);
      if (typeof r === 'string') return r;
      const g = r.loaded.groups.find((x) => x.group === group);
      if (!g || g.access === 'invitation') return 'missing';
      if (statusOf(r.loaded.round) === 'closed') return 'closed';
      // The platform's mail must not become a way to send a great deal of it.
      if (await rates.count(`survey-mail:${user.id}`, limits.surveyMailPerPerson)) return 'limited';
      const minutes = minutesFor(pagesFor(r.loaded.version.document, r.loaded.indicators, r.loaded.own, group));
      for (const p of people) {
        const l = p.lang ?? lang;
        const t = translator(l);
        await mailer.send({
          to: p.email,
          subject: t('mail.survey.subject', { centre: r.centre.name }),
          body: t('mail.survey.body', {
            minutes,
            centre: r.centre.name,
            sender: user.name,
            message: message ? `\n\n${message}` : '',
            link: `${baseUrl}/${l}/survey/${tk.link(g.salt)}`,
            closes: new Intl.DateTimeFormat(l, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(lastDay(r.loaded.round.closes_at))),
          }),
        });
      }
      return 'done';
    },

    /** Deletes a round nobody has sent answers to yet (one started by mistake). */
    async remove(user: User, slug: string, id: number): Promise<'done' | 'missing' | 'forbidden' | 'has-answers'> {
      const r = await managed(user, slug, id);
      if (typeof r === 'string') return r;
      if (r.loaded.groups.some((g) => g.sent > 0)) return 'has-answers';
      await rr.deleteRound(db, id);
      return 'done';
    },
  };
}

export type RoundsService = ReturnType<typeof roundsService>;
