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
