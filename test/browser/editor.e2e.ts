import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FIXTURE_PASSWORD } from '../pages/fixture.ts';
import { startSuite, type Suite } from './setup.ts';

// An editor signs in on the way to the new resource form, writes a resource in English and
// French, publishes it, and finds it in the e-library search in both languages. (axe and the
// layout checks run on the back office's resource pages in pages.e2e.ts.)

let suite: Suite;

before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});

test('an editor publishes a resource in English and French and finds it in the e-library in both', async () => {
  const { base } = suite;
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/en/account/sign-in?next=${encodeURIComponent('/en/admin/resources/new')}`);
  await page.fill('#field-email', suite.fixture.people.editor.email);
  await page.fill('#field-password', FIXTURE_PASSWORD);
  await page.click('form.form button[type=submit]');
  assert.match(page.url(), /\/en\/admin\/resources\/new$/);

  await page.fill('#field-title_en', 'Guide to sector skills councils');
  await page.fill('#field-description_en', 'How a **sector skills council** brings employers and training centres together.');
  await page.fill('#field-title_fr', 'Guide des conseils sectoriels des compétences');
  await page.fill('#field-description_fr', 'Comment un conseil sectoriel des compétences réunit employeurs et centres de formation.');
  await page.selectOption('#field-type', 'guideline');
  await page.fill('#field-source', 'Browser Test Foundation');
  await page.check('input[name=themes][value=partnerships]');
  await page.click('form.form >> button:has-text("Create the draft")');
  assert.match(page.url(), /\/en\/admin\/resources\/[a-z0-9-]+\?done=created$/);
  const id = /\/en\/admin\/resources\/([a-z0-9-]+)\?/.exec(page.url())![1];

  await page.click('button:has-text("Publish")');
  assert.match(page.url(), /done=published$/);

  await page.goto(`${base}/en/library?q=sector%20councils`);
  assert.equal(await page.locator('a[href="/en/library/guide-to-sector-skills-councils"]').count(), 1);
  await page.goto(`${base}/fr/library?q=${encodeURIComponent('conseils sectoriels')}`);
  const french = page.locator('a[href="/fr/library/guide-to-sector-skills-councils"]');
  assert.equal(await french.count(), 1);
  assert.equal(await french.textContent(), 'Guide des conseils sectoriels des compétences');

  await page.goto(`${base}/en/admin/resources`);
  assert.equal(await page.locator(`a[href="/en/admin/resources/${id}"]`).count(), 1, 'the resource list has it');
  await page.goto(`${base}/en/admin/resources/${id}/revisions`);
  assert.equal(await page.locator('h1').count(), 1);
  await context.close();
});
