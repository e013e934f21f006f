import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { searchBudgets } from '../../src/http/fair-use.ts';
import { agent } from '../helpers/agent.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { langs, pageCases, url } from './catalogue.ts';
import { buildFixture, type Fixture } from './fixture.ts';
import { assertValidHtml } from './html-validate.ts';

// Every page type's HTML, as the server sends it to the person who opens it, is valid
// (html-validate). Needs no browser: the same page list the browser suite checks.

/** A visitor's address whose budget of new searches is spent. */
const SPENT = '198.51.100.42';

let t: TestApp;
let f: Fixture;

before(async () => {
  t = await testApp();
  f = await buildFixture(t);
});
after(() => t?.close());

for (const lang of langs) {
  // Forms sent back with errors come from a POST; the browser suite checks those.
  for (const p of pageCases.filter((c) => !c.submit)) {
    test(`valid HTML: ${p.name} (${lang})`, async () => {
      const who = p.as && p.as !== 'visitor' ? f.people[p.as].agent : agent(t, {}, p.searchBudgetSpent ? SPENT : undefined);
      if (p.searchBudgetSpent) searchBudgets(t.database)!.hold(SPENT, 10);
      const response = await who.get(url(lang, p, f));
      assert.equal(response.statusCode, p.status ?? 200, url(lang, p, f));
      assert.match(String(response.headers['content-type'] ?? ''), /^text\/html/);
      await assertValidHtml(response.body, url(lang, p, f));
    });
  }
}
