import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testApp, type TestApp } from '../../test/helpers/app.ts';

// A size budget, not a timing: older phones on slow connections download every byte.
const BUDGET = 40 * 1024;

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

test('a station page with all its CSS and JS weighs under 40 KB compressed, in every language', async () => {
  for (const lang of ['en', 'fr', 'ar']) {
    const page = await t.app.inject({ url: `/${lang}/packages/2/stations/3`, headers: { 'accept-encoding': 'br, gzip' } });
    const html = (await t.get(`/${lang}/packages/2/stations/3`)).body;
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]!);
    assert.ok(assets.length >= 2, 'the page links its stylesheet and script');
    let total = page.rawPayload.length;
    for (const url of assets) total += (await t.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } })).rawPayload.length;
    assert.ok(total < BUDGET, `${lang}: ${total} bytes`);
  }
});
