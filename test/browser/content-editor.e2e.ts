import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signIn, startSuite, type Suite } from './setup.ts';

// The editor for packages, stations, case studies, spotlight items and pages in Chromium: an
// editor saves a translation and finds it among the revisions, and reorders a station's challenges
// with JavaScript off and sees the public page follow. (axe and the layout checks run on every
// page type of the editor in pages.e2e.ts; their HTML is validated in test/pages/html.test.ts.)

const STATION = 'building-partnerships-within-the-wider-ecosystem';
let suite: Suite;

before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});

test('an editor saves a French link text and sees the change among the revisions', async () => {
  const context = await suite.browser.newContext();
  await signIn(suite, context, 'editor');
  const page = await context.newPage();
  await page.goto(`${suite.base}/en/admin/spotlight/pact-for-skills`);
  await page.fill('#field-linkText_fr', 'Rejoindre le pacte');
  await page.click('form.form:has(#field-title_en) button[type=submit]');
  assert.match(page.url(), /done=saved$/);
  await page.goto(`${suite.base}/en/admin/spotlight/pact-for-skills/revisions`);
  assert.equal(await page.locator('ins:has-text("Rejoindre le pacte")').count(), 1, 'the revision shows what was added');
  await context.close();
});

test('with JavaScript off, an editor reorders a station’s challenges and the public page follows', async () => {
  const context = await suite.browser.newContext({ javaScriptEnabled: false });
  await signIn(suite, context, 'editor');
  const page = await context.newPage();
  await page.goto(`${suite.base}/en/admin/stations/${STATION}`);
  const challenges = (await page.inputValue('#field-challenges_en')).split('\n');
  await page.fill('#field-challenges_en', [...challenges].reverse().join('\n'));
  await page.click('form.form:has(#field-title_en) button[type=submit]');
  assert.match(page.url(), /done=saved$/);
  await page.goto(`${suite.base}/en/packages/2/stations/1`);
  const shown = await page.locator('#challenges + ul li, section:has(#challenges) li').allTextContents();
  const first = shown.findIndex((s) => s.includes(challenges.at(-1)!));
  const last = shown.findIndex((s) => s.includes(challenges[0]!));
  assert.ok(first >= 0 && last > first, `the last challenge now comes first: ${shown.join(' | ')}`);
  await context.close();
});
