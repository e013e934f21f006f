import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { componentExamples } from '../../src/ui/components/examples.ts';
import type { PageCase, TestLang } from '../pages/catalogue.ts';
import { checkLayout } from './layout.ts';
import { assertNoViolations, DESKTOP, openCase, PHONE, startSuite, tabs, type Suite } from './setup.ts';

// Every component example alone on the design-system page (/{lang}/design-system?example=<name>),
// in English and Arabic: axe at 1280 px and the layout checks at 1280 and 360 px. A component that
// breaks shows here by name, before any page that uses it does.

let suite: Suite;
let withJs: ReturnType<typeof tabs>;

before(async () => {
  suite = await startSuite();
  withJs = tabs(suite);
});

after(async () => {
  await suite?.close();
});

const langs: TestLang[] = ['en', 'ar'];

for (const { component, examples } of componentExamples) {
  for (const example of examples) {
    for (const lang of langs) {
      test(`the ${component} example “${example.name}” (${lang}) passes axe and the layout checks at 1280 and 360 px`, async () => {
        const tab = await withJs.get('visitor');
        const p: PageCase = { area: 'public', name: `example ${example.name}`, path: () => `/design-system?example=${example.name}` };
        const address = await openCase(suite, tab, lang, p);
        try {
          assert.equal((await tab.page.locator('#example > *').count()) > 0, true, `${address} shows the example`);
          await assertNoViolations(tab.page, address);
          for (const size of [DESKTOP, PHONE]) {
            await tab.page.setViewportSize(size);
            const problems = await checkLayout(tab.page);
            assert.deepEqual(problems, [], `layout of ${address} at ${size.width} px:\n${problems.map((x) => `- ${x.kind}: ${x.message}`).join('\n')}`);
          }
          assert.deepEqual(tab.errors, [], `console errors on ${address}`);
        } finally {
          await tab.page.setViewportSize(DESKTOP);
        }
      });
    }
  }
}

// axe leaves a link's contrast "incomplete" when it cannot be sure of the ground, so a link drawn
// as a secondary button once showed white words on white unnoticed: each button's words differ
// from its own ground.
test('every button and link drawn as a button shows its words in a colour other than its ground', async () => {
  const tab = await withJs.get('visitor');
  for (const example of ['button-variants', 'button-link']) {
    const address = await openCase(suite, tab, 'en', { area: 'public', name: `example ${example}`, path: () => `/design-system?example=${example}` });
    const same = await tab.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#example .button')]
        .filter((b) => getComputedStyle(b).color === getComputedStyle(b).backgroundColor)
        .map((b) => `${b.className}: ${b.textContent}`),
    );
    assert.deepEqual(same, [], `${address}: buttons whose words cannot be seen`);
  }
});
