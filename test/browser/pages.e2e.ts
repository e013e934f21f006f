import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { langs, pageCases, type PageCase, type TestLang } from '../pages/catalogue.ts';
import { checkLayout, type LayoutKind, type LayoutProblem } from './layout.ts';
import { assertNoViolations, DESKTOP, openCase, PHONE, startSuite, tabs, type Suite } from './setup.ts';

// Every page type of the catalogue in a real Chromium, in every language: axe-core
// (WCAG 2.1 A and AA) and what axe cannot check on its own (one h1, language and direction, the
// skip link, a clean console) at 1280 px, and the layout checks (layout.ts) at 1280 and 360 px in
// the same page load. The no-JavaScript cases again with the site's script off.

// Every page type is checked in English, French and Arabic, and in Russian or Ukrainian in turn
// (they share their script and their lengths, so every page is still seen in Cyrillic, in half the
// time). The checks are dealt like cards over two files that the runner takes in parallel (two
// cores): this one (the first half, and the checks that need doing once) and
// pages-second-half.e2e.ts, which sets INTVE_PAGE_SHARD and imports this file.
const [shard, shards] = (process.env.INTVE_PAGE_SHARD ?? '0/2').split('/').map(Number) as [number, number];
const alsoOnce = shard === 0;
const langsOf = (i: number): readonly TestLang[] => ['en', 'fr', 'ar', i % 2 === 0 ? 'ru' : 'uk'].filter((l): l is TestLang => langs.includes(l as TestLang));
/** This file's share of the checks: every `shards`-th one of the list of page types × languages. */
const dealt = <T>(cases: readonly T[]): { p: T; lang: TestLang }[] =>
  cases.flatMap((p, i) => langsOf(i).map((lang) => ({ p, lang }))).filter((_, j) => j % shards === shard);

/**
 * Layout problems known and not fixed yet, each saying what was measured and where the fix
 * belongs. An entry that no longer fails fails the test, so this list always shows what is left.
 */
const KNOWN_LAYOUT_FAILURES: { page: string; width: number; lang: TestLang | 'all'; kind: LayoutKind; why: string }[] = [];

let suite: Suite;
let withJs: ReturnType<typeof tabs>;
let withoutJs: ReturnType<typeof tabs>;
let withoutSiteScript: ReturnType<typeof tabs>;

before(async () => {
  suite = await startSuite();
  withJs = tabs(suite);
  withoutJs = tabs(suite, { javaScriptEnabled: false });
  withoutSiteScript = tabs(suite, { blockSiteScript: true });
});

after(async () => {
  await suite?.close();
});

/** What axe does not check: one h1, the language and direction, the skip link, a clean console. */
async function checkStructure(page: Page, lang: TestLang, address: string, errors: string[]): Promise<void> {
  const facts = await page.evaluate(() => ({
    h1: document.querySelectorAll('h1').length,
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
    skipTarget: document.querySelector('a.skip-link')?.getAttribute('href') ?? null,
  }));
  assert.equal(facts.h1, 1, `exactly one h1 on ${address}`);
  assert.equal(facts.lang, lang, 'html[lang]');
  if (lang === 'ar') assert.equal(facts.dir, 'rtl', 'dir on an Arabic page');
  else assert.notEqual(facts.dir, 'rtl', 'dir on a left-to-right page');
  assert.equal(facts.skipTarget, '#main', 'skip link to #main');
  assert.deepEqual(errors, [], `console errors on ${address}`);
}

/** The layout checks at one width, less the known failures; a known failure that has gone away fails too. */
async function assertLayout(page: Page, p: PageCase, lang: TestLang, width: number, address: string): Promise<void> {
  await page.setViewportSize(width === PHONE.width ? PHONE : DESKTOP);
  const problems = await checkLayout(page);
  const known = KNOWN_LAYOUT_FAILURES.filter((k) => k.page === p.name && k.width === width && (k.lang === 'all' || k.lang === lang));
  const unexpected = problems.filter((x) => !known.some((k) => k.kind === x.kind));
  const gone = known.filter((k) => !problems.some((x) => x.kind === k.kind));
  const show = (list: LayoutProblem[]) => list.map((x) => `- ${x.kind}: ${x.message}`).join('\n');
  assert.equal(unexpected.length, 0, `layout of ${p.name} (${address}) at ${width} px:\n${show(unexpected)}`);
  assert.equal(
    gone.length,
    0,
    `${p.name} (${address}) at ${width} px no longer has ${gone.map((k) => k.kind).join(', ')}: remove it from KNOWN_LAYOUT_FAILURES`,
  );
}

for (const { p, lang } of dealt(pageCases)) {
  test(`${p.name} (${lang}): axe, structure and layout at 1280 and 360 px`, async (t) => {
    const tab = await withJs.get(p.as ?? 'visitor');
    const address = await openCase(suite, tab, lang, p);
    try {
      await t.test('axe and structure at 1280 px', async () => {
        await assertNoViolations(tab.page, address);
        await checkStructure(tab.page, lang, address, tab.errors);
      });
      await t.test('layout at 1280 px', () => assertLayout(tab.page, p, lang, DESKTOP.width, address));
      await t.test('layout at 360 px', () => assertLayout(tab.page, p, lang, PHONE.width, address));
    } finally {
      await tab.page.setViewportSize(DESKTOP);
    }
  });
}

for (const { p, lang } of dealt(pageCases.filter((c) => c.noJs))) {
  test(`without JavaScript: ${p.name} (${lang})`, async () => {
    const plain = await withoutJs.get(p.as ?? 'visitor');
    const address = await openCase(suite, plain, lang, p);
    await checkStructure(plain.page, lang, address, plain.errors);
    await assertLayout(plain.page, p, lang, PHONE.width, address);
    await plain.page.setViewportSize(DESKTOP);
    const scriptless = await withoutSiteScript.get(p.as ?? 'visitor');
    await openCase(suite, scriptless, lang, p);
    await assertNoViolations(scriptless.page, `${address} without JavaScript`);
    assert.deepEqual(scriptless.errors, [], `console errors on ${address}`);
  });
}

for (const lang of alsoOnce ? langs : []) {
  test(`skip link moves keyboard focus to main (${lang})`, async () => {
    const tab = await withJs.get('visitor');
    await openCase(
      suite,
      tab,
      lang,
      pageCases.find((p) => p.name === 'station')!,
    );
    const { page } = tab;
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('skip-link')), true, 'first Tab reaches the skip link');
    assert.equal((await page.evaluate(() => document.activeElement?.getBoundingClientRect().height ?? 0)) > 0, true, 'skip link visible when focused');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main', undefined, { timeout: 2000 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    assert.deepEqual(tab.errors, []);
  });
}

test('phone: Arabic station page has no horizontal scroll at 360×740', { skip: !alsoOnce }, async () => {
  const context = await suite.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  try {
    const page = await context.newPage();
    await page.goto(`${suite.base}/ar/packages/1/stations/1`);
    const problems = (await checkLayout(page)).filter((x) => x.kind === 'sideways-scroll');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the layout checks catch the faults they are for', { skip: !alsoOnce }, async () => {
  // The release that shipped with every checkbox stretched across its box by `.field input { inline-size: 100% }`.
  const tab = await withJs.get('member');
  await openCase(
    suite,
    tab,
    'en',
    pageCases.find((p) => p.name === 'start-a-round form')!,
  );
  // Its criteria start folded; open, they show every statement's checkbox. The choice component
  // draws each as a grid whose first column holds the box, so the fault needs its flex row back.
  await tab.page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  await tab.page.evaluate(
    () =>
      document.styleSheets[0]!.insertRule('.field input { inline-size: 100% !important; }', document.styleSheets[0]!.cssRules.length) &&
      document.styleSheets[0]!.insertRule('.choice { display: flex !important; }', document.styleSheets[0]!.cssRules.length),
  );
  for (const size of [DESKTOP, PHONE]) {
    await tab.page.setViewportSize(size);
    const kinds = (await checkLayout(tab.page)).map((x) => x.kind);
    assert.ok(kinds.includes('choice-label') && kinds.includes('page-height'), `at ${size.width} px: ${kinds.join(', ')}`);
  }
  await tab.page.setViewportSize(DESKTOP);

  // A page with one of each other fault, and a right-to-left checkbox laid out as it should be.
  const context = await suite.browser.newContext({ viewport: PHONE });
  try {
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html lang="en"><body style="margin:0">
      <header class="site-header" style="block-size:300px">Header</header>
      <div id="wide" style="inline-size:500px">Too wide</div>
      <p><label for="before">Label first</label> <input type="checkbox" id="before"></p>
      <p><input type="radio" id="below"><br><label for="below">Label below</label></p>
      <p dir="rtl"><input type="checkbox" id="rtl"><label for="rtl">نعم</label></p>
      <figure><figcaption>Tiny chart</figcaption><svg viewBox="0 0 1000 100" style="inline-size:300px"><text x="0" y="50" font-size="12">Tiny</text></svg></figure>
    </body></html>`);
    const problems = await checkLayout(page);
    const of = (kind: LayoutKind) => problems.find((x) => x.kind === kind)?.message ?? '';
    assert.match(of('sideways-scroll'), /div#wide \(0 px to 500 px/);
    assert.match(of('header-height'), /300 px tall at 360 px/);
    assert.match(of('chart-text'), /“Tiny chart”: 1 label\(s\), smallest 3\.6 px/);
    assert.match(of('choice-label'), /#before .*comes before the control/);
    assert.match(of('choice-label'), /#below .*not on the same line/);
    assert.doesNotMatch(of('choice-label'), /#rtl/);
  } finally {
    await context.close();
  }
});
