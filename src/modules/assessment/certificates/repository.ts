import type { DB } from '../../../db/database.ts';
import type { Texts } from '../framework/document.ts';
import type { Level } from '../report/scoring.ts';

// The SQL of certificates, and of the rules for them (a row of the `settings` table). A
// certificate keeps a summary of what it was given for, as it was then.

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

const certificateColumns = ['code', 'issued_at', 'revoked_at', 'summary'] as const;
const fromRow = (r: { code: string; issued_at: string; revoked_at: string | null; summary: string }): Certificate => ({
  code: r.code,
  issued_at: r.issued_at,
  revoked_at: r.revoked_at,
  summary: JSON.parse(r.summary) as CertificateSummary,
});

export async function certificateOfRound(db: DB, roundId: number): Promise<Certificate | null> {
  const row = await db.selectFrom('certificates').select(certificateColumns).where('round_id', '=', roundId).executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function certificateByCode(db: DB, code: string): Promise<Certificate | null> {
  const row = await db.selectFrom('certificates').select(certificateColumns).where('code', '=', code.toUpperCase()).executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function recentCertificates(db: DB, limit: number): Promise<Certificate[]> {
  const rows = await db.selectFrom('certificates').select(certificateColumns).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(fromRow);
}

/** Adds a certificate; false when its code, or its round, has one already. */
export async function addCertificate(
  db: DB,
  c: { code: string; centreId: number; roundId: number; issuedAt: string; summary: CertificateSummary },
): Promise<boolean> {
  const row = await db
    .insertInto('certificates')
    .values({ code: c.code, centre_id: c.centreId, round_id: c.roundId, issued_at: c.issuedAt, summary: JSON.stringify(c.summary) })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks a certificate withdrawn; false when there is none to withdraw. */
export async function withdrawCertificate(db: DB, code: string): Promise<boolean> {
  const r = await db
    .updateTable('certificates')
    .set({ revoked_at: new Date().toISOString() })
    .where('code', '=', code.toUpperCase())
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

const RULES_KEY = 'assessment.certificate';

/** The stored certificate rules as JSON text, or null when administrators never changed them. */
export async function storedRules(db: DB): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', RULES_KEY).executeTakeFirst();
  return row?.value ?? null;
}

export async function storeRules(db: DB, value: string): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('settings')
    .values({ key: RULES_KEY, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}
