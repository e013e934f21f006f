import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { hashPassword } from '../../src/modules/accounts/passwords.ts';
import { createUser } from '../../src/modules/accounts/repository.ts';
import { assertNoViolations as noViolations, launchBrowser, startApp, type RunningApp } from './pages.ts';

// An editor writes a resource in English and French, publishes it, and finds it in the e-library
// search in both languages; axe finds nothing on the back-office pages on the way.

const PASSWORD = 'an editor in the browser 64';
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

test('an editor publishes a resource in English and French and finds it in the e-library in both', async () => {
  await createUser(app.app.database.db, { email: 'eva@editors.example', name: 'Eva Editor', passwordHash: await hashPassword(PASSWORD), lang: 'en', role: 'editor', confirmed: true });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.base}/en/account/sign-in?next=${encodeURIComponent('/en/admin/resources/new')}`);
  await page.fill('#field-email', 'eva@editors.example');
  await page.fill('#field-password', PASSWORD);
  await page.click('form.form button[type=submit]');
  assert.match(page.url(), /\/en\/admin\/resources\/new$/);
  await noViolations(page, 'new resource form');

  await page.fill('#field-title_en', 'Guide to regional skills councils');
  await page.fill('#field-description_en', 'How a **regional skills council** brings employers and training centres together.');
  await page.fill('#field-title_fr', 'Guide des conseils régionaux des compétences');
  await page.fill('#field-description_fr', 'Comment un conseil régional des compétences réunit employeurs et centres de formation.');
  await page.selectOption('#field-type', 'guideline');
  await page.fill('#field-source', 'Browser Test Foundation');
  await page.check('input[name=themes][value=partnerships]');
  await page.click('form.form >> button:has-text("Create the draft")');
  assert.match(page.url(), /\/en\/admin\/resources\/[a-z0-9-]+\?done=created$/);
  await noViolations(page, 'resource editing page');

  await page.click('button:has-text("Publish")');
  assert.match(page.url(), /done=published$/);

  await page.goto(`${app.base}/en/library?q=councils`);
  assert.equal(await page.locator('a[href="/en/library/guide-to-regional-skills-councils"]').count(), 1);
  await page.goto(`${app.base}/fr/library?q=${encodeURIComponent('conseils régionaux')}`);
  const french = page.locator('a[href="/fr/library/guide-to-regional-skills-councils"]');
  assert.equal(await french.count(), 1);
  assert.equal(await french.textContent(), 'Guide des conseils régionaux des compétences');

  await page.goto(`${app.base}/en/admin/resources`);
  await noViolations(page, 'resource list');
  const id = /\/en\/admin\/resources\/([a-z0-9-]+)/.exec((await page.locator('a[href^="/en/admin/resources/"][lang="en"]').first().getAttribute('href'))!)![1];
  await page.goto(`${app.base}/en/admin/resources/${id}/revisions`);
  await noViolations(page, 'revisions');
  await context.close();
});
