import type { PartnerKind } from './partner-kinds.ts';
import type { Rule, RuleKind } from './rules/schema.ts';

// A consortium checked against a call's rules (rules/): each rule met or not, what the consortium
// has, and what would meet it. Pure; checklist-text.ts puts the results into words.
//
// Who counts: centres that accepted the coordinator's invitation, and outside organisations the
// coordinator added. Declined invitations never count. Invited centres do not count yet, but each
// result says whether the rule would be met once every pending invitation is accepted
// (`metWithInvited`), so a coordinator sees both where the consortium stands and where it is heading.

export type PartnerStatus = 'accepted' | 'invited' | 'declined' | 'outside';

export interface ConsortiumPartner {
  /** for the page; the rules do not read it */
  name: string;
  /** alpha-2 */
  country: string;
  kind: PartnerKind;
  /** a full partner (as opposed to an associated one) */
  full: boolean;
  eqfLevels: readonly number[];
  status: PartnerStatus;
}

interface Base<K extends RuleKind> {
  ruleId: string;
  kind: K;
  met: boolean;
  /** met now, or would be once every invited partner accepts */
  metWithInvited: boolean;
  /** the rule's caveat (a message key), if it has one */
  note: string | null;
}

export type RuleResult =
  | (Base<'min-full-partners'> & { min: number; have: number; missing: number })
  | (Base<'min-countries'> & { min: number; fullOnly: boolean; have: string[]; missing: number })
  | (Base<'eqf-covered'> & { from: number; to: number; fullOnly: boolean; have: number[]; missing: number[] })
  | (Base<'eqf-below'> & { level: number; fullOnly: boolean; have: number[] })
  | (Base<'kinds-per-country'> & {
      groups: { id: string; label: string }[];
      fullOnly: boolean;
      /** the countries where every group has a partner */
      have: string[];
      /** per country short of a group, the ids of the groups it lacks (no country at all: empty, and not met) */
      missing: { country: string; groups: string[] }[];
    });

/** The checklist: one result per rule, in the rules' order. */
export function evaluate(rules: readonly Rule[], partners: readonly ConsortiumPartner[]): RuleResult[] {
  const counted = partners.filter((p) => p.status === 'accepted' || p.status === 'outside');
  const hoped = partners.filter((p) => p.status === 'accepted' || p.status === 'outside' || p.status === 'invited');
  return rules.map((rule) => {
    const now = check(rule, counted);
    return now.met ? now : { ...now, metWithInvited: check(rule, hoped).met };
  });
}

const sortedNumbers = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);

function check(rule: Rule, all: readonly ConsortiumPartner[]): RuleResult {
  const base = { ruleId: rule.id, note: rule.note ?? null };
  const partners = rule.kind !== 'min-full-partners' && rule.fullOnly ? all.filter((p) => p.full) : all;
  const levels = () => sortedNumbers(partners.flatMap((p) => p.eqfLevels));
  switch (rule.kind) {
    case 'min-full-partners': {
      const have = all.filter((p) => p.full).length;
      const met = have >= rule.min;
      return { ...base, kind: rule.kind, met, metWithInvited: met, min: rule.min, have, missing: Math.max(0, rule.min - have) };
    }
    case 'min-countries': {
      const have = [...new Set(partners.map((p) => p.country))].sort();
      const met = have.length >= rule.min;
      return { ...base, kind: rule.kind, met, metWithInvited: met, min: rule.min, fullOnly: rule.fullOnly, have, missing: Math.max(0, rule.min - have.length) };
    }
    case 'eqf-covered': {
      const have = levels().filter((l) => l >= rule.from && l <= rule.to);
      const missing: number[] = [];
      for (let l = rule.from; l <= rule.to; l++) if (!have.includes(l)) missing.push(l);
      const met = missing.length === 0;
      return { ...base, kind: rule.kind, met, metWithInvited: met, from: rule.from, to: rule.to, fullOnly: rule.fullOnly, have, missing };
    }
    case 'eqf-below': {
      const have = levels().filter((l) => l < rule.level);
      const met = have.length > 0;
      return { ...base, kind: rule.kind, met, metWithInvited: met, level: rule.level, fullOnly: rule.fullOnly, have };
    }
    case 'kinds-per-country': {
      const countries = [...new Set(partners.map((p) => p.country))].sort();
      const have: string[] = [];
      const missing: { country: string; groups: string[] }[] = [];
      for (const country of countries) {
        const here = new Set(partners.filter((p) => p.country === country).map((p) => p.kind));
        const lacking = rule.groups.filter((g) => !g.kinds.some((k) => here.has(k))).map((g) => g.id);
        if (lacking.length) missing.push({ country, groups: lacking });
        else have.push(country);
      }
      // a consortium with no partner yet has no country that satisfies the rule
      const met = countries.length > 0 && missing.length === 0;
      const groups = rule.groups.map((g) => ({ id: g.id, label: g.label }));
      return { ...base, kind: rule.kind, met, metWithInvited: met, groups, fullOnly: rule.fullOnly, have, missing };
    }
  }
}
