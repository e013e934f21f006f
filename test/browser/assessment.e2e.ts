import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { respond } from '../helpers/assessment.ts';
import { PHONE, signIn, startSuite, type Suite } from './setup.ts';

// The self-assessment in Chromium: a centre leader starts a round in the browser, a learner
// answers the whole questionnaire on a phone-sized screen with JavaScript off, and the leader
// sets the plan's focus areas and adds an action. (axe and the layout checks run on every page
// type of the self-assessment in pages.e2e.ts; their HTML is validated in test/pages/html.test.ts.)

let suite: Suite;
let roundPath: string;
let learners: string;

before(async () => {
  suite = await startSuite();
});
after(async () => {
  await suite?.close();
});

test('on the start form, counters, the running total and answering times follow the ticks (en, ar)', async () => {
  const context = await suite.browser.newContext();
  await signIn(suite, context, 'member');
  const page = await context.newPage();
  await page.goto(`${suite.base}/en/account/centres/${suite.fixture.centre}/self-assessment/new`);
  const total = page.locator('#round-total');
  assert.match(await total.innerText(), /51 statements chosen\. Enough for the certificate/);
  const first = page.locator('details.picker-criterion').first();
  await first.locator('summary').click();
  await first.locator('button[data-select="none"]').click();
  assert.match(await first.locator('summary').innerText(), /0 of 5 chosen/);
  assert.match(await total.innerText(), /48 statements chosen\./);
  await first.locator('button[data-select="all"]').click();
  assert.match(await first.locator('summary').innerText(), /5 of 5 chosen/);
  assert.match(await total.innerText(), /53 statements chosen\. Enough/);
  // A ready-made set, applied in place: the title typed stays.
  await page.fill('#field-title', 'Typed before the set');
  await page.click('a[data-preset="core"]');
  // (The suite's fixture lowers the certificate's minimum to 3; the HTTP tests check the hint at 50.)
  assert.match(await total.innerText(), /30 statements chosen\. Enough for the certificate, which needs at least 3\./);
  assert.equal(await page.inputValue('#field-title'), 'Typed before the set');
  // Each group's answering time counts the centre's own statements too.
  const alumni = page.locator('[data-estimate="alumni"]');
  const before = await alumni.innerText();
  await page.fill('#field-own1', 'Our canteen serves local food.');
  assert.notEqual(await alumni.innerText(), before);
  assert.match(await alumni.innerText(), /statements, about \d+ minutes/);
  await page.goto(`${suite.base}/ar/account/centres/${suite.fixture.centre}/self-assessment/new?preset=core`);
  await page.locator('details.picker-criterion').first().locator('summary').click();
  await page.locator('details.picker-criterion').first().locator('button[data-select="all"]').click();
  assert.match(await page.locator('#round-total').innerText(), /اختيرت 33 عبارة\./);
  await context.close();
});

test('a centre administrator starts a round in the browser with the recommended set', async () => {
  const context = await suite.browser.newContext();
  await signIn(suite, context, 'member');
  const page = await context.newPage();
  await page.goto(`${suite.base}/en/account/centres/${suite.fixture.centre}`);
  await page.click('text=Self-assessment: rounds, reports and plans');
  await page.click('text=Start a new round');
  await page.fill('#field-title', 'First round 2026');
  await page.fill('#field-own1', 'Our workshops are open to local companies.');
  await page.click('form.round-form button[type=submit]');
  assert.match(page.url(), /\/rounds\/\d+\?done=created$/);
  roundPath = new URL(page.url()).pathname.replace(/^\/en/, '');
  const shared = await page.locator('tbody:has(th:text("Learners")) input.share-link').inputValue();
  // The page shows the link on the platform's public address; the test server listens elsewhere.
  assert.match(shared, /^http:\/\/localhost:3000\/en\/survey\/[A-Za-z0-9_-]{43}$/);
  learners = `${suite.base}${new URL(shared).pathname}`;
  await context.close();
});

test('a learner answers the whole questionnaire on a phone with JavaScript off', async () => {
  const context = await suite.browser.newContext({ javaScriptEnabled: false, viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(learners);
  // Nothing on the page is wider than the screen.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await page.click('form.start-form button[type=submit]');
  let pages = 0;
  while (!page.url().endsWith('/check')) {
    pages++;
    assert.match(await page.locator('.progress label').innerText(), new RegExp(`Page ${pages} of \\d+`));
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `page ${pages} fits the screen`);
    const questions = page.locator('fieldset.question');
    const count = await questions.count();
    assert.ok(count > 0);
    for (let i = 0; i < count; i++) await questions.nth(i).locator('label:has-text("Agree")').last().click();
    await page.click('button[value=next]');
  }
  assert.ok(pages >= 10, `${pages} pages`);
  await page.click('text=Send my answers');
  assert.equal(await page.locator('h1').innerText(), 'Thank you');
  await context.close();
  // Two more learners, so the group's results may show.
  for (let i = 0; i < 2; i++) await respond(suite.app, learners.replace(/^.*\/survey\//, ''), () => '3');
});

test('the centre leader chooses the plan’s focus areas and adds an action in the browser', async () => {
  // The round closes, so its results (and the plan's suggestions) are released.
  const leader = suite.fixture.people.member.agent;
  assert.equal((await leader.post(`/en${roundPath}/close`, {}, `/en${roundPath}`)).statusCode, 303);
  const context = await suite.browser.newContext();
  await signIn(suite, context, 'member');
  const page = await context.newPage();
  await page.goto(`${suite.base}/en${roundPath}/plan`);
  await page.click('form.plan-forms button[type=submit]');
  await page.selectOption('#field-criterion', { index: 1 });
  await page.fill('#field-title', 'Invite five employers to review the hospitality programme');
  await page.fill('#field-owner', 'Head of programmes');
  await page.click('text=Add the action');
  assert.match(page.url(), /done=added#action-\d+$/);
  assert.equal((await page.locator('text=Invite five employers to review the hospitality programme').count()) > 0, true, 'the plan lists the action');
  await context.close();
});
