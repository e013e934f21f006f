import type { TextContext } from '../text.ts';
import type { RuleResult } from './checklist.ts';
import type { RuleSet } from './rules/schema.ts';

// The checklist in the reader's language: per rule what it asks, and what the consortium has or
// what would meet it. One message per rule kind and part, with ICU plurals; lists are joined in
// the reader's language, countries named by Intl.

export interface RuleText {
  ruleId: string;
  met: boolean;
  /** "Met" or "Not met yet", for the tag beside the rule */
  state: string;
  /** what the rule asks: "At least 8 full partners" */
  rule: string;
  /** what the consortium has, or what would meet the rule: one line, or one per country short of a partner */
  status: string[];
  /** "Would be met once the invited partners accept", when that is so */
  invited: string | null;
  /** the rule's caveat, if it has one */
  note: string | null;
}

/** The sentence that names the guide the rules follow and sends applicants to the current one. */
export const checkNoteText = (ctx: TextContext, set: RuleSet): string => ctx.t(set.checkNote, { guide: set.guide });

export function checklistText(ctx: TextContext, results: readonly RuleResult[]): RuleText[] {
  const { t, format } = ctx;
  const collator = new Intl.Collator(ctx.lang);
  const numbers = (xs: readonly number[]) => format.list(xs.map((x) => format.number(x)));
  // countries in the alphabetical order of their names in the reader's language
  const byName = <T>(xs: readonly T[], code: (x: T) => string) =>
    xs.map((x) => ({ x, name: format.country(code(x)) })).sort((a, b) => collator.compare(a.name, b.name));
  const countries = (xs: readonly string[]) => format.list(byName(xs, (c) => c).map((c) => c.name));
  return results.map((r) => {
    // full-only rules have messages of their own rather than a select (see reasons.ts)
    const full = r.kind !== 'min-full-partners' && r.fullOnly;
    let rule: string;
    let status: string[];
    switch (r.kind) {
      case 'min-full-partners':
        rule = t('network.check.minFullPartners.rule', { min: r.min });
        status = [
          r.met ? t('network.check.minFullPartners.met', { have: r.have }) : t('network.check.minFullPartners.missing', { have: r.have, missing: r.missing }),
        ];
        break;
      case 'min-countries': {
        rule = t(full ? 'network.check.minCountries.ruleFull' : 'network.check.minCountries.rule', { min: r.min });
        const values = { count: r.have.length, countries: countries(r.have) };
        status = [r.met ? t('network.check.minCountries.met', values) : t('network.check.minCountries.missing', { ...values, missing: r.missing })];
        break;
      }
      case 'eqf-covered':
        rule = t('network.check.eqfCovered.rule', { from: r.from, to: r.to });
        status = [
          r.met
            ? t('network.check.eqfCovered.met', { from: r.from, to: r.to })
            : t('network.check.eqfCovered.missing', { count: r.missing.length, levels: numbers(r.missing) }),
        ];
        break;
      case 'eqf-below':
        rule = t('network.check.eqfBelow.rule', { level: r.level });
        status = [
          r.met
            ? t('network.check.eqfBelow.met', { level: r.level, count: r.have.length, levels: numbers(r.have) })
            : t('network.check.eqfBelow.missing', { level: r.level }),
        ];
        break;
      case 'kinds-per-country': {
        const label = new Map(r.groups.map((g) => [g.id, t(g.label)]));
        rule = t(full ? 'network.check.kindsPerCountry.ruleFull' : 'network.check.kindsPerCountry.rule', {
          groups: format.list(r.groups.map((g) => label.get(g.id)!)),
        });
        if (r.met) status = [t('network.check.kindsPerCountry.met', { count: r.have.length, countries: countries(r.have) })];
        else if (!r.missing.length) status = [t('network.check.noPartners')];
        else
          status = byName(r.missing, (m) => m.country).map(({ x: m, name }) =>
            t('network.check.kindsPerCountry.missing', { country: name, groups: format.list(m.groups.map((g) => label.get(g) ?? g)) }),
          );
        break;
      }
    }
    return {
      ruleId: r.ruleId,
      met: r.met,
      state: t(r.met ? 'network.check.status.met' : 'network.check.status.missing'),
      rule,
      status,
      invited: !r.met && r.metWithInvited ? t('network.check.invited') : null,
      note: r.note ? t(r.note) : null,
    };
  });
}
