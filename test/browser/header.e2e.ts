import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, PHONE, startSuite, type Suite } from './setup.ts';

// The header without JavaScript: on a phone one short row whose menu button opens the navigation
// and search; on a wide screen the navigation inline; the questionnaire's header minimal.

let suite: Suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});

for (const lang of ['en', 'ar'] as const) {
  test(`on a phone without JavaScript the header is one short row whose menu opens (${lang})`, async () => {
    const context = await suite.browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${suite.base}/${lang}/packages/1/stations/1`);
    const height = await page.evaluate(() => document.querySelector('.site-header')!.getBoundingClientRect().height);
    assert.ok(height <= 120, `the header is ${height} px tall`);
    const library = page.locator(`header nav a[href="/${lang}/library"]`);
    assert.equal(await library.isVisible(), false, 'the navigation waits behind the menu button');
    await page.click('header .header-menu summary');
    assert.ok(await library.isVisible(), 'the menu button shows the navigation');
    assert.ok(await page.locator('header input[type=search]').isVisible(), 'and the search');
    await page.click('header .header-languages summary');
    await page.click(`header a[hreflang="fr"]`);
    assert.equal(new URL(page.url()).pathname, '/fr/packages/1/stations/1');
    await context.close();
  });

  test(`on a wide screen without JavaScript the navigation and search show inline (${lang})`, async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${suite.base}/${lang}/`);
    assert.ok(await page.locator(`header nav a[href="/${lang}/library"]`).isVisible());
    assert.ok(await page.locator('header input[type=search]').isVisible());
    assert.ok(await page.locator(`header a[hreflang="fr"]`).isVisible());
    assert.equal(await page.locator('header .header-menu summary').isVisible(), false);
    await context.close();
  });
}
