import { randomBytes } from 'node:crypto';
import type { DB } from '../../../db/database.ts';
import type { User } from '../../accounts/repository.ts';
import { audit } from '../../admin/repository.ts';
import type { RoundPage } from '../access.ts';
import { getPlan } from '../plans/repository.ts';
import { resultsOf } from '../report/results.ts';
import { coveredIndicators, type RoundResults } from '../report/scoring.ts';
import { lastDay, statusOf } from '../round.ts';
import * as repo from './repository.ts';
import type { Certificate, CertificateSummary } from './repository.ts';
import { certificateRules, checkRules, setCertificateRules, validUntil, type CertificateRules, type RoundFacts } from './rules.ts';

// Recognition. A centre earns a certificate for a round that meets every rule (rules.ts: closed,
// open long enough, enough groups with enough responses, enough statements with enough ratings, a
// plan with actions in every focus area); the numbers are settings. Its administrators see what
// the certificate will say and confirm before it is issued. A certificate says what it was given
// for, as it was then (the summary is kept), is valid for a period, and anyone can check it on a
// public page by its code; the centre may leave it off its public profile.

export interface Eligibility {
  rules: CertificateRules;
  facts: RoundFacts;
  eligible: boolean;
  certificate: Certificate | null;
}

export type CertificateStatus = 'valid' | 'expired' | 'withdrawn';

export function certificateStatus(c: Pick<Certificate, 'revoked_at' | 'expires_at'>, now = new Date()): CertificateStatus {
  if (c.revoked_at !== null) return 'withdrawn';
  return c.expires_at !== null && c.expires_at <= now.toISOString() ? 'expired' : 'valid';
}

/** What a certificate would say if it were issued now: for the preview, and what issuing keeps. */
export interface Draft {
  summary: CertificateSummary;
  issued_at: string;
  expires_at: string;
}

/** Ten characters of Crockford's base 32 in two groups, e.g. "K7QM3-XPA2B": about 50 bits. */
function newCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b & 31]!).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

// Whether every rule is met does not depend on the words the checklist uses.
const plainWords = { list: (xs: string[]) => xs.join(', '), group: (g: string) => g, title: (t: { en: string }) => t.en, date: (d: string) => d };

export function certificatesService(db: DB) {
  const forRound = (roundId: number): Promise<Certificate | null> => repo.certificateOfRound(db, roundId);

  async function eligibility(r: RoundPage): Promise<Eligibility & { results: RoundResults }> {
    const { round } = r.loaded;
    const [rules, results, plan, certificate] = await Promise.all([certificateRules(db), resultsOf(db, r.loaded), getPlan(db, round.id), forRound(round.id)]);
    const end = round.closed_at ?? round.closes_at;
    const criteria = new Map(r.loaded.version.document.dimensions.flatMap((d) => d.criteria).map((c) => [c.id, c]));
    const facts: RoundFacts = {
      closed: statusOf(round) === 'closed',
      closesOn: lastDay(round.closes_at),
      days: Math.max(0, Math.floor((Date.parse(end) - Date.parse(round.opens_at)) / 86_400_000)),
      minGroupSize: round.min_group_size,
      groups: results.groups.map((g) => ({ group: g.group, released: g.released })),
      covered: coveredIndicators(results, rules.minAnswers),
      focus: (plan?.focus ?? []).map((id) => ({
        id,
        title: criteria.get(id)?.title ?? { en: id },
        hasAction: plan!.actions.some((a) => a.criterion === id),
      })),
    };
    const eligible = checkRules(rules, facts, plainWords).every((c) => c.met);
    return { rules, facts, eligible, certificate, results };
  }

  function draftOf(r: RoundPage, e: Eligibility & { results: RoundResults }): Draft {
    const { round, version } = r.loaded;
    const issued = new Date().toISOString();
    return {
      issued_at: issued,
      expires_at: validUntil(issued, e.rules.validityMonths),
      summary: {
        centre: r.centre.name,
        country: r.centre.country,
        round: round.title,
        opensAt: round.opens_at,
        closedAt: round.closed_at ?? round.closes_at,
        framework: version.document.title,
        version: version.version,
        indicators: e.facts.covered,
        responses: e.results.released,
        dimensions: e.results.dimensions.map((d) => ({ title: d.dimension.title, level: d.level })),
      },
    };
  }

  return {
    eligibility,
    forRound,

    /** The newest certificates, for administrators. */
    recent: (limit = 200): Promise<Certificate[]> => repo.recentCertificates(db, limit),

    /** Withdraws a certificate, recorded in the audit log: its page and PDF say so from then on. 'missing' when there is none to withdraw. */
    async withdraw(user: User, code: string): Promise<'done' | 'missing'> {
      if (!(await repo.withdrawCertificate(db, code))) return 'missing';
      await audit(db, user, 'certificate.withdraw', `certificate:${code}`);
      return 'done';
    },

    byCode: (code: string): Promise<Certificate | null> => repo.certificateByCode(db, code),

    /** The certificates a centre's public profile lists: valid, and not hidden by the centre. */
    onProfile: (centreId: number): Promise<Certificate[]> => repo.profileCertificates(db, centreId),

    /** The rules a round must meet, as they stand now. */
    rules: (): Promise<CertificateRules> => certificateRules(db),

    /** Changes the rules, recorded in the audit log; they apply to certificates issued from now on. */
    async setRules(user: User, rules: CertificateRules): Promise<void> {
      await setCertificateRules(db, rules);
      await audit(db, user, 'settings.certificate', 'self-assessment', { ...rules });
    },

    /** What the round's certificate would say, for its administrators to confirm; the certificate itself once issued. */
    async preview(r: RoundPage): Promise<Draft | Certificate | 'forbidden' | 'not-eligible'> {
      if (!r.manage) return 'forbidden';
      const e = await eligibility(r);
      if (e.certificate) return e.certificate;
      if (!e.eligible) return 'not-eligible';
      return draftOf(r, e);
    },

    /** Issues the round's certificate, once; the centre's administrators ask for it after its preview. */
    async issue(r: RoundPage, user: User): Promise<Certificate | 'forbidden' | 'not-eligible'> {
      if (!r.manage) return 'forbidden';
      const e = await eligibility(r);
      if (e.certificate) return e.certificate;
      if (!e.eligible) return 'not-eligible';
      const draft = draftOf(r, e);
      const { round } = r.loaded;
      for (;;) {
        const code = newCode();
        if (
          await repo.addCertificate(db, {
            code,
            centreId: r.centre.id,
            roundId: round.id,
            issuedAt: draft.issued_at,
            expiresAt: draft.expires_at,
            summary: draft.summary,
          })
        ) {
          await audit(db, user, 'certificate.issue', `certificate:${code}`, { round: round.id });
          return { code, revoked_at: null, on_profile: true, ...draft };
        }
        // Either the code was taken (draw another) or the round got its certificate meanwhile.
        const existing = await forRound(round.id);
        if (existing) return existing;
      }
    },

    /** Lists the round's certificate on the centre's public profile, or leaves it off; recorded in the audit log. */
    async setOnProfile(r: RoundPage, user: User, onProfile: boolean): Promise<'done' | 'forbidden' | 'missing'> {
      if (!r.manage) return 'forbidden';
      if (!(await repo.setOnProfile(db, r.loaded.round.id, onProfile))) return 'missing';
      await audit(db, user, onProfile ? 'certificate.show' : 'certificate.hide', `round:${r.loaded.round.id}`);
      return 'done';
    },
  };
}

export type CertificatesService = ReturnType<typeof certificatesService>;
