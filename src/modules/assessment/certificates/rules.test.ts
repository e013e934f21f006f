import assert from 'node:assert/strict';
import { test } from 'node:test';
import { certificateDefaults, checkRules, validUntil, type RoundFacts } from './rules.ts';

// The certificate rules as pure functions: each check, met or not, and what it says is missing.

const words = {
  list: (xs: string[]) => xs.join(' + '),
  group: (g: string) => g.toUpperCase(),
  title: (t: { en: string }) => t.en,
  date: (d: string) => `on ${d}`,
};
const facts = (o: Partial<RoundFacts> = {}): RoundFacts => ({
  closed: true,
  closesOn: '2026-05-31',
  days: 30,
  minGroupSize: 3,
  groups: [
    { group: 'leaders', released: 3 },
    { group: 'learners', released: 5 },
    { group: 'companies', released: 4 },
  ],
  covered: 52,
  focus: [
    { id: 'a', title: { en: 'Area A' }, hasAction: true },
    { id: 'b', title: { en: 'Area B' }, hasAction: true },
  ],
  ...o,
});
const byId = (f: RoundFacts, rules = certificateDefaults) => Object.fromEntries(checkRules(rules, f, words).map((c) => [c.id, c]));

test('a round that meets the defaults passes every check, with nothing missing', () => {
  const checks = checkRules(certificateDefaults, facts(), words);
  assert.deepEqual(
    checks.map((c) => [c.id, c.met, c.missing.length]),
    [
      ['closed', true, 0],
      ['days', true, 0],
      ['groups', true, 0],
      ['statements', true, 0],
      ['plan', true, 0],
    ],
  );
  assert.deepEqual(checks[2]!.rule, { key: 'certificate.rule.groups', values: { min: 3, size: 3, groups: 'LEARNERS + COMPANIES' } });
});

test('each unmet rule says what is missing', () => {
  const c = byId(
    facts({
      closed: false,
      days: 13,
      groups: [
        { group: 'learners', released: 3 },
        { group: 'companies', released: 2 },
      ],
      covered: 49,
      focus: [
        { id: 'a', title: { en: 'Area A' }, hasAction: false },
        { id: 'b', title: { en: 'Area B' }, hasAction: true },
      ],
    }),
  );
  assert.deepEqual(c.closed!.missing, [{ key: 'certificate.missing.closed', values: { date: 'on 2026-05-31' } }]);
  assert.deepEqual(c.days!.missing, [{ key: 'certificate.missing.days', values: { days: 13, more: 1 } }]);
  assert.deepEqual(c.groups!.missing, [
    { key: 'certificate.missing.groups', values: { reached: 1, needed: 2 } },
    { key: 'certificate.missing.requiredGroups', values: { groups: 'COMPANIES' } },
  ]);
  assert.deepEqual(c.statements!.missing, [{ key: 'certificate.missing.statements', values: { covered: 49, more: 1 } }]);
  assert.deepEqual(c.plan!.missing, [{ key: 'certificate.missing.actions', values: { areas: 'Area A' } }]);
  assert.deepEqual(byId(facts({ focus: [] })).plan!.missing, [{ key: 'certificate.missing.focus' }]);
});

test('with no required group, any groups count', () => {
  const rules = { ...certificateDefaults, minGroups: 1, requiredGroups: [] };
  const c = byId(facts({ groups: [{ group: 'teachers', released: 3 }] }), rules);
  assert.equal(c.groups!.met, true);
  assert.equal(c.groups!.rule.key, 'certificate.rule.groupsAny');
});

test('validity ends the same day so many months later, or the month’s last day', () => {
  assert.equal(validUntil('2026-12-06T10:00:00.000Z', 24), '2028-12-06T10:00:00.000Z');
  assert.equal(validUntil('2028-02-29T08:00:00.000Z', 12), '2029-02-28T08:00:00.000Z');
  assert.equal(validUntil('2026-01-31T00:00:00.000Z', 1), '2026-02-28T00:00:00.000Z');
});
