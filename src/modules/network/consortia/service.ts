import type { DB } from '../../../db/database.ts';
import { siteLang } from '../../../i18n/languages.ts';
import { translator } from '../../../i18n/messages.ts';
import type { Mailer } from '../../accounts/mail.ts';
import type { User } from '../../accounts/repository.ts';
import type { CentreType } from '../../centres/lists.ts';
import { centreAdmins, type CentreRow } from '../../centres/repository.ts';
import type { Access, CentresService } from '../../centres/service.ts';
import { evaluate, type RuleResult } from '../consortium/checklist.ts';
import { kindOfCentreType, type PartnerKind } from '../consortium/partner-kinds.ts';
import { currentRuleSet, ruleSets } from '../consortium/rules/index.ts';
import type { RuleSet } from '../consortium/rules/schema.ts';
import * as repo from './repository.ts';
import { MATCHES_SHOWN, type OutsideForm, type StartForm } from './schemas.ts';

// The consortium builder's rules. A consortium is never public: it is reached under the address
// of the centre that coordinates it (its administrators edit, its members read) or of a centre
// invited to it (its administrators read and answer). Anyone else, and any address that pairs a
// centre with a consortium it has nothing to do with, finds nothing (routes answer 404), so no one
// learns that a consortium exists. Every change starts with a one-line access check; results are
// values.

/** Which side of a consortium the address's centre is on. */
export type Side = 'coordinator' | 'partner';

// Policies, by the person's role in the centre the address names (and platform administrators).
export const canList = (user: User, role: Access) => role !== null || user.role === 'admin';
export const canStart = (user: User, role: Access) => role === 'admin' || user.role === 'admin';
export const canRead = (user: User, side: Side, role: Access) => (side === 'coordinator' ? role !== null : role === 'admin') || user.role === 'admin';
export const canEdit = (user: User, side: Side, role: Access) => side === 'coordinator' && (role === 'admin' || user.role === 'admin');
export const canAnswer = (user: User, side: Side, role: Access) => side === 'partner' && (role === 'admin' || user.role === 'admin');

export type Result = 'done' | 'forbidden' | 'missing';

/** What the consortium's page, its CSV and its PDF show. */
export interface ConsortiumPage {
  consortium: repo.ConsortiumRow;
  /** the centre the address names: the coordinator, or a centre invited to the consortium */
  centre: CentreRow;
  side: Side;
  edit: boolean;
  answer: boolean;
  /** the coordinating centre's row: the first partner */
  coordinator: repo.Partner;
  /** an invited centre's own row, on its side */
  own: repo.Partner | null;
  partners: repo.Partner[];
  rules: RuleSet;
  results: RuleResult[];
}

/** A centre found by the search for partners, and whether it can be invited. */
export interface Match {
  id: number;
  name: string;
  country: string;
  city: string;
  state: 'invite' | 'own' | 'partner';
}

export interface ConsortiaList {
  centre: CentreRow;
  manage: boolean;
  coordinated: { consortium: repo.ConsortiumRow; partners: number; met: number; rules: number }[];
  /** consortia other centres invited this one to (for its administrators) */
  invitations: Awaited<ReturnType<typeof repo.invitationsTo>>;
}

const kindOf = (type: string): PartnerKind => kindOfCentreType[type as CentreType] ?? 'other';
const rulesOf = (c: repo.ConsortiumRow): RuleSet => ruleSets.get(c.rules) ?? currentRuleSet;

export function consortiaService(db: DB, o: { centres: CentresService; mailer: Mailer; baseUrl: string }) {
  /** The consortium under a centre's address, and which side that centre is on (null: they have nothing to do with each other). */
  async function load(user: User, slug: string, id: number) {
    const found = await o.centres.load(slug, user);
    if (!found) return null;
    const consortium = await repo.findConsortium(db, id);
    if (!consortium) return null;
    if (consortium.centre_id === found.centre.id) return { ...found, consortium, side: 'coordinator' as Side, own: null };
    const own = await repo.partnerRow(db, id, found.centre.id);
    return own ? { ...found, consortium, side: 'partner' as Side, own } : null;
  }
  type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

  async function pageOf(user: User, x: Loaded): Promise<ConsortiumPage> {
    const partners = (await repo.partnersOf(db, [x.consortium.id])).get(x.consortium.id)!;
    const rules = rulesOf(x.consortium);
    return {
      consortium: x.consortium,
      centre: x.centre,
      side: x.side,
      edit: canEdit(user, x.side, x.access),
      answer: canAnswer(user, x.side, x.access),
      coordinator: partners[0]!,
      own: x.side === 'partner' ? (partners.find((p) => p.centreId === x.centre.id) ?? null) : null,
      partners,
      rules,
      results: evaluate(rules.rules, partners),
    };
  }

  /** Tells the invited centre's administrators, each in their language, with the way to answer. */
  async function tellInvited(trx: DB, x: Loaded, invited: { id: number; slug: string; name: string }, full: boolean) {
    for (const admin of await centreAdmins(trx, invited.id)) {
      const lang = siteLang(admin.lang);
      const t = translator(lang);
      await o.mailer.send(
        {
          to: admin.email,
          subject: t('consortium.mail.subject', { coordinator: x.centre.name }),
          body: t('consortium.mail.body', {
            name: admin.name,
            coordinator: x.centre.name,
            centre: invited.name,
            title: x.consortium.title,
            full: full ? 'yes' : 'no',
            link: `${o.baseUrl}/${lang}/account/centres/${invited.slug}/consortia/${x.consortium.id}`,
          }),
        },
        { trx },
      );
    }
  }

  return {
    async list(user: User, slug: string): Promise<ConsortiaList | null> {
      const found = await o.centres.load(slug, user);
      if (!found || !canList(user, found.access)) return null;
      const manage = canStart(user, found.access);
      const coordinated = await repo.coordinatedBy(db, found.centre.id);
      const partners = await repo.partnersOf(
        db,
        coordinated.map((c) => c.id),
      );
      return {
        centre: found.centre,
        manage,
        coordinated: coordinated.map((consortium) => {
          const all = partners.get(consortium.id) ?? [];
          const results = evaluate(rulesOf(consortium).rules, all);
          return { consortium, partners: all.length, met: results.filter((r) => r.met).length, rules: results.length };
        }),
        invitations: manage ? await repo.invitationsTo(db, found.centre.id) : [],
      };
    },

    async start(user: User, slug: string, form: StartForm): Promise<{ id: number } | 'forbidden' | 'missing'> {
      const found = await o.centres.load(slug, user);
      if (!found) return 'missing';
      if (!canStart(user, found.access)) return 'forbidden';
      const { title, description, rules } = form;
      return {
        id: await repo.createConsortium(db, { centreId: found.centre.id, title, description, rules, userId: user.id, kind: kindOf(found.centre.type) }),
      };
    },

    /** Whether the person may change the consortium: routes ask before they read a form. */
    async mayEdit(user: User, slug: string, id: number): Promise<Result> {
      const x = await load(user, slug, id);
      if (!x) return 'missing';
      return canEdit(user, x.side, x.access) ? 'done' : 'forbidden';
    },

    /** Whether the person may answer the consortium's invitation for the centre. */
    async mayAnswer(user: User, slug: string, id: number): Promise<Result> {
      const x = await load(user, slug, id);
      if (!x) return 'missing';
      return canAnswer(user, x.side, x.access) ? 'done' : 'forbidden';
    },

    /** Whether the person may start a consortium for the centre. */
    async mayStart(user: User, slug: string): Promise<Result> {
      const found = await o.centres.load(slug, user);
      if (!found) return 'missing';
      return canStart(user, found.access) ? 'done' : 'forbidden';
    },

    async page(user: User, slug: string, id: number): Promise<ConsortiumPage | null> {
      const x = await load(user, slug, id);
      if (!x || !canRead(user, x.side, x.access)) return null;
      return pageOf(user, x);
    },

    /** Published centres whose name has `q`, for those who edit the consortium; each marked by whether it can be invited. */
    async matches(p: ConsortiumPage, q: string): Promise<Match[]> {
      if (!p.edit || !q) return [];
      const inside = new Set(p.partners.map((x) => x.centreId));
      return (await repo.searchCentres(db, q, MATCHES_SHOWN)).map((c) => ({
        id: c.id,
        name: c.name,
        country: c.country,
        city: c.city,
        state: c.id === p.consortium.centre_id ? 'own' : inside.has(c.id) ? 'partner' : 'invite',
      }));
    },

    async invite(user: User, slug: string, id: number, centreId: number, full: boolean): Promise<Result | 'no-centre' | 'own-centre' | 'already'> {
      const x = await load(user, slug, id);
      if (!x) return 'missing';
      if (!canEdit(user, x.side, x.access)) return 'forbidden';
      const invited = await repo.publishedCentre(db, centreId);
      if (!invited) return 'no-centre';
      if (invited.id === x.consortium.centre_id) return 'own-centre';
      if (await repo.partnerRow(db, id, invited.id)) return 'already';
      try {
        await db.transaction().execute(async (trx) => {
          await repo.addCentre(trx, { consortiumId: id, centreId: invited.id, kind: kindOf(invited.type), full, userId: user.id });
          await tellInvited(trx, x, invited, full);
        });
      } catch (error) {
        // Invited twice at once: the second insert breaks the one-row-per-centre index.
        if (await repo.partnerRow(db, id, invited.id)) return 'already';
        throw error;
      }
      return 'done';
    },

    async addOutside(user: User, slug: string, id: number, form: OutsideForm): Promise<Result> {
      const x = await load(user, slug, id);
      if (!x) return 'missing';
      if (!canEdit(user, x.side, x.access)) return 'forbidden';
      await repo.addOutside(db, {
        consortiumId: id,
        name: form.name,
        country: form.country,
        kind: form.kind,
        full: form.role,
        eqfLevels: form.eqf,
        pic: form.pic,
        userId: user.id,
      });
      return 'done';
    },

    /** Takes a partner out (an invited centre, whatever its answer, or an outside organisation); never the coordinator. */
    async removePartner(user: User, slug: string, id: number, partnerId: number): Promise<Result> {
      const x = await load(user, slug, id);
      if (!x) return 'missing';
      if (!canEdit(user, x.side, x.access)) return 'forbidden';
      return (await repo.removePartner(db, id, partnerId, x.consortium.centre_id)) ? 'done' : 'missing';
    },

    /** An invited centre accepts or declines; one that accepted may still withdraw (decline). */
    async answer(user: User, slug: string, id: number, answer: 'accept' | 'decline'): Promise<Result | 'unchanged'> {
      const x = await load(user, slug, id);
      if (!x) return 'missing';
      if (!canAnswer(user, x.side, x.access)) return 'forbidden';
      const own = x.own!.id;
      const changed =
        answer === 'accept' ? await repo.answer(db, own, ['invited'], 'accepted') : await repo.answer(db, own, ['invited', 'accepted'], 'declined');
      return changed ? 'done' : 'unchanged';
    },
  };
}

export type ConsortiaService = ReturnType<typeof consortiaService>;
