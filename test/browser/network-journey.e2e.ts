import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { centre, signIn } from '../factories/index.ts';
import { centreAdmin } from '../helpers/assessment.ts';
import { fits, phone } from './phone.ts';
import { startSuite, type Suite } from './setup.ts';

// Finding partners as a centre leader does it on a phone (issue 14), in English and Arabic: the
// directory's filters (applied as they are ticked), the map and its table, a profile and a first
// message to that centre; then a consortium of 8 full partners from 4 countries, built on the
// phone (centres found and invited, organisations outside the platform added), which the CoVE
// checklist accepts once the invited centres said yes. Every page on the way fits the phone.

let suite: Suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});

for (const lang of ['en', 'ar'] as const) {
  test(`a centre leader finds a partner through the directory and the map, and writes to it, on a phone (${lang})`, async () => {
    const admin = await centreAdmin(suite.app, { country: 'AL', sectors: ['tourism'] });
    const { context, page } = await phone(suite, admin);
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

for (const lang of ['en', 'ar'] as const) {
  test(`a centre leader builds a consortium of 8 partners from 4 countries that the checklist accepts, on a phone (${lang})`, async () => {
    const admin = await centreAdmin(suite.app, { country: 'AL', sectors: ['tourism'] });
    const partners = [
      { name: `Istituto Tecnico Journey ${lang}`, country: 'IT', eqfLevels: [3, 4] },
      { name: `Centro FP Journey ${lang}`, country: 'ES', eqfLevels: [5, 6] },
      { name: `Ammattiopisto Journey ${lang}`, country: 'FI', eqfLevels: [7, 8] },
    ];
    const invited = [];
    for (const p of partners) invited.push(await centre(suite.app, { ...p, type: 'training-centre', city: 'Journey' }));
    const { context, page } = await phone(suite, admin);
    try {
      await page.goto(`${suite.base}/${lang}/account/centres/${admin.slug}/consortia`);
      await fits(page, 'the consortia page');
      await page.fill('#field-title', 'Tourism skills around the Mediterranean');
      await page.check('input[name="rules"][value="cove-2022"]');
      await Promise.all([page.waitForURL(/\/consortia\/\d+/), page.click('main form.form button[type=submit]')]);
      const path = new URL(page.url()).pathname;
      await fits(page, 'a new consortium');

      // Three centres of the platform, found by name and invited.
      for (const p of partners) {
        await page.fill('#field-q', p.name);
        await Promise.all([page.waitForURL(/\?q=/), page.press('#field-q', 'Enter')]);
        await Promise.all([page.waitForURL((u) => u.pathname === path), page.click(`li.match:has-text("${p.name}") button[type=submit]`)]);
      }
      // Four organisations outside the platform: an enterprise in each country.
      for (const [name, country] of [
        ['Albtours', 'AL'],
        ['Gruppo Alberghi', 'IT'],
        ['Hoteles del Sur', 'ES'],
        ['Matkailu Oy', 'FI'],
      ] as const) {
        await page.fill('#field-name', name);
        await page.selectOption('#field-country', country);
        await page.selectOption('#field-kind', 'company');
        await Promise.all([page.waitForURL((u) => u.pathname === path), page.click('.consortium-outside button[type=submit]')]);
      }
      assert.ok((await page.locator('li.rule-missing').count()) > 0, 'invited centres do not count before they answer');

      // The invited centres say yes, each from its own page.
      const id = /\d+$/.exec(path)![0];
      for (const c of invited) {
        const a = await signIn(suite.app, c.admin);
        const own = `/en/account/centres/${c.slug}/consortia/${id}`;
        assert.equal((await a.post(`${own}/answer`, { answer: 'accept' }, own)).statusCode, 303);
      }
      await page.reload();
      assert.equal(await page.locator('li.rule-missing').count(), 0, 'every rule met');
      assert.equal(await page.locator('li.rule-met').count(), 5);
      await fits(page, 'the consortium, every rule met');
    } finally {
      await context.close();
    }
  });
}
