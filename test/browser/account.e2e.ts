import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createUser } from '../../src/modules/accounts/repository.ts';
import { hashPassword } from '../../src/modules/accounts/passwords.ts';
import { assertNoViolations, langs, launchBrowser, startApp, type RunningApp } from './pages.ts';

// The account pages as a person uses them: a form sent back with errors, signing in through the
// real form, the account page. axe (WCAG 2.1 AA) finds nothing on any of them, in every language.

const PASSWORD = 'a quiet harbour lamp 58';

let app: RunningApp;
let browser: Browser;

before(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.close();
});

const axe = assertNoViolations;

for (const lang of langs) {
  test(`registration errors, signing in, the account page and a centre's pages have no accessibility violations (${lang})`, async () => {
    const email = `browser-${lang}@centre.example`;
    await createUser(app.app.database.db, { email, name: 'Leila Benali', passwordHash: await hashPassword(PASSWORD), lang, confirmed: true });
    const context = await browser.newContext();
    const page = await context.newPage();

    await page.goto(`${app.base}/${lang}/account/register`);
    await page.fill('#field-name', 'Leila Benali');
    await page.fill('#field-email', 'leila@centre.example');
    await page.fill('#field-password', 'password1');
    await page.click('form.form button[type=submit]');
    assert.equal(await page.locator('.error-summary').count(), 1);
    assert.equal(await page.inputValue('#field-name'), 'Leila Benali', 'the form keeps what was typed');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true, 'focus moves to the summary');
    await axe(page, `register with errors (${lang})`);

    await page.goto(`${app.base}/${lang}/account`);
    assert.match(page.url(), /\/account\/sign-in\?next=/);
    await page.fill('#field-email', email);
    await page.fill('#field-password', PASSWORD);
    await page.click('form.form button[type=submit]');
    assert.match(page.url(), new RegExp(`/${lang}/account$`));
    assert.equal(await page.locator('h1').count(), 1);
    await axe(page, `account page (${lang})`);

    // A centre: the form, the management page, the public page.
    await page.goto(`${app.base}/${lang}/account/centres/new`);
    await axe(page, `new centre form (${lang})`);
    await page.fill('#field-name', `Centre ${lang.toUpperCase()} Browser`);
    await page.selectOption('#field-country', 'MA');
    await page.fill('#field-city', 'Casablanca');
    await page.check('input[name=type][value=vet-school]');
    await page.check('input[name=published]');
    await page.click('form.form button[type=submit]');
    assert.match(page.url(), /\/account\/centres\/centre-[a-z]+-browser\?done=created$/);
    await axe(page, `centre management page (${lang})`);
    await page.click('a[href$="-browser"]');
    assert.match(page.url(), /\/centres\/centre-[a-z]+-browser$/);
    await axe(page, `public centre page (${lang})`);
    await context.close();
  });
}

test('the back office pages have no accessibility violations (en, fr, ar)', async () => {
  const email = 'browser-admin@centre.example';
  await createUser(app.app.database.db, { email, name: 'Ana Admin', passwordHash: await hashPassword(PASSWORD), lang: 'en', role: 'admin', confirmed: true });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.base}/en/account/sign-in`);
  await page.fill('#field-email', email);
  await page.fill('#field-password', PASSWORD);
  await page.click('form.form button[type=submit]');
  for (const lang of langs) {
    for (const path of ['/admin', '/admin/people', '/admin/outbox', '/admin/audit']) {
      await page.goto(`${app.base}/${lang}${path}`);
      assert.equal(await page.locator('h1').count(), 1, path);
      await axe(page, `${path} (${lang})`);
    }
  }
  await context.close();
});
