import { randomBytes } from 'node:crypto';
import type { DB } from '../../db/database.ts';
import type { Texts } from './framework/document.ts';
import { getPlan } from './plans/repository.ts';
import { resultsOf } from './report/results.ts';
import { statusOf } from './round.ts';
import type { RoundPage } from './access.ts';
import { coveredIndicators, type Level } from './report/scoring.ts';
import { certificateRules, type CertificateRules } from './settings.ts';

// Recognition. A centre earns a certificate for a finished round that covered enough indicators,
// each with enough 1–5 answers, once it has a development plan with at least one action; the
// numbers are settings. A certificate says what it was given for, as it was then (the summary is
// kept), and anyone can check it on a public page by its code.

export interface CertificateSummary {
  centre: string;
  country: string;
  round: string;
  opensAt: string;
  closedAt: string;
  framework: Texts;
  version: number;
  indicators: number;
  responses: number;
  dimensions: { title: Texts; level: Level | null }[];
}

export interface Certificate {
  code: string;
  issued_at: string;
  revoked_at: string | null;
  summary: CertificateSummary;
}

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

const certificateColumns = ['code', 'issued_at', 'revoked_at', 'summary'] as const;
const fromRow = (r: { code: string; issued_at: string; revoked_at: string | null; summary: string }): Certificate => ({ code: r.code, issued_at: r.issued_at, revoked_at: r.revoked_at, summary: JSON.parse(r.summary) as CertificateSummary });

export function certificatesService(db: DB) {
  async function forRound(roundId: number): Promise<Certificate | null> {
    const row = await db.selectFrom('certificates').select(certificateColumns).where('round_id', '=', roundId).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async function eligibility(r: RoundPage): Promise<Eligibility & { results: Awaited<ReturnType<typeof resultsOf>> }> {
    const [rules, results, plan, certificate] = await Promise.all([certificateRules(db), resultsOf(db, r.loaded), getPlan(db, r.loaded.round.id), forRound(r.loaded.round.id)]);
    const finished = statusOf(r.loaded.round) === 'closed';
    const covered = coveredIndicators(results, rules.minAnswers);
    const hasPlan = Boolean(plan && plan.actions.length > 0);
    return { rules, finished, covered, plan: hasPlan, eligible: finished && covered >= rules.minIndicators && hasPlan, certificate, results };
  }

  return {
    eligibility,
    forRound,

    /** The newest certificates, for administrators. */
    async recent(limit = 200): Promise<Certificate[]> {
      const rows = await db.selectFrom('certificates').select(certificateColumns).orderBy('id', 'desc').limit(limit).execute();
      return rows.map(fromRow);
    },

    /** Withdraws a certificate: its page and PDF say so from then on. False when there is none to withdraw. */
    async withdraw(code: string): Promise<boolean> {
      const r = await db.updateTable('certificates').set({ revoked_at: new Date().toISOString() }).where('code', '=', code.toUpperCase()).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async byCode(code: string): Promise<Certificate | null> {
      const row = await db.selectFrom('certificates').select(certificateColumns).where('code', '=', code.toUpperCase()).executeTakeFirst();
      return row ? fromRow(row) : null;
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
        responses: e.results.sent,
        dimensions: e.results.dimensions.map((d) => ({ title: d.dimension.title, level: d.level })),
      };
      const issued = new Date().toISOString();
      for (;;) {
        const code = newCode();
        const row = await db
          .insertInto('certificates')
          .values({ code, centre_id: r.centre.id, round_id: round.id, issued_at: issued, summary: JSON.stringify(summary) })
          .onConflict((oc) => oc.doNothing())
          .returning('id')
          .executeTakeFirst();
        if (row) return { code, issued_at: issued, revoked_at: null, summary };
        // Either the code was taken (draw another) or the round got its certificate meanwhile.
        const existing = await forRound(round.id);
        if (existing) return existing;
      }
    },
  };
}

export type CertificatesService = ReturnType<typeof certificatesService>;
