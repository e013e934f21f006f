import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import { languages } from '../../i18n/languages.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

describe('site-wide behaviour', () => {
  test('/ sends a person to their language from Accept-Language', async () => {
    assert.equal((await t.get('/', { 'accept-language': 'ar-EG,ar;q=0.9,en;q=0.5' })).headers.location, '/ar');
    assert.equal((await t.get('/', { 'accept-language': 'fr-FR,fr;q=0.9' })).headers.location, '/fr');
    assert.equal((await t.get('/', { 'accept-language': 'de-DE' })).headers.location, '/en');
    assert.equal((await t.get('/')).headers.location, '/en');
    assert.equal((await t.get('/')).statusCode, 302);
  });

  test('/healthz answers while the process runs and /readyz checks the database', async () => {
    assert.deepEqual((await t.get('/healthz')).json(), { status: 'ok' });
    const ready = await t.get('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready' });
  });

  test('/readyz says "warming up" while start-up work runs (the search index), and ready once it is done', async () => {
    const warm = t.app.warmSearch();
    assert.deepEqual([...t.app.warmingUp], ['search'], 'the warm-up is under way from its first step');
    await warm;
    assert.equal(t.app.warmingUp.size, 0);
    assert.equal((await t.get('/readyz')).statusCode, 200);
    // While some start-up work is under way (held here, as the search index's build would be):
    t.app.warmingUp.add('search');
    try {
      const during = await t.get('/readyz');
      assert.equal(during.statusCode, 503);
      assert.deepEqual(during.json(), { status: 'warming up', waiting: ['search'] });
    } finally {
      t.app.warmingUp.delete('search');
    }
    assert.deepEqual((await t.get('/readyz')).json(), { status: 'ready' });
  });

  test('every page carries a strict Content-Security-Policy and other security headers', async () => {
    const res = await t.get('/en');
    const csp = res.headers['content-security-policy'] as string;
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.ok(res.headers['x-request-id']);
    assert.doesNotMatch(res.body, /<script>(?!.*application\/ld\+json)/);
  });

  test('a request id sent by a proxy is kept in the response', async () => {
    const res = await t.get('/en/about', { 'x-request-id': 'abc-123' });
    assert.equal(res.headers['x-request-id'], 'abc-123');
  });

  test('pages carry an ETag and answer 304 when unchanged', async () => {
    const first = await t.get('/en/packages/1');
    const etag = first.headers.etag as string;
    assert.ok(etag);
    const second = await t.get('/en/packages/1', { 'if-none-match': etag });
    assert.equal(second.statusCode, 304);
    assert.equal(second.body, '');
  });

  test('pages are compressed for clients that accept it', async () => {
    const res = await t.app.inject({ url: '/en/packages/2/stations/1', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(res.rawPayload).toString(), /Station 1 of 3/);
    const br = await t.app.inject({ url: '/en/packages/2/stations/1', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(br.headers['content-encoding'], 'br');
  });

  test('fingerprinted assets are cached for a year; unknown ones are 404', async () => {
    const page = await t.get('/en');
    const css = /href="(\/assets\/site\.[a-f0-9]{10}\.css)"/.exec(page.body)![1]!;
    const res = await t.get(css);
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['cache-control'] as string, /max-age=31536000, immutable/);
    assert.equal((await t.get('/assets/site.0000000000.css')).statusCode, 404);
    assert.equal((await t.get('/assets/../../etc/passwd')).statusCode, 404);
  });

  test('every page links its version in every language with hreflang, and the switcher keeps the page', async () => {
    const res = await t.get('/fr/library?q=partenariat');
    for (const l of languages) {
      assert.match(res.body, new RegExp(`<link rel="alternate" hreflang="${l}" href="http://localhost:3000/${l}/library\\?q=partenariat">`));
      assert.match(res.body, new RegExp(`<a href="/${l}/library\\?q=partenariat" hreflang="${l}"`));
    }
  });

  test('robots.txt points to the sitemap index, whose files list every page in every language', async () => {
    assert.match((await t.get('/robots.txt')).body, /Sitemap: http:\/\/localhost:3000\/sitemap.xml/);
    const index = (await t.get('/sitemap.xml')).body;
    const files = [...index.matchAll(/<loc>http:\/\/localhost:3000(\/[^<]+)<\/loc>/g)].map((m) => m[1]!);
    assert.deepEqual(files, ['/sitemap-pages.xml', '/sitemap-resources-1.xml']);
    const pages = (await t.get(files[0]!)).body;
    assert.match(pages, /<loc>http:\/\/localhost:3000\/ar\/packages\/2\/stations\/3<\/loc>/);
    assert.match(pages, /hreflang="en"/);
    const resources = (await t.get(files[1]!)).body;
    assert.match(resources, /<loc>http:\/\/localhost:3000\/fr\/library\/skills-ecosystem-management-toolkit<\/loc>/);
    assert.equal((await t.get('/sitemap-resources-2.xml')).statusCode, 404);
    assert.equal((await t.get('/sitemap-resources-x.xml')).statusCode, 400);
  });

  test('an unknown address gets a 404 page with ways to go on, never a stack trace', async () => {
    const res = await t.get('/en/does/not/exist');
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /Page not found/);
    const other = await t.get('/xx/whatever', { 'accept-language': 'fr' });
    assert.equal(other.statusCode, 404);
    assert.match(other.body, /<html lang="fr"/);
  });
});

describe('when something breaks inside', () => {
  test('the person gets a 500 page with a reference to quote, never the error itself', async () => {
    const { sql } = await import('kysely');
    const broken = await testApp();
    try {
      await sql`alter table spotlight_items rename to spotlight_items_gone`.execute(broken.database.db);
      const res = await broken.get('/fr/spotlight', { 'x-request-id': 'trace-me-42' });
      assert.equal(res.statusCode, 500);
      assert.match(res.body, /<html lang="fr"/);
      assert.match(res.body, /trace-me-42/);
      assert.doesNotMatch(res.body, /spotlight_items|SqliteError|error:|at .*\.ts/i);
      assert.equal((await broken.get('/readyz')).statusCode, 200);
    } finally {
      await sql`alter table spotlight_items_gone rename to spotlight_items`.execute(broken.database.db);
      await broken.close();
    }
  });
});
