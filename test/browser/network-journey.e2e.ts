import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { centreAdmin, type CentreAdmin } from '../helpers/assessment.ts';
import { checkLayout } from './layout.ts';
import { PHONE, startSuite, type Suite } from './setup.ts';

// Finding a partner as a centre leader does it on a phone (issue 14), in English and Arabic:
// the directory's filters (applied as they are ticked), the map and its table, a profile, and a
// first message to that centre, which its members then read. Every page on the way fits the
// phone (layout.ts).

let suite: Suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});

async function fits(page: Page, step: string): Promise<void> {
  const problems = await checkLayout(page);
  assert.deepEqual(
    problems.map((p) => `${p.kind}: ${p.message}`),
    [],
    `${step} (${page.url()}) fits a phone`,
  );
}

async function phone(admin: CentreAdmin): Promise<{ context: BrowserContext; page: Page }> {
  const context = await suite.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  await context.addCookies([...admin.a.cookies].map(([name, value]) => ({ name, value, url: suite.base })));
  return { context, page: await context.newPage() };
}

for (const lang of ['en', 'ar'] as const) {
  test(`a centre leader finds a partner through the directory and the map, and writes to it, on a phone (${lang})`, async () => {
    const admin = await centreAdmin(suite.app, { country: 'AL', sectors: ['tourism'] });
    const { context, page } = await phone(admin);
    try {
      await page.goto(`${suite.base}/${lang}/centres`);
      await fits(page, 'the directory');
      // The filters are folded on a phone; ticking one applies it at once.
      await page.click('details.filters > summary');
      await Promise.all([page.waitForURL(/offers=work-placements/), page.check('input[name="offers"][value="work-placements"]')]);
      assert.match((await page.textContent('.results-list')) ?? '', /Centre de formation d’Agadir/);
      await fits(page, 'the directory, filtered');

      // The same filter on the map; Morocco's row in its table leads back to the list, narrowed.
      await Promise.all([page.waitForURL(/\/centres\/map\?offers=work-placements/), page.click('.directory-links a[href*="/centres/map"]')]);
      await fits(page, 'the map');
      assert.equal((await page.locator('svg a').count()) > 0, true, 'countries with centres are links on the map');
      await Promise.all([page.waitForURL(/country=MA/), page.click('table a[href*="country=MA"]')]);
      assert.match((await page.textContent('.results-list')) ?? '', /Centre de formation d’Agadir/);

      // The profile, and "Write to this centre".
      await Promise.all([page.waitForURL(/\/centres\/[a-z0-9-]+$/), page.click('.results-list a:has-text("Centre de formation d’Agadir")')]);
      await fits(page, 'the profile');
      await Promise.all([page.waitForURL(/\/messages\/new\?to=/), page.click(`main a[href^="/${lang}/account/messages/new"]`)]);
      await fits(page, 'the message form');
      await page.fill('#field-subject', 'Work placements in Agadir');
      await page.fill('#field-body', 'Could two of our cooks join your placements in May?\nThey speak French.');
      await Promise.all([page.waitForURL(/\/messages\/\d+\?done=sent/), page.click('main form button[type=submit]')]);
      assert.match((await page.textContent('.messages')) ?? '', /Could two of our cooks join your placements in May\?/);
      await fits(page, 'the conversation');
    } finally {
      await context.close();
    }
  });
}
