import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../src/modules/accounts/passwords.ts';
import { createUser } from '../../src/modules/accounts/repository.ts';
import { createCentre } from '../../src/modules/centres/repository.ts';
import { respond } from '../helpers/assessment.ts';
import { assertNoViolations, assertValidHtml, langs, launchBrowser, startApp, type RunningApp } from './pages.ts';

// The self-assessment in Chromium: a centre administrator starts a round in the browser, a
// learner answers the whole questionnaire on a phone-sized screen with JavaScript off, and every
// page of the questionnaire, the report, the plan, recognition and the framework editor passes
// axe and html-validate in English, French and Arabic.

const PASSWORD = 'self-assessment in the browser 42';
let app: RunningApp;
let browser: Browser;
let centre: string;
let roundPath: string;
let learners: string;

before(async () => {
  app = await startApp();
  browser = await launchBrowser();
  const db = app.app.database.db;
  const leader = await createUser(db, { email: 'lina@centre.example', name: 'Lina Leader', passwordHash: await hashPassword(PASSWORD), lang: 'en', role: 'admin', confirmed: true });
  centre = 'tourism-cove-batumi';
  await createCentre(db, centre, { name: 'Tourism CoVE Batumi', country: 'GE', city: 'Batumi', website: null, type: 'cove', description: null, eqfLevels: [4], languages: ['ka'], sectors: ['tourism'], published: true }, leader);
});
after(async () => {
  await browser?.close();
  await app?.close();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${app.base}/en/account/sign-in`);
  await page.fill('#field-email', 'lina@centre.example');
  await page.fill('#field-password', PASSWORD);
  await page.click('form.form button[type=submit]');
}

async function check(page: Page, path: string, what: string, status = 200): Promise<void> {
  const response = await page.goto(`${app.base}${path}`);
  assert.equal(response?.status(), status, path);
  assert.equal(await page.locator('h1').count(), 1, path);
  await assertNoViolations(page, `${what} (${path})`);
  await assertValidHtml(await response.text(), what);
}

test('a centre administrator starts a round in the browser with the core set', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`${app.base}/en/account/centres/${centre}`);
  await page.click('text=Self-assessment: rounds, reports and plans');
  await page.click('text=Start a new round');
  await page.fill('#field-title', 'First round 2026');
  await page.fill('#field-own1', 'Our workshops are open to local companies.');
  await page.click('form.round-form button[type=submit]');
  assert.match(page.url(), /\/rounds\/\d+\?done=created$/);
  roundPath = new URL(page.url()).pathname.replace(/^\/en/, '');
  const shared = (await page.locator('tr:has(th:text("Learners")) a.survey-link').getAttribute('href'))!;
  // The page shows the link on the platform's public address; the test server listens elsewhere.
  assert.match(shared, /^http:\/\/localhost:3000\/en\/survey\/[A-Za-z0-9_-]{43}$/);
  learners = `${app.base}${new URL(shared).pathname}`;
  await context.close();
});

test('a learner answers the whole questionnaire on a phone with JavaScript off', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
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
  for (let i = 0; i < 2; i++) await respond(app.app, learners.replace(/^.*\/survey\//, ''), () => '3');
});

test('questionnaire, report, plan and recognition pass axe and html-validate (en, fr, ar)', async () => {
  const link = learners.replace(/^.*\/survey\//, '');
  const respondent = await browser.newContext();
  const answering = await respondent.newPage();
  await answering.goto(`${app.base}/en/survey/${link}`);
  await answering.click('form.start-form button[type=submit]');
  const token = /\/survey\/r\/([A-Za-z0-9_-]{43})\/1$/.exec(answering.url())![1]!;
  const admin = await browser.newContext();
  const page = await admin.newPage();
  await signIn(page);
  // A plan with focus areas and an action, so the plan page shows everything it has.
  await page.goto(`${app.base}/en${roundPath}/plan`);
  await page.click('form.plan-forms button[type=submit]');
  await page.selectOption('#field-criterion', { index: 1 });
  await page.fill('#field-title', 'Invite five employers to review the hospitality programme');
  await page.fill('#field-owner', 'Head of programmes');
  await page.click('text=Add the action');
  assert.match(page.url(), /done=added$/);
  for (const lang of langs) {
    await check(answering, `/${lang}/survey/${link}`, 'questionnaire welcome');
    await check(answering, `/${lang}/survey/r/${token}/1`, 'questionnaire page');
    await answering.click('button[value=next]');
    assert.equal(await answering.locator('.error-summary').count(), 1);
    await assertNoViolations(answering, `questionnaire page with errors (${lang})`);
    await check(answering, `/${lang}/survey/r/${token}/check`, 'questionnaire check page');
    await check(page, `/${lang}/account/centres/${centre}/self-assessment`, 'rounds');
    await check(page, `/${lang}/account/centres/${centre}/self-assessment/new`, 'new round form');
    await check(page, `/${lang}${roundPath}`, 'round');
    await check(page, `/${lang}${roundPath}/report`, 'report');
    await check(page, `/${lang}${roundPath}/plan`, 'plan');
    await check(page, `/${lang}${roundPath}/plan?focus=edit`, 'plan focus areas');
    await check(page, `/${lang}/admin/self-assessment/policy`, 'policy view');
    await check(page, `/${lang}/admin/self-assessment/settings`, 'certificate rules');
    await check(page, `/${lang}/certificates`, 'certificate lookup');
    await check(page, `/${lang}/admin/frameworks/vocational-excellence`, 'framework editor');
    await check(page, `/${lang}/admin/frameworks/vocational-excellence/indicator/programmes-reviewed-with-employers`, 'framework statement form');
    await check(page, `/${lang}/admin/frameworks/vocational-excellence/criterion/programme-relevance`, 'framework criterion form');
  }
  await respondent.close();
  await admin.close();
});
