import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import type { CentreAdmin } from '../helpers/assessment.ts';
import { checkLayout } from './layout.ts';
import { PHONE, type Suite } from './setup.ts';

// What the journeys on a phone share: a phone's browser context (signed in as a centre's
// administrator when given one) and the check that a page fits it.

/** The layout checks on the page as it is: nothing too wide, controls beside their labels, readable text. */
export async function fits(page: Page, step: string): Promise<void> {
  const problems = await checkLayout(page);
  assert.deepEqual(
    problems.map((p) => `${p.kind}: ${p.message}`),
    [],
    `${step} (${page.url()}) fits a phone`,
  );
}

export async function phone(suite: Suite, admin?: CentreAdmin): Promise<{ context: BrowserContext; page: Page }> {
  const context = await suite.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  if (admin) await context.addCookies([...admin.a.cookies].map(([name, value]) => ({ name, value, url: suite.base })));
  return { context, page: await context.newPage() };
}
