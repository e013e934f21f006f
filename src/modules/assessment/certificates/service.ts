import { randomBytes } from 'node:crypto';
import type { DB } from '../../../db/database.ts';
import type { User } from '../../accounts/repository.ts';
import { audit } from '../../admin/repository.ts';
import type { RoundPage } from '../access.ts';
import { getPlan } from '../plans/repository.ts';
import { resultsOf } from '../report/results.ts';
import { coveredIndicators } from '../report/scoring.ts';
import { statusOf } from '../round.ts';
import * as repo from './repository.ts';
import type { Certificate, CertificateSummary } from './repository.ts';
import { certificateRules, setCertificateRules, type CertificateRules } from './rules.ts';

// Recognition. A centre earns a certificate for a finished round that covered enough indicators,
// each with enough 1–5 answers, once it has a development plan with at least one action; the
// numbers are settings. A certificate says what it was given for, as it was then (the summary is
// kept), and anyone can check it on a public page by its code.

export interface Eligibility {
  rules: CertificateRules;
  finished: boolean;
  covered: number;
  plan: boolean;
  eligible: boolean;
  certificate: Certificate | null;
}

/** Ten characters of Crockford's base 32 in two groups, e.g. "K7QM3-XPA2B": about 50 bits. */
function newCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b & 31]!).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function certificatesService(db: DB) {
  const forRound = (roundId: number): Promise<Certificate | null> => repo.certificateOfRound(db, roundId);

  async function eligibility(r: RoundPage): Promise<Eligibility & { results: Awaited<ReturnType<typeof resultsOf>> }> {
    const [rules, results, plan, certificate] = await Promise.all([
      certificateRules(db),
      resultsOf(db, r.loaded),
      getPlan(db, r.loaded.round.id),
      forRound(r.loaded.round.id),
    ]);
    const finished = statusOf(r.loaded.round) === 'closed';
    const covered = coveredIndicators(results, rules.minAnswers);
    const hasPlan = Boolean(plan && plan.actions.length > 0);
    return { rules, finished, covered, plan: hasPlan, eligible: finished && covered >= rules.minIndicators && hasPlan, certificate, results };
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

    /** The rules a round must meet, as they stand now. */
    rules: (): Promise<CertificateRules> => certificateRules(db),

    /** Changes the rules, recorded in the audit log; they apply to certificates issued from now on. */
    async setRules(user: User, rules: CertificateRules): Promise<void> {
      await setCertificateRules(db, rules);
      await audit(db, user, 'settings.certificate', 'self-assessment', rules);
    },

    /** Issues the round's certificate, once; the centre's administrators ask for it. */
    async issue(r: RoundPage): Promise<Certificate | 'forbidden' | 'not-eligible'> {
      if (!r.manage) return 'forbidden';
      const e = await eligibility(r);
      if (e.certificate) return e.certificate;
      if (!e.eligible) return 'not-eligible';
      const { round, version } = r.loaded;
      const summary: CertificateSummary = {
        centre: r.centre.name,
        country: r.centre.country,
        round: round.title,
        opensAt: round.opens_at,
        closedAt: round.closed_at ?? round.closes_at,
        framework: version.document.title,
        version: version.version,
        indicators: e.covered,
        responses: e.results.released,
        dimensions: e.results.dimensions.map((d) => ({ title: d.dimension.title, level: d.level })),
      };
      const issued = new Date().toISOString();
      for (;;) {
        const code = newCode();
        if (await repo.addCertificate(db, { code, centreId: r.centre.id, roundId: round.id, issuedAt: issued, summary }))
          return { code, issued_at: issued, revoked_at: null, summary };
        // Either the code was taken (draw another) or the round got its certificate meanwhile.
        const existing = await forRound(round.id);
        if (existing) return existing;
      }
    },
  };
}

export type CertificatesService = ReturnType<typeof certificatesService>;
