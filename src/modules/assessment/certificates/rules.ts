import type { DB } from '../../../db/database.ts';
import type { Values } from '../../../i18n/messages.ts';
import type { Texts } from '../framework/document.ts';
import type { StakeholderGroup } from '../framework/format.ts';
import { storedRules, storeRules } from './repository.ts';
import { certificateRulesForm } from './schemas.ts';

// The certificate rules and their checks. Administrators change the rules
// (/{lang}/admin/self-assessment/settings); they are read at the moment a round's page, its
// preview or its certificate is asked for. A stored value that no longer checks out gives way to
// its default, as does one that was never stored (rules added later). The checks are pure: each
// says whether its rule is met and, if not, what is missing, as messages for the centre's
// checklist.

export interface CertificateRules {
  /** days the round was open, from its opening to its (early or planned) close */
  minDays: number;
  /** groups that reached the round's anonymity threshold (its minimum number of responses) */
  minGroups: number;
  /** groups that must be among them */
  requiredGroups: StakeholderGroup[];
  /** statements with enough ratings, all groups together */
  minIndicators: number;
  /** 1–5 ratings a statement needs to count (never fewer than the anonymity threshold) */
  minAnswers: number;
  /** how long a certificate is valid */
  validityMonths: number;
}

export const certificateDefaults: CertificateRules = {
  minDays: 14,
  minGroups: 3,
  requiredGroups: ['learners', 'companies'],
  minIndicators: 50,
  minAnswers: 3,
  validityMonths: 24,
};

export async function certificateRules(db: DB): Promise<CertificateRules> {
  const value = await storedRules(db);
  if (value === null) return certificateDefaults;
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(value) as Record<string, unknown>;
  } catch {
    return certificateDefaults;
  }
  if (typeof stored !== 'object' || stored === null) return certificateDefaults;
  const rules = { ...certificateDefaults };
  for (const key of Object.keys(certificateDefaults) as (keyof CertificateRules)[]) {
    if (!(key in stored)) continue;
    const one = certificateRulesForm.shape[key].safeParse(stored[key]);
    if (one.success) Object.assign(rules, { [key]: one.data });
  }
  return rules;
}

export async function setCertificateRules(db: DB, rules: CertificateRules): Promise<void> {
  await storeRules(db, JSON.stringify(rules));
}

/** The end of a certificate's validity: `months` after it was issued. */
export function validUntil(issuedAt: string, months: number): string {
  const d = new Date(issuedAt);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  // 29 February plus a year is 28 February, not 1 March.
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString();
}

/** What the checks look at: the round as it stands. */
export interface RoundFacts {
  closed: boolean;
  /** the last day it is (or was) open, for the "still open" message */
  closesOn: string;
  /** whole days from opening to the early or planned close */
  days: number;
  /** the round's anonymity threshold */
  minGroupSize: number;
  /** its groups and the responses each has released to the centre */
  groups: { group: StakeholderGroup; released: number }[];
  /** statements with enough ratings */
  covered: number;
  /** the plan's focus areas (criteria) in order, and whether each has an action */
  focus: { id: string; title: Texts; hasAction: boolean }[];
}

export interface Message {
  key: string;
  values?: Values;
}

export type RuleId = 'closed' | 'days' | 'groups' | 'statements' | 'plan';

export interface RuleCheck {
  id: RuleId;
  met: boolean;
  /** the rule, as the checklist states it */
  rule: Message;
  /** what is missing, empty when met */
  missing: Message[];
}

/** How the checks name things in the reader's language. */
export interface Words {
  /** joins names as the language does ("A, B and C") */
  list: (names: string[]) => string;
  group: (g: StakeholderGroup) => string;
  title: (t: Texts) => string;
  date: (iso: string) => string;
}

/** Each rule checked against the round. */
export function checkRules(rules: CertificateRules, f: RoundFacts, w: Words): RuleCheck[] {
  const { list } = w;
  const groupName = w.group;
  const check = (id: RuleId, rule: Message, missing: Message[]): RuleCheck => ({ id, met: missing.length === 0, rule, missing });
  const reached = f.groups.filter((g) => g.released >= f.minGroupSize).map((g) => g.group);
  const notReached = rules.requiredGroups.filter((g) => !reached.includes(g));
  const needed = Math.max(0, rules.minGroups - reached.length);
  const groupsMissing: Message[] = [];
  if (needed > 0) groupsMissing.push({ key: 'certificate.missing.groups', values: { reached: reached.length, needed } });
  if (notReached.length > 0) groupsMissing.push({ key: 'certificate.missing.requiredGroups', values: { groups: list(notReached.map(groupName)) } });
  const withoutAction = f.focus.filter((x) => !x.hasAction);
  const planMissing: Message[] =
    f.focus.length === 0
      ? [{ key: 'certificate.missing.focus' }]
      : withoutAction.length > 0
        ? [{ key: 'certificate.missing.actions', values: { areas: list(withoutAction.map((x) => w.title(x.title))) } }]
        : [];
  return [
    check('closed', { key: 'certificate.rule.closed' }, f.closed ? [] : [{ key: 'certificate.missing.closed', values: { date: w.date(f.closesOn) } }]),
    check(
      'days',
      { key: 'certificate.rule.days', values: { min: rules.minDays } },
      f.days >= rules.minDays ? [] : [{ key: 'certificate.missing.days', values: { days: f.days, more: rules.minDays - f.days } }],
    ),
    check(
      'groups',
      rules.requiredGroups.length > 0
        ? { key: 'certificate.rule.groups', values: { min: rules.minGroups, size: f.minGroupSize, groups: list(rules.requiredGroups.map(groupName)) } }
        : { key: 'certificate.rule.groupsAny', values: { min: rules.minGroups, size: f.minGroupSize } },
      groupsMissing,
    ),
    check(
      'statements',
      { key: 'certificate.rule.statements', values: { min: rules.minIndicators, answers: rules.minAnswers } },
      f.covered >= rules.minIndicators
        ? []
        : [{ key: 'certificate.missing.statements', values: { covered: f.covered, more: rules.minIndicators - f.covered } }],
    ),
    check('plan', { key: 'certificate.rule.plan' }, planMissing),
  ];
}
