import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { engine, testApp, type TestApp } from '../../test/helpers/app.ts';

// A cached public page is sent from the app's onRequest hook, straight from the page cache
// (app-context.ts, sendCached), before any handler runs. Nothing a page needs may be lost on
// that path: every request below after the first is served from it.

const TOKEN = 'a-long-metrics-token-for-tests';
const STATION = '/en/packages/2/stations/1';
const gzip = { 'accept-encoding': 'gzip' };
const KEPT = [
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'x-frame-options',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'permissions-policy',
  'vary',
  'cache-control',
  'etag',
  'content-type',
  'content-encoding',
];

describe(`a cached page sent from the page cache (${engine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ env: { METRICS_TOKEN: TOKEN } });
  });
  after(() => t.close());

  test('has the headers and the bytes of the page as first rendered, and a request id of its own', async () => {
    const first = await t.get(STATION, gzip);
    const again = await t.get(STATION, gzip);
    assert.equal(first.statusCode, 200);
    assert.equal(again.statusCode, 200);
    for (const name of KEPT) assert.equal(again.headers[name], first.headers[name], name);
    assert.equal(again.headers['content-encoding'], 'gzip');
    assert.equal(again.headers.vary, 'Accept-Encoding');
    assert.deepEqual(gunzipSync(again.rawPayload), gunzipSync(first.rawPayload));
    assert.match(gunzipSync(again.rawPayload).toString(), /Station 1 of 3/);
    assert.ok(first.headers['x-request-id'] && again.headers['x-request-id']);
    assert.notEqual(again.headers['x-request-id'], first.headers['x-request-id']);
  });

  test('answers 304 to its ETag, with the security headers', async () => {
    const { etag } = (await t.get(STATION)).headers;
    const res = await t.get(STATION, { 'if-none-match': String(etag) });
    assert.equal(res.statusCode, 304);
    assert.equal(res.body, '');
    assert.equal(res.headers.etag, etag);
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.ok(res.headers['content-security-policy']);
  });

  test('is sent uncompressed, or in brotli, as the client asks', async () => {
    const plain = await t.get(STATION, { 'accept-encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(plain.body, /Station 1 of 3/);
    assert.equal((await t.get(STATION, { 'accept-encoding': 'br, gzip' })).headers['content-encoding'], 'br');
  });

  test('keeps a request id given by a proxy', async () => {
    await t.get(STATION);
    assert.equal((await t.get(STATION, { 'x-request-id': 'proxy-7' })).headers['x-request-id'], 'proxy-7');
  });

  test('reaches a visitor whose cookies are not a session, byte for byte', async () => {
    const first = await t.get(STATION, { 'accept-encoding': 'identity' });
    const res = await t.get(STATION, { 'accept-encoding': 'identity', cookie: 'theme=dark; intve_csrf=abc' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, first.body);
    assert.equal(res.headers['cache-control'], 'no-cache');
  });

  test('counts in the request metrics under its route', async () => {
    const count = async () => {
      const body = (await t.get('/metrics', { authorization: `Bearer ${TOKEN}` })).body;
      const line = body
        .split('\n')
        .find(
          (l) =>
            l.startsWith('http_request_duration_seconds_count{') &&
            l.includes('route="/{lang}/packages/:number/stations/:position"') &&
            l.includes('status_code="200"'),
        );
      return line ? Number(line.split(' ').pop()) : 0;
    };
    await t.get(STATION);
    const before = await count();
    await t.get(STATION);
    await t.get(STATION);
    assert.equal((await count()) - before, 2);
  });

  test('a HEAD request and a POST are not taken from the cache', async () => {
    await t.get(STATION);
    const head = await t.app.inject({ method: 'HEAD', url: STATION });
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, '');
    const post = await t.app.inject({ method: 'POST', url: STATION });
    assert.equal(post.statusCode, 404);
  });

  test('a query string the page does not read neither renders it again nor takes another place in the cache', async () => {
    const entries = async () => {
      const body = (await t.get('/metrics', { authorization: `Bearer ${TOKEN}` })).body;
      return Number(/^page_cache_entries\{cache="pages"\} (\d+)$/m.exec(body)?.[1]);
    };
    const page = await t.get(STATION, gzip);
    const before = await entries();
    assert.ok(before >= 1);
    for (let i = 0; i < 5; i++) {
      const junk = await t.get(`${STATION}?junk=${i}`, gzip);
      assert.equal(junk.statusCode, 200);
      assert.equal(junk.headers.etag, page.headers.etag);
    }
    assert.equal(await entries(), before);
    // Pages that read their query keep one entry per canonical address.
    await t.get('/en/self-assessment/framework?core=1&junk=1');
    await t.get('/en/self-assessment/framework?junk=2&core=1');
    assert.equal(await entries(), before + 1);
  });
});
