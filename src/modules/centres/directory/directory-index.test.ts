import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DirectoryIndex, directoryFacets, type DirectoryFilters, type DirectoryQuery, type DirectoryRow } from './directory-index.ts';

// The directory index alone: filters, counts and orders, without a database.

const row = (id: number, o: Partial<DirectoryRow> = {}): DirectoryRow => ({
  id,
  name: `Centre ${id}`,
  country: 'MD',
  type: 'cove',
  sectors: [],
  eqfLevels: [],
  languages: [],
  offers: [],
  seeks: [],
  accredited: false,
  eneMember: false,
  certificateUntil: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
  docId: id * 10,
  ...o,
});

const none = (): DirectoryFilters => Object.fromEntries(directoryFacets.map((f) => [f, []])) as unknown as DirectoryFilters;

const ask = (index: DirectoryIndex, o: Omit<Partial<DirectoryQuery>, 'filters'> & { filters?: Partial<DirectoryFilters> } = {}) =>
  index.query({
    matched: null,
    sort: 'name',
    offset: 0,
    limit: 100,
    now: '2026-06-01T00:00:00.000Z',
    countryName: (c) => ({ MD: 'Moldova', FR: 'France', AL: 'Albania' })[c] ?? c,
    withFacets: true,
    ...o,
    filters: { ...none(), ...o.filters },
  });

const rows = [
  row(1, { name: 'Zeta', country: 'FR', offers: ['learner-mobility'], sectors: ['tourism'], languages: ['fr', 'en'], accredited: true }),
  row(2, {
    name: 'Alpha',
    country: 'MD',
    offers: ['learner-mobility', 'teacher-training'],
    sectors: ['ict'],
    languages: ['ro'],
    eneMember: true,
    accredited: true,
  }),
  row(3, { name: 'beta', country: 'AL', seeks: ['learner-mobility'], sectors: ['tourism', 'ict'], languages: ['sq', 'en'], certificateUntil: '2027-01-01' }),
  row(4, { name: 'Gamma', country: 'MD', sectors: ['tourism'], certificateUntil: '2026-03-01', updatedAt: '2026-05-01T00:00:00.000Z' }),
];
const index = new DirectoryIndex(rows);

describe('the directory index', () => {
  test('values chosen in one filter are alternatives; filters narrow each other', () => {
    assert.deepEqual(ask(index, { filters: { sector: ['tourism', 'ict'] } }).ids, [2, 3, 4, 1]);
    assert.deepEqual(ask(index, { filters: { sector: ['tourism'], language: ['en'] } }).ids, [3, 1]);
  });

  test('each count says what choosing that value would give, the other filters applied', () => {
    const r = ask(index, { filters: { country: ['MD'] } });
    assert.deepEqual(r.ids, [2, 4]);
    // Countries are counted without the country filter: choosing France too would add one.
    assert.deepEqual(
      r.facets.country.map((c) => [c.value, c.count]),
      [
        ['MD', 2],
        ['AL', 1],
        ['FR', 1],
      ],
    );
    // Other facets count within Moldova only.
    assert.deepEqual(r.facets.sector, [
      { value: 'ict', count: 1 },
      { value: 'tourism', count: 1 },
    ]);
  });

  test('status values must all hold, and an expired certificate does not count', () => {
    assert.deepEqual(ask(index, { filters: { status: ['accredited'] } }).ids, [2, 1]);
    assert.deepEqual(ask(index, { filters: { status: ['accredited', 'ene'] } }).ids, [2]);
    assert.deepEqual(ask(index, { filters: { status: ['certificate'] } }).ids, [3], 'Gamma’s certificate ended in March');
    assert.deepEqual(
      ask(index).facets.status.find((s) => s.value === 'certificate'),
      { value: 'certificate', count: 1 },
    );
  });

  test('a value nobody has finds nothing, and does not break the counts', () => {
    const r = ask(index, { filters: { offers: ['peer-review'] } });
    assert.deepEqual(r.ids, []);
    assert.equal(r.total, 0);
    assert.deepEqual(
      r.facets.offers.map((c) => c.value),
      ['learner-mobility', 'teacher-training'],
    );
  });

  test('a text search keeps the centres whose document matched, best first', () => {
    const matched = new Map([
      [30, 1.5],
      [10, 4],
      [999, 9],
    ]);
    const r = ask(index, { matched, sort: 'relevance' });
    assert.deepEqual(r.ids, [1, 3]);
    assert.equal(r.facets.country.length, 2);
  });

  test('orders by name ignoring case, by country name in the reader’s language, and by the latest change', () => {
    assert.deepEqual(ask(index).ids, [2, 3, 4, 1]);
    assert.deepEqual(ask(index, { sort: 'country' }).ids, [3, 1, 2, 4]);
    assert.deepEqual(ask(index, { sort: 'updated' }).ids.slice(0, 1), [4]);
  });

  test('pages are slices of the whole order, and the total counts them all', () => {
    const r = ask(index, { offset: 1, limit: 2 });
    assert.deepEqual(r.ids, [3, 4]);
    assert.equal(r.total, 4);
  });

  test('sectors beyond 32 values still filter and count (more than one word of bits)', () => {
    const many = Array.from({ length: 40 }, (_, i) => row(100 + i, { sectors: [`sector-${i}`, 'common'] }));
    const big = new DirectoryIndex(many);
    assert.deepEqual(ask(big, { filters: { sector: ['sector-39'] } }).ids, [139]);
    const sectors = ask(big, { filters: { sector: ['sector-39'] } }).facets.sector;
    assert.equal(sectors.find((s) => s.value === 'sector-39')?.count, 1);
    assert.equal(sectors.find((s) => s.value === 'common')?.count, 40, 'a facet is counted without its own filter');
    assert.equal(ask(big, { filters: { sector: ['sector-35', 'sector-2'] } }).total, 2);
  });
});
