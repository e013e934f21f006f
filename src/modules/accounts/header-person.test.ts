import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import { agent } from '../../../test/helpers/agent.ts';
import { signedInUser, user, signIn } from '../../../test/factories/people.ts';
import { pageContext } from '../../http/context.ts';
import { siteHeader } from '../../ui/layout.ts';

// The header on cached public pages (http/personal.ts): everyone gets the cached bytes, a
// signed-in person their own header, never stored, and never anyone else's.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const encoded = { 'accept-encoding': 'identity' };

describe('the header of a cached page', () => {
  test('a visitor gets the cached page byte for byte, with "Sign in" and no one’s name', async () => {
    const first = await t.app.inject({ url: '/en/packages/1', headers: encoded });
    const second = await agent(t).get('/en/packages/1');
    assert.equal(first.statusCode, 200);
    assert.equal(second.body, first.body);
    assert.equal(second.headers.etag, first.headers.etag);
    assert.equal(first.headers['cache-control'], 'no-cache');
    assert.match(first.body, /<!--account--><ul class="header-account-links"><li><a href="\/en\/account\/sign-in">Sign in<\/a><\/li><\/ul><!--\/account-->/);
  });

  test('a signed-in member sees their name and sign-out, not the back office, in a page never stored', async () => {
    const m = await signedInUser(t, { name: 'Mira Member' });
    const page = await m.a.get('/fr/packages/1');
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.equal(page.headers.etag, undefined);
    assert.match(page.body, /aria-label="Mira Member : votre compte">Mira Member<\/a>/);
    assert.match(page.body, /href="\/fr\/account\/sign-out">Se déconnecter</);
    assert.doesNotMatch(page.body, /\/fr\/admin"/);
    assert.doesNotMatch(page.body, /account\/sign-in">/);
  });

  test('an editor and an administrator get the back-office link, on public pages and their own', async () => {
    for (const role of ['editor', 'admin'] as const) {
      const e = await signedInUser(t, { role, name: `Erin ${role}` });
      for (const url of ['/en/library', '/en/account', '/en/admin']) {
        const page = await e.a.get(url);
        assert.equal(page.statusCode, 200, url);
        assert.match(page.body, new RegExp(`>Erin ${role}</a>`), url);
        assert.match(page.body, /<a href="\/en\/admin"[^>]*>Back office<\/a>/, url);
      }
    }
  });

  test('after a signed-in person, a visitor gets the cached page without their name', async () => {
    const m = await signedInUser(t, { name: 'Nadia Private' });
    assert.match((await m.a.get('/en/case-studies')).body, /Nadia Private/);
    const visitor = await agent(t).get('/en/case-studies');
    assert.doesNotMatch(visitor.body, /Nadia Private/);
    assert.match(visitor.body, /Sign in/);
    // Another person signed in sees their own name only.
    const other = await signedInUser(t, { name: 'Omar Other' });
    const theirs = await other.a.get('/en/case-studies');
    assert.match(theirs.body, /Omar Other/);
    assert.doesNotMatch(theirs.body, /Nadia Private/);
  });

  test('a forged or ended session gets the page as everyone does', async () => {
    const everyone = (await agent(t).get('/en/about')).body;
    const forged = await t.app.inject({ url: '/en/about', headers: { ...encoded, cookie: 'intve_session=made-up.signature' } });
    assert.equal(forged.body, everyone);
    assert.equal(forged.headers['cache-control'], 'no-cache');
  });

  test('the header’s sign-out link asks, and its button signs the person out', async () => {
    const u = await user(t, { name: 'Sam Leaving' });
    const a = await signIn(t, u);
    const ask = await a.get('/en/account/sign-out');
    assert.equal(ask.statusCode, 200);
    assert.match(ask.body, /You are signed in as Sam Leaving/);
    const out = await a.post('/en/account/sign-out', {}, '/en/account/sign-out');
    assert.equal(out.statusCode, 303);
    const after = await a.get('/en/packages/1');
    assert.doesNotMatch(after.body, /Sam Leaving/);
    assert.equal(after.headers['cache-control'], 'no-cache');
    assert.equal((await a.get('/en/account/sign-out')).statusCode, 303);
  });

  test('the questionnaire’s header has the name and the language only', () => {
    const ctx = pageContext('en', '/survey/r/token/1', '', 'http://localhost', (n) => `/assets/${n}`);
    const shown = siteHeader(ctx).value;
    assert.match(shown, /class="site-header minimal"/);
    assert.match(shown, /header-languages/);
    assert.doesNotMatch(shown, /header-menu|<!--account-->/);
  });
});
