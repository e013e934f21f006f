import type { DB } from '../../../db/database.ts';
import { storedRules, storeRules } from './repository.ts';
import { certificateRulesForm } from './schemas.ts';

// The certificate rules: how many indicators a finished round must cover, and how many 1–5
// ratings an indicator needs to count (never fewer than the anonymity threshold,
// report/anonymity.ts). Administrators change them (/{lang}/admin/self-assessment/settings); they
// are read at the moment a certificate is asked for, and stored ones that no longer check out
// give way to the defaults.

export const certificateDefaults = { minIndicators: 50, minAnswers: 3 };
export type CertificateRules = typeof certificateDefaults;

export async function certificateRules(db: DB): Promise<CertificateRules> {
  const value = await storedRules(db);
  if (value === null) return certificateDefaults;
  const parsed = certificateRulesForm.safeParse(JSON.parse(value));
  return parsed.success ? parsed.data : certificateDefaults;
}

export async function setCertificateRules(db: DB, rules: CertificateRules): Promise<void> {
  await storeRules(db, JSON.stringify(rules));
}
