import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pageContext } from '../../../http/context.ts';
import { evaluate, type ConsortiumPartner, type RuleResult } from './checklist.ts';
import { checklistText, checkNoteText } from './checklist-text.ts';
import { kindOfCentreType, partnerKinds } from './partner-kinds.ts';
import { cove2022 } from './rules/cove-2022.ts';
import { currentRuleSet, ruleSets } from './rules/index.ts';
import { ruleSetSchema, type RuleSet } from './rules/schema.ts';
import { centreTypes } from '../../centres/lists.ts';
import { catalogues } from '../../../i18n/messages.ts';

// The CoVE checklist on hand-made consortia, without a database.

/** A partner in one line: an accepted full partner unless told. */
const partner = (country: string, kind: ConsortiumPartner['kind'], eqfLevels: number[] = [], p: Partial<ConsortiumPartner> = {}): ConsortiumPartner => ({
  name: `${kind} in ${country}`,
  country,
  kind,
  full: true,
  eqfLevels,
  status: 'accepted',
  ...p,
});

/** 8 full partners from 4 countries, a VET provider and an enterprise in each, EQF 3 to 8 between them. */
const complete = (): ConsortiumPartner[] => [
  partner('PT', 'vet-provider', [3, 4]),
  partner('PT', 'company'),
  partner('ES', 'vet-provider', [4, 5]),
  partner('ES', 'chamber'),
  partner('IT', 'vet-provider', [5, 6]),
  partner('IT', 'sectoral-skills-council'),
  partner('FI', 'vet-provider', [6, 7, 8]),
  partner('FI', 'social-partner'),
];

const byId = (results: RuleResult[]) => Object.fromEntries(results.map((r) => [r.ruleId, r]));
const failing = (results: RuleResult[]) => results.filter((r) => !r.met).map((r) => r.ruleId);
const en = pageContext('en', '/network', '', 'http://localhost', (n) => n);
const textOf = (results: RuleResult[], ruleId: string) => checklistText(en, results).find((r) => r.ruleId === ruleId)!;

describe('the CoVE checklist (2022 rules)', () => {
  test('8 full partners from 4 countries, with VET and an enterprise in each and EQF 3 to 8, meet every rule', () => {
    const results = evaluate(cove2022.rules, complete());
    assert.deepEqual(failing(results), []);
    assert.deepEqual(
      checklistText(en, results).map((r) => r.status),
      [
        ['You have 8 full partners.'],
        ['4 countries: Finland, Italy, Portugal, and Spain.'],
        ['Every level from 3 to 8 is covered.'],
        ['Training below level 5: levels 3 and 4.'],
        ['Met in all 4 countries: Finland, Italy, Portugal, and Spain.'],
      ],
    );
  });

  test('too few full partners: the checklist says how many more', () => {
    const partners = complete().map((p, i) => (i >= 6 ? { ...p, full: false } : p));
    const r = byId(evaluate(cove2022.rules, partners))['full-partners']!;
    assert.equal(r.met, false);
    assert.equal(textOf(evaluate(cove2022.rules, partners), 'full-partners').status[0], 'Add 2 more full partners (you have 6).');
  });

  test('partners from only 3 countries: one more country would meet the rule, and nothing else fails', () => {
    const partners = complete()
      .filter((p) => p.country !== 'FI')
      .concat(partner('PT', 'vet-provider', [6, 7, 8]), partner('ES', 'company'));
    const results = evaluate(cove2022.rules, partners);
    assert.deepEqual(failing(results), ['countries']);
    assert.equal(textOf(results, 'countries').status[0], 'Add partners from 1 more country. So far: Italy, Portugal, and Spain.');
    assert.equal(
      textOf(results, 'countries').note,
      'Only Erasmus+ programme countries count: the platform does not check which countries are eligible in a given year.',
    );
  });

  test('EQF levels 6 and 7 missing: the checklist names them, and nothing else fails', () => {
    const partners = complete().map((p) => (p.country === 'IT' || p.country === 'FI' ? { ...p, eqfLevels: p.eqfLevels.filter((l) => l === 5 || l === 8) } : p));
    const results = evaluate(cove2022.rules, partners);
    assert.deepEqual(failing(results), ['eqf-range']);
    assert.deepEqual(byId(results)['eqf-range'], { ...byId(results)['eqf-range'], missing: [6, 7] });
    assert.equal(textOf(results, 'eqf-range').status[0], 'EQF levels 6 and 7 are missing: partners training at them would meet the rule.');
  });

  test('only tertiary levels: "not only tertiary" fails, with levels 3 and 4 missing from the range', () => {
    const partners = complete().map((p) => ({ ...p, eqfLevels: p.eqfLevels.filter((l) => l >= 5) }));
    const results = evaluate(cove2022.rules, partners);
    assert.deepEqual(failing(results), ['eqf-range', 'not-only-tertiary']);
    assert.equal(textOf(results, 'not-only-tertiary').status[0], 'No partner trains below EQF level 5 yet: add one that does.');
    assert.equal(textOf(results, 'eqf-range').status[0], 'EQF levels 3 and 4 are missing: partners training at them would meet the rule.');
  });

  test('no enterprise in Portugal: the checklist says Portugal still needs one, and nothing else fails', () => {
    const partners = complete().map((p) => (p.country === 'PT' && p.kind === 'company' ? { ...p, kind: 'higher-education' as const } : p));
    const results = evaluate(cove2022.rules, partners);
    assert.deepEqual(failing(results), ['vet-and-enterprise-per-country']);
    assert.deepEqual(byId(results)['vet-and-enterprise-per-country'], {
      ...byId(results)['vet-and-enterprise-per-country'],
      missing: [{ country: 'PT', groups: ['enterprise'] }],
    });
    assert.deepEqual(textOf(results, 'vet-and-enterprise-per-country').status, [
      'Portugal: still needs an enterprise or an organisation representing enterprises.',
    ]);
  });

  test('an associated partner does not fill a country’s gap: only full partners count', () => {
    const partners = complete().map((p) => (p.country === 'PT' && p.kind === 'company' ? { ...p, full: false } : p));
    assert.ok(failing(evaluate(cove2022.rules, partners)).includes('vet-and-enterprise-per-country'));
  });

  test('an invited partner does not count yet, but the checklist says the rule would be met once it accepts', () => {
    const partners = complete().map((p) => (p.country === 'PT' && p.kind === 'company' ? { ...p, status: 'invited' as const } : p));
    const results = evaluate(cove2022.rules, partners);
    assert.deepEqual(failing(results), ['full-partners', 'vet-and-enterprise-per-country']);
    assert.ok(results.every((r) => r.metWithInvited));
    assert.equal(textOf(results, 'full-partners').state, 'Not met yet');
    assert.equal(textOf(results, 'countries').state, 'Met');
    assert.equal(textOf(results, 'full-partners').invited, 'Would be met once the invited partners accept.');
    assert.equal(textOf(results, 'countries').invited, null);
  });

  test('a declined partner never counts, not even as a hope', () => {
    const partners = complete().map((p) => (p.country === 'PT' && p.kind === 'company' ? { ...p, status: 'declined' as const } : p));
    const results = evaluate(cove2022.rules, partners);
    assert.deepEqual(failing(results), ['full-partners', 'vet-and-enterprise-per-country']);
    assert.ok(results.filter((r) => !r.met).every((r) => !r.metWithInvited));
    assert.equal(textOf(results, 'full-partners').invited, null);
  });

  test('outside organisations the coordinator added count like accepted centres', () => {
    const partners = complete().map((p) => (p.kind !== 'vet-provider' ? { ...p, status: 'outside' as const } : p));
    assert.deepEqual(failing(evaluate(cove2022.rules, partners)), []);
  });

  test('an empty consortium meets nothing and says so', () => {
    const results = evaluate(cove2022.rules, []);
    assert.deepEqual(
      failing(results),
      cove2022.rules.map((r) => r.id),
    );
    assert.deepEqual(
      checklistText(en, results).map((r) => r.status[0]),
      [
        'Add 8 more full partners (you have 0).',
        'Add partners from 4 more countries. No country counts yet.',
        'EQF levels 3, 4, 5, 6, 7, and 8 are missing: partners training at them would meet the rule.',
        'No partner trains below EQF level 5 yet: add one that does.',
        'No partner counts towards this yet.',
      ],
    );
  });

  test('the rules read as the call words them, with the guide they follow and a pointer to the current one', () => {
    assert.deepEqual(
      checklistText(en, evaluate(cove2022.rules, [])).map((r) => r.rule),
      [
        'At least 8 full partners',
        'Full partners from at least 4 countries',
        'Training at every EQF level from 3 to 8',
        'Not only tertiary: some training below EQF level 5',
        'In every country with a full partner: a VET provider and an enterprise or an organisation representing enterprises',
      ],
    );
    assert.match(
      checkNoteText(en, cove2022),
      /^This checklist follows the Erasmus\+ Programme Guide, Centres of Vocational Excellence \(2022 wording\)\. .*check the current one/,
    );
  });

  test('Russian and Arabic readers get the counts in their own plural forms', () => {
    const results = evaluate(cove2022.rules, complete().slice(0, 6));
    const ru = checklistText(
      pageContext('ru', '/network', '', 'http://localhost', (n) => n),
      results,
    );
    assert.equal(ru[0]!.status[0], 'Добавьте ещё 2 полноправных партнёров (сейчас их 6).');
    const ar = checklistText(
      pageContext('ar', '/network', '', 'http://localhost', (n) => n),
      results,
    );
    assert.match(ar[0]!.status[0]!, /^أضف شريكين كاملين آخرين/);
  });
});

describe('rules as data', () => {
  test('the rule sets the platform ships validate, and new consortia use the current one', () => {
    for (const set of ruleSets.values()) assert.deepEqual(ruleSetSchema.parse(set), set);
    assert.equal(ruleSets.get('cove-2022'), cove2022);
    assert.equal(currentRuleSet, cove2022);
  });

  test('rule data that the checklist could not follow is refused when it loads', () => {
    const with_ = (rule: object) => ({ ...cove2022, rules: [rule] });
    const refused = [
      with_({ id: 'x', kind: 'max-partners', max: 3 }),
      with_({ id: 'x', kind: 'eqf-covered', from: 6, to: 3, fullOnly: true }),
      with_({ id: 'x', kind: 'kinds-per-country', fullOnly: true, groups: [{ id: 'g', label: 'network.check.group.vet', kinds: ['university'] }] }),
      with_({ id: 'x', kind: 'min-countries', min: 4, fullOnly: true, note: 'network.check.no-such-message' }),
      { ...cove2022, rules: [cove2022.rules[0], cove2022.rules[0]] },
      { ...cove2022, checkNote: 'not.a.key' },
    ];
    for (const data of refused) assert.equal(ruleSetSchema.safeParse(data).success, false, JSON.stringify(data));
  });

  test('a new version of the rules changes the outcome without a change to the code', () => {
    const next: RuleSet = ruleSetSchema.parse({
      id: 'cove-next',
      guide: 'A later programme guide',
      checkNote: 'network.check.checkGuide',
      rules: [
        { id: 'full-partners', kind: 'min-full-partners', min: 6 },
        { id: 'countries', kind: 'min-countries', min: 3, fullOnly: false },
        {
          id: 'vet-per-country',
          kind: 'kinds-per-country',
          fullOnly: false,
          groups: [{ id: 'vet', label: 'network.check.group.vet', kinds: ['vet-provider'] }],
        },
      ],
    });
    const smaller = complete().filter((p) => p.country !== 'FI');
    assert.deepEqual(failing(evaluate(cove2022.rules, smaller)), ['full-partners', 'countries', 'eqf-range']);
    assert.deepEqual(failing(evaluate(next.rules, smaller)), []);
    assert.deepEqual(
      checklistText(en, evaluate(next.rules, smaller)).map((r) => r.rule),
      ['At least 6 full partners', 'Partners from at least 3 countries', 'In every partner country: a VET provider'],
    );
  });

  test('every centre type counts as a kind of partner the rules know, and every kind has a name', () => {
    for (const type of centreTypes) assert.ok((partnerKinds as readonly string[]).includes(kindOfCentreType[type]));
    assert.equal(kindOfCentreType['vet-school'], 'vet-provider');
    for (const kind of partnerKinds) assert.ok(`network.partnerKind.${kind}` in catalogues.en, kind);
  });
});
