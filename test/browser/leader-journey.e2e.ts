import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { centreAdmin, respond } from '../helpers/assessment.ts';
import { scanQr } from '../helpers/qr.ts';
import { addAction, chooseFocus, openedDaysAgo } from '../helpers/recognition.ts';
import { fits, phone } from './phone.ts';
import { startSuite, type Suite } from './setup.ts';

// The self-assessment as a centre leader walks it on a phone (issue 11), in English and Arabic:
// found from the menu, started with the recommended set, shared (copy button, QR code, poster),
// answered, closed, read (summary first), acted on ("Add to plan" from the report) and recognised
// (the certificate's preview, confirmed). Every page on the way fits the phone: the layout checks
// (no sideways scroll, controls beside labels, the header's height, chart text) find nothing.

let suite: Suite;
before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});

for (const lang of ['en', 'ar'] as const) {
  test(`a centre leader finds, starts, shares, reads, plans and is recognised on a phone (${lang})`, async () => {
    // A visitor finds the self-assessment in the menu and its way to start.
    const visitor = await phone(suite);
    await visitor.page.goto(`${suite.base}/${lang}/`);
    await fits(visitor.page, 'home');
    await visitor.page.click('header .header-menu summary');
    await visitor.page.click(`header nav a[href="/${lang}/self-assessment"]`);
    assert.equal(new URL(visitor.page.url()).pathname, `/${lang}/self-assessment`);
    await fits(visitor.page, 'the self-assessment page');
    await visitor.page.click(`main a[href="/${lang}/account/self-assessment/start"]`);
    assert.match(new URL(visitor.page.url()).pathname, new RegExp(`^/${lang}/account/sign-in`), 'starting asks a visitor to sign in');
    await visitor.context.close();

    // The leader, signed in with a centre of their own, starts a round with the recommended set.
    const admin = await centreAdmin(suite.app);
    const { context, page } = await phone(suite, admin);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.base });
    await page.goto(`${suite.base}/${lang}/self-assessment`);
    await page.click(`main a[href="/${lang}/account/self-assessment/start"]`);
    assert.equal(new URL(page.url()).pathname, `/${lang}/account/centres/${admin.slug}/self-assessment/new`);
    await fits(page, 'the start form');
    assert.match((await page.locator('#round-total').getAttribute('class')) ?? '', /\benough\b/, 'the default set can lead to the certificate');
    await page.fill('#field-title', `Spring round (${lang})`);
    await page.click('form.round-form button[type=submit]');
    assert.match(page.url(), /\/rounds\/\d+\?done=created$/);
    const roundPath = new URL(page.url()).pathname;
    const roundId = Number(/\/rounds\/(\d+)$/.exec(roundPath)![1]);
    await fits(page, "the round's page");

    // Sharing: the copy button copies the link, the QR code reads as the link, the poster is a PDF.
    const field = page.locator('input.share-link').first();
    const link = await field.inputValue();
    assert.match(link, new RegExp(`/${lang}/survey/[A-Za-z0-9_-]{43}$`));
    const share = page.locator('.share').first();
    await share.locator('button.copy-button[data-copy^="link-"]').click();
    await assert.doesNotReject(() => share.locator('.copy-status').filter({ hasText: /\S/ }).waitFor({ timeout: 2000 }));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    await share.locator('details.share-more summary').click();
    const qr = await share.locator('svg.share-qr').screenshot();
    assert.equal(await scanQr(qr), link, 'the QR code on the screen reads as the link');
    const poster = await page.request.get(`${suite.base}${await share.locator('.poster-links a').first().getAttribute('href')}`);
    assert.equal(poster.status(), 200);
    assert.equal(poster.headers()['content-type'], 'application/pdf');

    // Every group answers, three people each; the round had opened three weeks before, and closes.
    const links = await page.locator('input.share-link').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    assert.ok(links.length >= 4, `${links.length} groups with a link`);
    for (const l of links) for (let i = 0; i < 3; i++) await respond(suite.app, l.replace(/^.*\/survey\//, ''), () => '4');
    await openedDaysAgo(suite.app, roundId, 21);
    await page.reload();
    await page.click(`form[action="${roundPath}/close"] button[type=submit]`);
    await page.waitForURL(/done=/);

    // The report: the summary and its contents first; "Add to plan" leads to a prefilled action.
    await page.goto(`${suite.base}${roundPath}/report`);
    await fits(page, 'the report');
    const order = await page.evaluate(() =>
      ['#summary', '#recommendations', '#contents'].map((s) => document.querySelector(s)?.getBoundingClientRect().top ?? -1),
    );
    assert.ok(
      order.every((y, i) => y >= 0 && (i === 0 || y > order[i - 1]!)),
      `summary, where to start, contents in that order: ${order.join(', ')}`,
    );
    const addLink = page.locator('a.add-to-plan').first();
    const criterion = new URL((await addLink.getAttribute('href'))!, suite.base).searchParams.get('criterion')!;
    const focus = [criterion, criterion === 'programme-relevance' ? 'work-based-learning' : 'programme-relevance'];
    await chooseFocus(admin, roundPath.replace(`/${lang}/`, '/en/'), focus);
    await addLink.click();
    assert.match(new URL(page.url()).pathname, /\/plan\/new-action$/);
    await fits(page, 'the new action, prefilled');
    assert.notEqual(await page.locator('#field-title').inputValue(), '', 'the recommended action gives the title');
    await page.fill('#field-owner', lang === 'ar' ? 'رئيسة قسم الضيافة' : 'Head of hospitality');
    await page.click(`form[action$="/plan/actions"] button[type=submit]`);
    assert.match(page.url(), /\/plan\?done=added#action-\d+$/);
    await fits(page, 'the plan with its action');
    await addAction(admin, roundPath.replace(`/${lang}/`, '/en/'), focus[1]!);

    // Recognition: every rule met, a preview to confirm, then the verification page.
    await page.goto(`${suite.base}${roundPath}`);
    assert.equal(await page.locator('.checks .check-missing').count(), 0, 'every rule is met');
    await page.click(`form[action="${roundPath}/certificate"] button[type=submit]`);
    await fits(page, "the certificate's preview");
    await page.click('form:has(input[name=confirm]) button[type=submit]');
    assert.match(new URL(page.url()).pathname, new RegExp(`^/${lang}/certificates/[0-9A-Z]{5}-[0-9A-Z]{5}$`));
    await fits(page, 'the verification page');
    await context.close();
  });
}
