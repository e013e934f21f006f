import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FrameworkDocument } from '../framework/document.ts';
import { benchmarkScores, cellOf, coveredIndicators, emptyDistribution, levelOf, roundResults, type CountTable, type Distribution } from './scoring.ts';

// The rules of scores and anonymity, on a small framework, without a database.

const texts = (en: string) => ({ en });
const indicator = (id: string) => ({
  id,
  statement: texts(id),
  explanation: texts(id),
  groups: ['teachers', 'learners'] as ('teachers' | 'learners')[],
  core: true,
  stations: [],
  actions: [],
  resources: [],
});
const framework: FrameworkDocument = {
  slug: 'f',
  title: texts('F'),
  description: texts('F'),
  dimensions: [
    {
      id: 'd1',
      title: texts('D1'),
      description: texts(''),
      criteria: [
        { id: 'c1', title: texts('C1'), description: texts(''), indicators: [indicator('i1'), indicator('i2')] },
        { id: 'c2', title: texts('C2'), description: texts(''), indicators: [indicator('i3')] },
      ],
    },
    {
      id: 'd2',
      title: texts('D2'),
      description: texts(''),
      criteria: [{ id: 'c3', title: texts('C3'), description: texts(''), indicators: [indicator('i4')] }],
    },
  ],
};

const dist = (values: Record<number, number>): Distribution => ({ ...emptyDistribution(), ...values });
function table(rows: [string, string, Record<number, number>][]): CountTable {
  const t: CountTable = new Map();
  for (const [g, item, d] of rows) {
    if (!t.has(g)) t.set(g, new Map());
    t.get(g)!.set(item, dist(d));
  }
  return t;
}
const input = (counts: CountTable, groups: { group: 'teachers' | 'learners'; released: number }[], min = 3) => ({
  framework,
  indicators: new Set(['i1', 'i2', 'i3', 'i4']),
  own: [],
  groups,
  counts,
  minGroupSize: min,
});

describe('round results', () => {
  test('an indicator scores the mean of its 1–5 answers; not applicable and prefer not to say do not count', () => {
    const r = roundResults(input(table([['teachers', 'i1', { 5: 2, 3: 1, 0: 4, [-1]: 1 }]]), [{ group: 'teachers', released: 8 }]));
    const i1 = r.dimensions[0]!.criteria[0]!.indicators[0]!;
    assert.equal(i1.answered, 3);
    assert.equal(i1.score.all!.toFixed(3), (13 / 3).toFixed(3));
    assert.equal(i1.score.byGroup.teachers!.toFixed(3), (13 / 3).toFixed(3));
  });

  test('criteria, dimensions and the whole are means of their parts, so every part weighs the same', () => {
    const counts = table([
      ['teachers', 'i1', { 5: 3 }],
      ['teachers', 'i2', { 1: 3 }],
      ['teachers', 'i3', { 4: 30 }],
      ['teachers', 'i4', { 2: 3 }],
    ]);
    const r = roundResults(input(counts, [{ group: 'teachers', released: 30 }]));
    assert.equal(r.dimensions[0]!.criteria[0]!.score.all, 3); // (5 + 1) / 2
    assert.equal(r.dimensions[0]!.score.all, 3.5); // (3 + 4) / 2, not weighted by answers
    assert.equal(r.overall.all, 2.75); // (3.5 + 2) / 2
    assert.equal(r.dimensions[0]!.level, 'advanced');
    assert.equal(r.dimensions[1]!.level, 'beginner');
  });

  test('a group below the threshold is hidden, and left out of all groups together', () => {
    const counts = table([
      ['teachers', 'i1', { 4: 3 }],
      ['learners', 'i1', { 1: 2 }],
    ]);
    const r = roundResults(
      input(counts, [
        { group: 'teachers', released: 3 },
        { group: 'learners', released: 2 },
      ]),
    );
    assert.deepEqual(r.shown, ['teachers']);
    assert.equal(r.groups.find((g) => g.group === 'learners')!.shown, false);
    const i1 = r.dimensions[0]!.criteria[0]!.indicators[0]!;
    assert.equal(i1.score.all, 4); // the two learners' 1s are not in it
    assert.equal(i1.score.byGroup.learners, undefined);
    assert.equal(i1.distribution[1], 0);
    assert.equal(r.released, 3);
  });

  test('a score needs as many 1–5 answers as the threshold, even in a group that shows', () => {
    const counts = table([['teachers', 'i1', { 4: 2, 0: 5 }]]);
    const r = roundResults(input(counts, [{ group: 'teachers', released: 7 }]));
    assert.equal(r.dimensions[0]!.criteria[0]!.indicators[0]!.score.all, null);
    const raised = roundResults(input(table([['teachers', 'i1', { 4: 4 }]]), [{ group: 'teachers', released: 4 }], 5));
    assert.deepEqual(raised.shown, []);
    assert.equal(raised.overall.all, null);
  });

  test('gaps name the groups furthest apart on a criterion, largest first', () => {
    const counts = table([
      ['teachers', 'i1', { 5: 3 }],
      ['learners', 'i1', { 2: 3 }],
      ['teachers', 'i3', { 4: 3 }],
      ['learners', 'i3', { 3: 3 }],
    ]);
    const r = roundResults(
      input(counts, [
        { group: 'teachers', released: 3 },
        { group: 'learners', released: 3 },
      ]),
    );
    assert.equal(r.gaps[0]!.criterion.id, 'c1');
    assert.equal(r.gaps[0]!.high.group, 'teachers');
    assert.equal(r.gaps[0]!.low.group, 'learners');
    assert.equal(r.gaps[0]!.gap, 3);
    assert.equal(r.ranked[0]!.indicator.id, 'i1');
  });

  test('levels, benchmark scores and covered indicators', () => {
    assert.deepEqual([1, 2.49, 2.5, 3.24, 3.25, 3.99, 4, 5].map(levelOf), [
      'beginner',
      'beginner',
      'developing',
      'developing',
      'advanced',
      'advanced',
      'leading',
      'leading',
    ]);
    const counts = table([
      ['teachers', 'i1', { 5: 3 }],
      ['teachers', 'i4', { 3: 3 }],
    ]);
    const r = roundResults(input(counts, [{ group: 'teachers', released: 3 }]));
    assert.deepEqual(benchmarkScores(r), { 'overall:overall': 4, 'dimension:d1': 5, 'criterion:c1': 5, 'dimension:d2': 3, 'criterion:c3': 3 });
    assert.equal(coveredIndicators(r, 3), 2);
    assert.equal(coveredIndicators(r, 4), 0);
  });
});

describe('why a score is missing', () => {
  test('a group never asked any statement behind a score is "not asked"; one asked but rating too rarely is "not enough"', () => {
    const teachersOnly = { ...indicator('i3'), groups: ['teachers'] as ('teachers' | 'learners')[] };
    const f: FrameworkDocument = {
      ...framework,
      dimensions: [
        {
          ...framework.dimensions[0]!,
          criteria: [framework.dimensions[0]!.criteria[0]!, { ...framework.dimensions[0]!.criteria[1]!, indicators: [teachersOnly] }],
        },
      ],
    };
    const counts = table([
      ['teachers', 'i1', { 4: 3 }],
      ['teachers', 'i3', { 2: 3 }],
      ['learners', 'i1', { 5: 2, 0: 1 }],
    ]);
    const r = roundResults({
      ...input(counts, [
        { group: 'teachers', released: 3 },
        { group: 'learners', released: 3 },
      ]),
      framework: f,
    });
    const [c1, c2] = r.dimensions[0]!.criteria;
    assert.equal(cellOf(c2!.score, r.shown, 'learners'), 'notAsked');
    assert.equal(cellOf(c2!.score, r.shown, 'teachers'), 2);
    assert.equal(cellOf(c2!.indicators[0]!.score, r.shown, 'learners'), 'notAsked');
    assert.equal(cellOf(c1!.indicators[0]!.score, r.shown, 'learners'), 'notEnough');
    assert.equal(cellOf(c1!.indicators[1]!.score, r.shown, 'learners'), 'notEnough', 'asked, never answered');
    // The dimension was asked of learners (c1), so it is not "not asked" for them.
    assert.notEqual(cellOf(r.dimensions[0]!.score, r.shown, 'learners'), 'notAsked');
  });
});
