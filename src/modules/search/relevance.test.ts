import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engine, testApp, type TestApp } from '../../../test/helpers/app.ts';

// What a centre leader expects near the top when searching the starter content, written before
// the ranking was (issue 13). Each case names items that must be among the first three results of
// site search, or the first of the e-library. On both databases: the ranking is the in-memory
// index's, read from the same stored documents.

/** The addresses of the first three results: a station's own, or one of its actions (with #action-…). */
const topThree = (body: string): string[] => [...body.matchAll(/<h2><a href="([^"]+)"/g)].slice(0, 3).map((m) => m[1]!);

describe(`search relevance over the starter content (${engine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const search = async (lang: string, q: string) => {
    const res = await t.app.inject({ url: `/${lang}/search?q=${encodeURIComponent(q)}` });
    assert.equal(res.statusCode, 200);
    return topThree(res.body);
  };

  test('"partnership": the two stations on building partnerships', async () => {
    const top = await search('en', 'partnership');
    assert.ok(top.includes('/en/packages/1/stations/1'), top.join(' '));
    assert.ok(top.includes('/en/packages/2/stations/1'), top.join(' '));
  });

  test('"stage en entreprise": the station on training with companies, then its placement actions', async () => {
    const top = await search('fr', 'stage en entreprise');
    assert.equal(top[0], '/fr/packages/1/stations/3', top.join(' '));
  });

  test('"تدريب" (training): the stations on training with companies', async () => {
    const top = await search('ar', 'تدريب');
    assert.ok(top.includes('/ar/packages/1/stations/3'), top.join(' '));
  });

  test('a typo still finds the partnership stations: "partnrship"', async () => {
    const top = await search('en', 'partnrship');
    assert.ok(top.includes('/en/packages/1/stations/1'), top.join(' '));
    assert.ok(top.includes('/en/packages/2/stations/1'), top.join(' '));
  });

  test('the e-library puts the resource named by the words first: "work-based learning"', async () => {
    const res = await t.app.inject({ url: '/en/library?q=work-based+learning' });
    const first = /<h3><a href="([^"]+)"/.exec(res.body)?.[1];
    assert.equal(first, '/en/library/selfie-for-work-based-learning');
  });
});
