import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertValidHtml, pageCases, startApp, url, type RunningApp } from './pages.ts';

// Every page type's HTML, fetched over HTTP as a browser would get it, validated by html-validate.

let app: RunningApp;

before(async () => {
  app = await startApp();
});

after(async () => {
  await app?.close();
});

for (const lang of ['en', 'ar'] as const) {
  for (const p of pageCases) {
    test(`valid HTML: ${p.name} (${lang})`, async () => {
      const response = await fetch(`${app.base}${url(lang, p)}`);
      assert.equal(response.status, p.status);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      await assertValidHtml(await response.text(), url(lang, p));
    });
  }
}
