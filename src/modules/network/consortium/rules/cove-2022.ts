import { ruleSetSchema } from './schema.ts';

// The Erasmus+ call for Centres of Vocational Excellence, 2022 wording, as the platform reads it
// (docs/decisions/0017: at least 8 full partners from at least 4 programme
// countries; VET at EQF levels 3 to 8, not only tertiary; VET providers and enterprises or their
// representatives in each country). The guide changes every year: the checklist says which one it
// follows and tells applicants to check the current one (checkNote).
//
// Readings, where the wording leaves a choice (docs/decisions/0017):
// - Only full partners count, for every rule: the minimums speak of full partners, and a checklist
//   that errs strict never tells a consortium it is eligible when it may not be.
// - "Not only tertiary": tertiary education starts at EQF level 5 (short-cycle), so some partner
//   must offer VET below it, at level 3 or 4. `eqf-covered` 3–8 implies it; it is kept as a rule of
//   its own because it is the call's own condition and says plainly what is missing.
// - "Enterprises or their representatives": companies, chambers, social partners and sectoral
//   skills councils. Social partners include trade unions, which represent workers rather than
//   enterprises; the platform does not tell employers' organisations from unions, so an applicant
//   counting on a union here should check the guide.
// - Countries: the platform does not know which countries are programme countries in a given year,
//   so it counts every country and the rule's note says so.

export const cove2022 = ruleSetSchema.parse({
  id: 'cove-2022',
  guide: 'Erasmus+ Programme Guide, Centres of Vocational Excellence (2022 wording)',
  checkNote: 'network.check.checkGuide',
  rules: [
    { id: 'full-partners', kind: 'min-full-partners', min: 8 },
    { id: 'countries', kind: 'min-countries', min: 4, fullOnly: true, note: 'network.check.note.programmeCountries' },
    { id: 'eqf-range', kind: 'eqf-covered', from: 3, to: 8, fullOnly: true },
    { id: 'not-only-tertiary', kind: 'eqf-below', level: 5, fullOnly: true },
    {
      id: 'vet-and-enterprise-per-country',
      kind: 'kinds-per-country',
      groups: [
        { id: 'vet', label: 'network.check.group.vet', kinds: ['vet-provider'] },
        { id: 'enterprise', label: 'network.check.group.enterprise', kinds: ['company', 'chamber', 'social-partner', 'sectoral-skills-council'] },
      ],
      fullOnly: true,
    },
  ],
});
