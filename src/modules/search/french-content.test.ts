import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engine, testApp, type TestApp } from '../../../test/helpers/app.ts';

// A French reader searches in French and finds the starter content's French translations: the
// search index holds each item in each of its languages, stemmed with that language's Snowball
// stemmer (docs/decisions/0002-search.md), so "partenariat" and "partenariats" meet. Runs on
// SQLite, and on PostgreSQL when DATABASE_URL names one.

const libraryHits = (html: string) =>
  [...html.matchAll(/<li class="result">\s*<h3><a href="\/fr\/library\/([a-z0-9-]+)"([^>]*)>/g)].map((m) => ({ slug: m[1]!, attrs: m[2]! }));
const searchHits = (html: string) =>
  [...html.matchAll(/<h2><a href="(\/fr\/[^"]+)"([^>]*)>([^<]*)<\/a>/g)].map((m) => ({ path: m[1]!, attrs: m[2]!, title: m[3]! }));

describe(`French search over the starter content (${engine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  test('the e-library finds resources by the words of their French description', async () => {
    const res = await t.get('/fr/library?q=partenariat');
    assert.equal(res.statusCode, 200);
    const slugs = libraryHits(res.body).map((h) => h.slug);
    // Both say "partenariat(s)" only in French ("sector partnership", "research partnerships" in English).
    assert.ok(slugs.includes('online-platform-of-vocational-education-water'), slugs.join(', '));
    assert.ok(slugs.includes('ecovem-bsec-action-plan'), slugs.join(', '));
    assert.ok(!slugs.includes('digcomp'), 'a resource that never speaks of partnerships is not found');
  });

  test('the singular and the plural find the same resources', async () => {
    const one = libraryHits((await t.get('/fr/library?q=partenariat')).body).map((h) => h.slug);
    const many = libraryHits((await t.get('/fr/library?q=partenariats')).body).map((h) => h.slug);
    assert.ok(one.length > 0);
    assert.deepEqual(many.sort(), one.sort());
  });

  test('site search finds the French stations, shown with their French titles', async () => {
    const res = await t.get('/fr/search?q=partenariats');
    assert.equal(res.statusCode, 200);
    const hits = searchHits(res.body);
    const station = hits.find((h) => h.path === '/fr/packages/1/stations/1');
    assert.ok(station, hits.map((h) => h.path).join(', '));
    assert.equal(station.title, 'Construire des partenariats avec le secteur privé');
    assert.doesNotMatch(station.attrs, /lang=/, 'a French hit is not marked as another language');
    assert.ok(hits.some((h) => h.path === '/fr/packages/2/stations/1'));
  });

  test('a French phrase finds the station that uses it', async () => {
    // "stages en entreprise" appears only in the French text of Package 1, Station 3 and its actions.
    const res = await t.get(`/fr/search?q=${encodeURIComponent('stages en entreprise')}`);
    const hits = searchHits(res.body);
    assert.ok(
      hits.some((h) => h.path.startsWith('/fr/packages/1/stations/3')),
      hits.map((h) => h.path).join(', '),
    );
  });

  test('a resource whose title stays as published shows it marked English, with its French description', async () => {
    const res = await t.get('/fr/library/carrying-out-tracer-studies');
    assert.match(res.body, /<h1 lang="en">Carrying out tracer studies: a guide to anticipating and matching skills and jobs<\/h1>/);
    assert.match(res.body, /<div class="prose"><p>Un guide pas à pas/);
  });
});
