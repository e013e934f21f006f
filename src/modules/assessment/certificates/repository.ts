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
  /** the end of its validity period (null: no end, only in rows written by hand) */
  expires_at: string | null;
  /** listed on the centre's public profile */
  on_profile: boolean;
  summary: CertificateSummary;
}

const certificateColumns = ['code', 'issued_at', 'revoked_at', 'expires_at', 'on_profile', 'summary'] as const;
const fromRow = (r: {
  code: string;
  issued_at: string;
  revoked_at: string | null;
  expires_at: string | null;
  on_profile: number;
  summary: string;
}): Certificate => ({
  code: r.code,
  issued_at: r.issued_at,
  revoked_at: r.revoked_at,
  expires_at: r.expires_at,
  on_profile: Number(r.on_profile) === 1,
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

/** A centre's certificates for its public profile: valid now (neither withdrawn nor expired) and not hidden by the centre, newest first. */
export async function profileCertificates(db: DB, centreId: number, now = new Date()): Promise<Certificate[]> {
  const rows = await db
    .selectFrom('certificates')
    .select(certificateColumns)
    .where('centre_id', '=', centreId)
    .where('on_profile', '=', 1)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.toISOString())]))
    .orderBy('id', 'desc')
    .execute();
  return rows.map(fromRow);
}

/** Lists a round's certificate on the centre's profile, or leaves it off; false when the round has none. */
export async function setOnProfile(db: DB, roundId: number, onProfile: boolean): Promise<boolean> {
  const r = await db
    .updateTable('certificates')
    .set({ on_profile: onProfile ? 1 : 0 })
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Adds a certificate; false when its code, or its round, has one already. */
export async function addCertificate(
  db: DB,
  c: { code: string; centreId: number; roundId: number; issuedAt: string; expiresAt: string; summary: CertificateSummary },
): Promise<boolean> {
  const row = await db
    .insertInto('certificates')
    .values({
      code: c.code,
      centre_id: c.centreId,
      round_id: c.roundId,
      issued_at: c.issuedAt,
      expires_at: c.expiresAt,
      summary: JSON.stringify(c.summary),
    })
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
