import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testApp, type TestApp } from '../../test/helpers/app.ts';

// A size budget, not a timing: older phones on slow connections download every byte. It counts
// the page and everything it loads: its stylesheet (and anything the stylesheet loads), its
// scripts, the icon and any image, however referenced.
const BUDGET = 20 * 1024;

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const compressed = { 'accept-encoding': 'br, gzip' };
/** Addresses on this site that a document loads: src, href of stylesheets and icons, srcset, CSS url(). */
const loaded = (text: string, html: boolean) =>
  [
    ...(html
      ? [
          ...text.matchAll(/<(?:img|script|source|image|use|iframe|embed|video|audio|input)\b[^>]*?\s(?:src|href|xlink:href)="(\/[^"/][^"]*)"/g),
          ...text.matchAll(/<link\b(?=[^>]*\brel="(?:stylesheet|icon|preload|modulepreload|apple-touch-icon)")[^>]*\bhref="(\/[^"/][^"]*)"/g),
          ...[...text.matchAll(/\ssrcset="([^"]+)"/g)].flatMap((m) => m[1]!.split(',').map((c) => [c, c.trim().split(/\s+/)[0]!])),
        ]
      : []),
    ...text.matchAll(/url\(\s*["']?(\/[^"')]+)["']?\s*\)/g),
  ].map((m) => m[1]!);

test('a station page with everything it loads weighs under 20 KB compressed, in every language', async () => {
  for (const lang of ['en', 'fr', 'ar']) {
    const url = `/${lang}/packages/2/stations/3`;
    const page = await t.app.inject({ url, headers: compressed });
    assert.equal(page.statusCode, 200);
    const html = (await t.get(url)).body;
    const seen = new Set<string>();
    const queue = loaded(html, true);
    assert.ok(queue.length >= 3, 'the page links its stylesheet, script and icon');
    let total = page.rawPayload.length;
    const parts: string[] = [`page ${page.rawPayload.length}`];
    while (queue.length) {
      const asset = queue.shift()!;
      if (seen.has(asset)) continue;
      seen.add(asset);
      const res = await t.app.inject({ url: asset, headers: compressed });
      assert.equal(res.statusCode, 200, asset);
      total += res.rawPayload.length;
      parts.push(`${asset} ${res.rawPayload.length}`);
      if (/css/.test(String(res.headers['content-type']))) queue.push(...loaded((await t.app.inject({ url: asset })).body, false));
    }
    assert.ok(total < BUDGET, `${lang}: ${total} bytes (${parts.join(', ')})`);
  }
});
