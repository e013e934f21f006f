import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../src/modules/accounts/passwords.ts';
import { createUser } from '../../src/modules/accounts/repository.ts';
import { assertNoViolations, assertValidHtml, langs, launchBrowser, startApp, type RunningApp } from './pages.ts';

// The editor for packages, stations, case studies, spotlight items and pages in Chromium: every
// page type it has passes axe and html-validate in three languages, and an editor reorders a
// station's challenges with JavaScript off and sees the public page follow.

const PASSWORD = 'content pages in the browser 77';
const STATION = 'building-partnerships-within-the-wider-ecosystem';
let app: RunningApp;
let browser: Browser;

before(async () => {
  app = await startApp();
  browser = await launchBrowser();
  await createUser(app.app.database.db, { email: 'cleo@editors.example', name: 'Cleo Content', passwordHash: await hashPassword(PASSWORD), lang: 'en', role: 'editor', confirmed: true });
});
after(async () => {
  await browser?.close();
  await app?.close();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${app.base}/en/account/sign-in`);
  await page.fill('#field-email', 'cleo@editors.example');
  await page.fill('#field-password', PASSWORD);
  await page.click('form.form button[type=submit]');
}

/** axe in the browser, html-validate on the HTML the server sent. */
async function check(page: Page, path: string, what: string): Promise<void> {
  const response = await page.goto(`${app.base}${path}`);
  assert.equal(response?.status(), 200, path);
  assert.equal(await page.locator('h1').count(), 1, path);
  await assertNoViolations(page, what);
  await assertValidHtml(await response.text(), path);
}

test('every page of the content editor passes axe and html-validate (en, fr, ar)', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page);
  // A save first, so the revisions page has changes to show.
  await page.goto(`${app.base}/en/admin/spotlight/ene`);
  await page.fill('#field-linkText_fr', 'Le réseau ENE');
  await page.click('form.form:has(#field-title_en) button[type=submit]');
  assert.match(page.url(), /done=saved$/);
  for (const lang of langs) {
    for (const [path, what] of [
      ['/admin', 'dashboard'],
      ['/admin/packages', 'package list'],
      ['/admin/packages/building-skills-ecosystems', 'package form with its checklist'],
      [`/admin/stations/${STATION}`, 'station form'],
      ['/admin/case-studies/new', 'new case study form'],
      ['/admin/spotlight/ene/revisions', 'revisions'],
      ['/admin/pages/about', 'page form'],
      [`/admin/stations/${STATION}/preview`, 'station preview'],
    ] as const) {
      await check(page, `/${lang}${path}`, `${what} (${lang})`);
    }
    // The form with errors: the summary, the messages and the fields tied together.
    await page.goto(`${app.base}/${lang}/admin/case-studies/new`);
    await page.click('form.form:has(#field-title_en) button[type=submit]');
    assert.equal(await page.locator('.error-summary').count(), 1);
    await assertNoViolations(page, `case study form with errors (${lang})`);
  }
  await context.close();
});

test('with JavaScript off, an editor reorders a station’s challenges and the public page follows', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`${app.base}/en/admin/stations/${STATION}`);
  const challenges = (await page.inputValue('#field-challenges_en')).split('\n');
  await page.fill('#field-challenges_en', [...challenges].reverse().join('\n'));
  await page.click('form.form:has(#field-title_en) button[type=submit]');
  assert.match(page.url(), /done=saved$/);
  await page.goto(`${app.base}/en/packages/2/stations/1`);
  const shown = await page.locator('#challenges + ul li, section:has(#challenges) li').allTextContents();
  const first = shown.findIndex((s) => s.includes(challenges.at(-1)!));
  const last = shown.findIndex((s) => s.includes(challenges[0]!));
  assert.ok(first >= 0 && last > first, `the last challenge now comes first: ${shown.join(' | ')}`);
  await context.close();
});
