import { z } from 'zod';
import type { DB } from '../../db/database.ts';

// Self-assessment settings administrators may change: what a round must reach for a certificate.
// Kept in the `settings` table, read at the moment they apply.

export const certificateDefaults = { minIndicators: 50, minAnswers: 3 };
export type CertificateRules = typeof certificateDefaults;

export const certificateRulesForm = z.object({
  minIndicators: z.coerce.number({ error: 'settings.error.number' }).int({ error: 'settings.error.number' }).min(1, { error: 'settings.error.number' }).max(500, { error: 'settings.error.number' }),
  minAnswers: z.coerce.number({ error: 'settings.error.number' }).int({ error: 'settings.error.number' }).min(3, { error: 'settings.error.minAnswers' }).max(1000, { error: 'settings.error.number' }),
});

const KEY = 'assessment.certificate';

export async function certificateRules(db: DB): Promise<CertificateRules> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return certificateDefaults;
  const parsed = certificateRulesForm.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : certificateDefaults;
}

export async function setCertificateRules(db: DB, rules: CertificateRules): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('settings')
    .values({ key: KEY, value: JSON.stringify(rules), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(rules), updated_at: now }))
    .execute();
}
