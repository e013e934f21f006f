import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { langs, launchBrowser, noJsCases, pageCases, startApp, url, type PageCase, type RunningApp, type TestLang } from './pages.ts';

// Accessibility in a real Chromium: axe-core (WCAG 2.1 A and AA) on every page type in every
// language, with and without JavaScript, plus a few checks axe cannot make on its own.

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let app: RunningApp;
let browser: Browser;
let withJs: BrowserContext;
let withoutJs: BrowserContext;
let withoutSiteScript: BrowserContext;

before(async () => {
  app = await startApp();
  browser = await launchBrowser();
  withJs = await browser.newContext();
  withoutJs = await browser.newContext({ javaScriptEnabled: false });
  // axe-core cannot finish in a context with JavaScript disabled (Chromium then fires no timers, and
  // axe waits on them). For axe, the no-JavaScript state is reproduced instead by serving the site's
  // only script, site.js, empty: the DOM and CSS are then exactly what a reader without JavaScript gets.
  withoutSiteScript = await browser.newContext();
  await withoutSiteScript.route(/\/assets\/site\.[a-f0-9]+\.js$/, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
});

after(async () => {
  await browser?.close();
  await app?.close();
});

interface Opened {
  page: Page;
  consoleErrors: string[];
}

/** Opens a page, collecting console errors and uncaught exceptions (CSP violations show up here). */
async function open(context: BrowserContext, lang: TestLang, p: PageCase): Promise<Opened> {
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const target = `${app.base}${url(lang, p)}`;
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium reports the document's own error status (404, 400) as a failed load: that status is intended.
    if (p.status >= 400 && msg.location().url === target && msg.text().includes(`status of ${p.status}`)) return;
    consoleErrors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  const response = await page.goto(target, { waitUntil: 'load' });
  assert.equal(response?.status(), p.status, `status of ${target}`);
  return { page, consoleErrors };
}

function describeViolations(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string {
  return violations
    .map((v) =>
      [`- ${v.id} [${v.impact ?? 'n/a'}]: ${v.help}`, ...v.nodes.map((n) => `    at ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`)].join('\n'),
    )
    .join('\n');
}

async function runAxe(context: BrowserContext, lang: TestLang, p: PageCase): Promise<void> {
  const { page, consoleErrors } = await open(context, lang, p);
  try {
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    assert.ok(results.passes.length > 0, 'axe ran its rules');
    assert.equal(results.violations.length, 0, `axe violations on ${url(lang, p)}:\n${describeViolations(results.violations)}`);
    assert.deepEqual(consoleErrors, [], `console errors on ${url(lang, p)}`);
  } finally {
    await page.close();
  }
}

/** What axe does not check: one h1, the language and direction, the skip link, a clean console. */
async function checkStructure(context: BrowserContext, lang: TestLang, p: PageCase): Promise<void> {
  const { page, consoleErrors } = await open(context, lang, p);
  try {

    const facts = await page.evaluate(() => ({
      h1: document.querySelectorAll('h1').length,
      lang: document.documentElement.getAttribute('lang'),
      dir: document.documentElement.getAttribute('dir'),
      skipTarget: document.querySelector('a.skip-link')?.getAttribute('href') ?? null,
    }));
    assert.equal(facts.h1, 1, `exactly one h1 on ${url(lang, p)}`);
    assert.equal(facts.lang, lang, 'html[lang]');
    if (lang === 'ar') assert.equal(facts.dir, 'rtl', 'dir on an Arabic page');
    else assert.notEqual(facts.dir, 'rtl', 'dir on a left-to-right page');
    assert.equal(facts.skipTarget, '#main', 'skip link to #main');
    assert.deepEqual(consoleErrors, [], `console errors on ${url(lang, p)}`);
  } finally {
    await page.close();
  }
}

for (const lang of langs) {
  for (const p of pageCases) {
    test(`axe: ${p.name} (${lang})`, async () => {
      await runAxe(withJs, lang, p);
      await checkStructure(withJs, lang, p);
    });
  }
}

for (const lang of langs) {
  for (const p of noJsCases) {
    test(`without JavaScript: ${p.name} (${lang})`, async () => {
      await checkStructure(withoutJs, lang, p);
      await runAxe(withoutSiteScript, lang, p);
    });
  }
}

for (const lang of langs) {
  test(`skip link moves keyboard focus to main (${lang})`, async () => {
    const home = pageCases.find((p) => p.name === 'station')!;
    const { page, consoleErrors } = await open(withJs, lang, home);
    try {
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('skip-link')), true, 'first Tab reaches the skip link');
      assert.equal(await page.evaluate(() => document.activeElement?.getBoundingClientRect().height ?? 0) > 0, true, 'skip link visible when focused');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'main', undefined, { timeout: 2000 });
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
      assert.deepEqual(consoleErrors, []);
    } finally {
      await page.close();
    }
  });
}

test('phone: Arabic station page has no horizontal scroll at 360×740', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  try {
    const station = pageCases.find((p) => p.name === 'station')!;
    const { page, consoleErrors } = await open(context, 'ar', station);
    const { scrollWidth, wide } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      // For the failure message: elements sticking out of the viewport.
      wide: [...document.querySelectorAll('body *')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.right > 360 + 0.5 || r.left < -0.5;
        })
        .slice(0, 10)
        .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).replace(/ /g, '.')}` : ''} (${Math.round(el.getBoundingClientRect().left)}…${Math.round(el.getBoundingClientRect().right)})`),
    }));
    assert.ok(scrollWidth <= 360, `scrollWidth ${scrollWidth} > 360; wide elements: ${wide.join(', ')}`);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});
