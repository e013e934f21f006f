import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FacetIndex, type FacetRows } from './facet-index.ts';
import { noFilters } from './service.ts';

// Four resources, small enough to count by hand.
const rows: FacetRows = {
  resources: [
    { id: 1, type: 'toolkit', source: 'ETF', year: 2021, created_at: '2025-01-01' },
    { id: 2, type: 'guideline', source: 'ETF', year: null, created_at: '2025-03-01' },
    { id: 3, type: 'toolkit', source: 'Cedefop', year: 2024, created_at: '2025-02-01' },
    { id: 4, type: 'course', source: 'ILO', year: 2024, created_at: '2025-04-01' },
  ],
  titles: [
    { resource_id: 1, lang: 'en', title: 'Beta toolkit' },
    { resource_id: 2, lang: 'en', title: 'Alpha guide' },
    { resource_id: 3, lang: 'en', title: 'Delta toolkit' },
    { resource_id: 3, lang: 'fr', title: 'Boîte delta' },
    { resource_id: 4, lang: 'en', title: 'Gamma course' },
  ],
  links: [
    { resource_id: 1, facet: 'theme', value: 'partnerships' },
    { resource_id: 1, facet: 'theme', value: 'innovation' },
    { resource_id: 2, facet: 'theme', value: 'partnerships' },
    { resource_id: 3, facet: 'theme', value: 'innovation' },
    { resource_id: 4, facet: 'theme', value: 'green' },
    { resource_id: 1, facet: 'station', value: '2-1' },
    { resource_id: 3, facet: 'station', value: '2-1' },
  ],
  documents: [
    { id: 11, resource_id: 1, lang: 'en' },
    { id: 12, resource_id: 2, lang: 'en' },
    { id: 13, resource_id: 3, lang: 'en' },
    { id: 23, resource_id: 3, lang: 'fr' },
    { id: 14, resource_id: 4, lang: 'en' },
  ],
};
const index = FacetIndex.fromRows(rows, ['en', 'fr', 'ar']);
const base = { lang: 'en' as const, sort: 'title' as const, offset: 0, limit: 20, withFacets: true, matches: null };
const counts = (r: ReturnType<FacetIndex['query']>, facet: 'type' | 'theme' | 'year' | 'station') =>
  Object.fromEntries(r.facets[facet].map((c) => [c.value, c.count]));

describe('e-library facet index', () => {
  test('without filters every resource is listed by title, with counts for every value', () => {
    const r = index.query({ ...base, filters: noFilters() });
    assert.deepEqual(r.ids, [2, 1, 3, 4]);
    assert.equal(r.total, 4);
    assert.deepEqual(counts(r, 'type'), { toolkit: 2, guideline: 1, course: 1 });
    assert.deepEqual(counts(r, 'theme'), { partnerships: 2, innovation: 2, green: 1 });
    assert.deepEqual(counts(r, 'year'), { '2024': 2, '2021': 1 });
  });

  test('a facet still offers its other values with what choosing them would add', () => {
    const r = index.query({ ...base, filters: noFilters({ type: ['toolkit'] }) });
    assert.deepEqual(r.ids, [1, 3]);
    assert.deepEqual(counts(r, 'type'), { toolkit: 2, guideline: 1, course: 1 });
    assert.deepEqual(counts(r, 'theme'), { innovation: 2, partnerships: 1 });
  });

  test('values of one facet are alternatives and facets narrow each other', () => {
    assert.deepEqual(index.query({ ...base, filters: noFilters({ type: ['toolkit', 'course'] }) }).ids, [1, 3, 4]);
    const r = index.query({ ...base, filters: noFilters({ type: ['toolkit', 'course'], theme: ['innovation'] }) });
    assert.deepEqual(r.ids, [1, 3]);
    assert.deepEqual(counts(r, 'theme'), { innovation: 2, partnerships: 1, green: 1 });
  });

  test('full-text matches restrict the list; best match puts title matches first', () => {
    const matches = index.matchesFrom({ perLang: [{ lang: 'en', ids: [14, 11, 12, 999], titleIds: [14, 999] }] });
    const r = index.query({ ...base, sort: 'relevance', filters: noFilters(), matches });
    assert.deepEqual(r.ids, [4, 2, 1]);
    assert.equal(r.total, 3);
  });

  test('a match counts only in the language the query was analysed for', () => {
    const matches = index.matchesFrom({ perLang: [{ lang: 'en', ids: [23], titleIds: [] }] });
    assert.equal(index.query({ ...base, filters: noFilters(), matches }).total, 0);
  });

  test('titles sort in the reader language, falling back to English', () => {
    const r = index.query({ ...base, lang: 'fr', filters: noFilters() });
    assert.deepEqual(r.ids, [2, 1, 3, 4]);
  });

  test('newest and year orders, and paging', () => {
    assert.deepEqual(index.query({ ...base, sort: 'newest', filters: noFilters() }).ids, [4, 2, 3, 1]);
    assert.deepEqual(index.query({ ...base, sort: 'year', filters: noFilters() }).ids, [3, 4, 1, 2]);
    assert.deepEqual(index.query({ ...base, offset: 1, limit: 2, filters: noFilters() }).ids, [1, 3]);
  });
});
