import assert from 'node:assert/strict';
import { HtmlValidate, StaticConfigLoader, type Message } from 'html-validate';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testApp } from '../helpers/app.ts';

// The page types the browser suites visit, shared by the accessibility and HTML checks.
// Ids come from the starter content: package 1's checklist has "attract-partners", package 2's
// "shared-vision"; "ceef" is a case study and "digcomp" a library resource.

export const langs = ['en', 'fr', 'ar'] as const;
export type TestLang = (typeof langs)[number];

export interface PageCase {
  name: string;
  path: string;
  status: number;
}

export const pageCases: PageCase[] = [
  { name: 'home', path: '', status: 200 },
  { name: 'package', path: '/packages/1', status: 200 },
  { name: 'station', path: '/packages/1/stations/1', status: 200 },
  { name: 'case-study list', path: '/case-studies', status: 200 },
  { name: 'case study', path: '/case-studies/ceef', status: 200 },
  { name: 'spotlight', path: '/spotlight', status: 200 },
  { name: 'about', path: '/about', status: 200 },
  { name: 'framework', path: '/self-assessment/framework', status: 200 },
  { name: 'checker form', path: '/checker', status: 200 },
  { name: 'checker result', path: '/checker/result?c=shared-vision&c=attract-partners', status: 200 },
  { name: 'checker nothing ticked', path: '/checker/result', status: 400 },
  { name: 'library first page', path: '/library', status: 200 },
  { name: 'library search and two facets', path: '/library?q=skills&type=toolkit&theme=skills-anticipation', status: 200 },
  { name: 'library empty result', path: '/library?q=zzzqqqxx', status: 200 },
  { name: 'resource', path: '/library/digcomp', status: 200 },
  { name: 'search with results', path: '/search?q=skills', status: 200 },
  { name: 'search empty', path: '/search?q=zzzqqqxx', status: 200 },
  { name: 'centre directory', path: '/centres', status: 200 },
  { name: 'register', path: '/account/register', status: 200 },
  { name: 'sign in', path: '/account/sign-in?done=confirmed', status: 200 },
  { name: 'forgotten password', path: '/account/forgot', status: 200 },
  { name: 'expired link', path: '/account/reset?token=expired', status: 410 },
  { name: '404', path: '/no-such-page', status: 404 },
  { name: '400', path: '/library?page=abc', status: 400 },
];

/** The page types that must also work with JavaScript turned off. */
export const noJsCases = pageCases.filter((p) => ['station', 'library first page', 'library search and two facets', 'checker form', 'checker result', 'checker nothing ticked'].includes(p.name));

export function url(lang: TestLang, p: PageCase): string {
  return `/${lang}${p.path}`;
}

export interface RunningApp {
  base: string;
  app: Awaited<ReturnType<typeof testApp>>;
  close(): Promise<void>;
}

/** The real app with the starter content, listening on a free loopback port. */
export async function startApp(): Promise<RunningApp> {
  const t = await testApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, app: t, close: () => t.close() };
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Fails with a readable list when axe (WCAG 2.1 A and AA) finds anything on the page. */
export async function assertNoViolations(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  assert.deepEqual(
    result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
    what,
  );
}

const validator = new HtmlValidate(
  new StaticConfigLoader({
    extends: ['html-validate:recommended'],
    rules: {
      // The layout writes the lowercase doctype the HTML standard itself uses; keep it consistent.
      'doctype-style': ['error', { style: 'lowercase' }],
      // Facet and checklist checkboxes share a name on purpose: they submit repeated values (type=a&type=b).
      'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
      // Indentation left by template interpolation in the served markup; invisible and harmless.
      'no-trailing-whitespace': 'off',
      // Package and case-study titles are long by nature and the title must name the page in full (WCAG 2.4.2).
      'long-title': 'off',
    },
  }),
);

/** Fails with each problem's line, rule and message when html-validate finds anything in the served HTML. */
export async function assertValidHtml(markup: string, what: string): Promise<void> {
  const report = await validator.validateString(markup, `${what}.html`);
  const errors = report.results.flatMap((r) => r.messages);
  const describe = (messages: Message[]) => messages.map((m) => `- ${m.line}:${m.column} ${m.ruleId}: ${m.message}${m.selector ? ` (${m.selector})` : ''}`).join('\n');
  assert.equal(errors.length, 0, `html-validate on ${what}:\n${describe(errors)}`);
}
