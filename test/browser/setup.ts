import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { AxeResults, RunOptions } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { searchBudgets } from '../../src/http/fair-use.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { url, type PageCase, type TestLang } from '../pages/catalogue.ts';
import { buildFixture, type Fixture, type Person, type SignedInPerson } from '../pages/fixture.ts';
import { CHROMIUM_PATH } from './chromium.ts';

// The one setup every browser suite (and `npm run shots`) starts from: the platform on a fresh
// test database, listening on a free port; Chromium; and the people and data of the fixture,
// made over HTTP. People are signed in by handing their session cookie to a browser context.

export interface Suite {
  /** e.g. http://127.0.0.1:43121 */
  base: string;
  app: TestApp;
  browser: Browser;
  fixture: Fixture;
  close(): Promise<void>;
}

/** The flags this closed network needs (the Lighthouse script uses them too); the browser is chromium.ts's. */
export { CHROMIUM_PATH } from './chromium.ts';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

export async function startSuite(): Promise<Suite> {
  // Uploaded files go to a folder of the suite's own, gone with it.
  const uploads = mkdtempSync(join(tmpdir(), 'intve-browser-files-'));
  const app = await testApp({ env: { UPLOADS_DIR: uploads } });
  try {
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.app.server.address() as AddressInfo;
    const [browser, fixture] = await Promise.all([launchBrowser(), buildFixture(app)]);
    return {
      base: `http://127.0.0.1:${port}`,
      app,
      browser,
      fixture,
      async close() {
        await browser.close();
        await app.close();
        rmSync(uploads, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app.close();
    rmSync(uploads, { recursive: true, force: true });
    throw error;
  }
}

/** Signs a browser context in as one of the fixture's people (their HTTP session, shared). */
export async function signIn(suite: Suite, context: BrowserContext, who: SignedInPerson): Promise<void> {
  const cookies = [...suite.fixture.people[who].agent.cookies].map(([name, value]) => ({ name, value, url: suite.base }));
  await context.addCookies(cookies);
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// axe-core, the engine of @axe-core/playwright, loaded into every page of a context before the
// page's own scripts (tabs() below) and run with axe.run: the same rules and results as
// AxeBuilder, without its blank page per run for merging frames (our pages have no frames) or
// injecting the 500 KB script again each time. That makes each run several times faster.
const axeSource = readFileSync(createRequire(import.meta.resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'), 'utf8');

/** Makes axe available in every page the context opens. */
export async function withAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: axeSource });
}

/** Fails with a readable list when axe (WCAG 2.1 A and AA) finds anything on the page (opened in a context `withAxe`). */
export async function assertNoViolations(page: Page, what: string): Promise<void> {
  // Only violations are gathered in full; passes are counted (one node each), which is all we use.
  const options: RunOptions = { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] };
  const results = await page.evaluate(
    (o) => (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe.run(document, o),
    options,
  );
  assert.ok(results.passes.length > 0, 'axe ran its rules');
  const described = results.violations.map((v) =>
    [
      `- ${v.id} [${v.impact ?? 'n/a'}]: ${v.help}`,
      ...v.nodes.map((n) => `    at ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`),
    ].join('\n'),
  );
  assert.equal(results.violations.length, 0, `axe violations on ${what}:\n${described.join('\n')}`);
}

/** A page kept open for one person, reused from one address to the next; it collects console errors. */
export interface Tab {
  page: Page;
  /** console errors and uncaught exceptions since the last `open` */
  errors: string[];
  /** console messages the current address is expected to log: its own error status */
  expected?: (url: string, text: string) => boolean;
}

/** One tab per person, each in a browser context of its own (signed in as that person). */
export function tabs(
  suite: Suite,
  options: { javaScriptEnabled?: boolean; blockSiteScript?: boolean } = {},
): { get(who: Person): Promise<Tab>; close(): Promise<void> } {
  const open = new Map<Person, Promise<Tab>>();
  const contexts: BrowserContext[] = [];
  async function make(who: Person): Promise<Tab> {
    const context = await suite.browser.newContext({ viewport: DESKTOP, javaScriptEnabled: options.javaScriptEnabled ?? true });
    contexts.push(context);
    // axe-core cannot finish in a context with JavaScript disabled (Chromium then fires no timers, and
    // axe waits on them). For axe, the no-JavaScript state is reproduced instead by serving the site's
    // only script, site.js, empty: the DOM and CSS are then exactly what a reader without JavaScript gets.
    if (options.blockSiteScript)
      await context.route(/\/assets\/site\.[a-f0-9]+\.js$/, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
    if (who !== 'visitor') await signIn(suite, context, who);
    await withAxe(context);
    const page = await context.newPage();
    const tab: Tab = { page, errors: [] };
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      // Chromium reports the document's own error status (404, 422) as a failed load: that status is intended.
      if (tab.expected?.(msg.location().url, msg.text())) return;
      tab.errors.push(`${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (error) => tab.errors.push(`uncaught: ${error.message}`));
    return tab;
  }
  return {
    get(who) {
      if (!open.has(who)) open.set(who, make(who));
      return open.get(who)!;
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close()));
    },
  };
}

/** Opens a page case in the tab (pressing its submit button when it has one) and checks the status it answers with. */
export async function openCase(suite: Suite, tab: Tab, lang: TestLang, p: PageCase): Promise<string> {
  const address = url(lang, p, suite.fixture);
  const target = `${suite.base}${address}`;
  tab.errors = [];
  tab.expected = (at, text) => at === target && text.includes(`status of ${p.status ?? 200}`);
  // Every visit of the suite comes from 127.0.0.1: it must not run into the limits the platform
  // keeps per address (ten unknown short codes in 15 minutes), which five languages would reach.
  await suite.app.database.db.deleteFrom('rate_limits').execute();
  // Nor into its budget of new searches, except on the page that shows what happens then.
  searchBudgets(suite.app.database)?.clear();
  if (p.searchBudgetSpent) searchBudgets(suite.app.database)!.hold('127.0.0.1', 10);
  const response = await tab.page.goto(target, { waitUntil: 'load' });
  assert.equal(response?.status(), p.status ?? 200, `status of ${address}`);
  if (p.submit) {
    // A form sent back with its errors answers 4xx; its document logs that status.
    tab.expected = (at, text) => at.startsWith(suite.base) && /status of 4\d\d/.test(text);
    const sent = tab.page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest());
    await tab.page.click(p.submit);
    const answer = await sent;
    await tab.page.waitForLoadState('load');
    assert.ok(answer.status() >= 400 && answer.status() < 500, `${address}: the form comes back with errors (status ${answer.status()})`);
    assert.equal(await tab.page.locator('.error-summary').count(), 1, `${address}: an error summary after sending the form`);
  }
  return address;
}
