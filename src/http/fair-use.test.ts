import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../test/helpers/app.ts';
import { searchBudgets } from './fair-use.ts';
import { Turns } from './turns.ts';

// Fair use of the search (http/fair-use.ts): new searches from one address are slowed down after
// a burst, with a 429 page in the reader's language; pages from the search cache cost nothing;
// other addresses are not affected. Each address is another machine, as app.inject's
// remoteAddress makes it. The budget's clock is the test's, so refilling needs no sleeping.

const BURST = 5;
let t: TestApp;
let clock = 0;
before(async () => {
  t = await testApp({ env: { SEARCH_RATE_BURST: String(BURST), SEARCH_RATE_PER_SECOND: '1' } });
  searchBudgets(t.database)!.now = () => clock;
});
after(() => t.close());

let n = 0;
/** A new address in the TEST-NET-3 range, never used before in this file. */
const address = () => `203.0.113.${++n}`;
let word = 0;
/** A query nobody has asked before, so its page is not in the search cache. */
const fresh = () => `skills ${++word}`;

const get = (app: TestApp, url: string, from: string, headers: Record<string, string> = {}) =>
  app.app.inject({ method: 'GET', url, remoteAddress: from, headers });
const search = (from: string, q = fresh(), lang = 'en') => get(t, `/${lang}/search?${new URLSearchParams({ q })}`, from);
const library = (from: string, q = fresh(), lang = 'en') => get(t, `/${lang}/library?${new URLSearchParams({ q })}`, from);

/** Spends an address's whole budget, each search answered. */
async function spend(from: string, lang = 'en') {
  for (let i = 0; i < BURST; i++) assert.equal((await search(from, fresh(), lang)).statusCode, 200, `search ${i + 1} of the burst`);
}

describe('a burst of new searches from one address', () => {
  test('is answered up to the budget, then refused with Retry-After and a page saying what happened, in English', async () => {
    const from = address();
    await spend(from);
    const refused = await search(from);
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.headers['retry-after'], '1');
    assert.equal(refused.headers['cache-control'], 'no-store');
    assert.match(String(refused.headers['content-type']), /^text\/html/);
    const body = refused.body;
    assert.match(body, /<html lang="en"/);
    assert.match(body, /<h1>Too many searches at once<\/h1>/);
    assert.match(body, /Wait 1 second, then try again\./);
    assert.match(body, /<meta name="robots" content="noindex">/);
    assert.match(body, /<a href="">Try this search again<\/a>/, 'the search again, as a link to the page itself');
    assert.match(body, /href="\/en\/library"/, 'a way back to the e-library');
    assert.match(body, /class="site-header"/, 'the site header, as on every page');
  });

  test('counts the e-library and the site search, in every language, against one budget', async () => {
    const from = address();
    for (let i = 0; i < BURST; i++) {
      const [url, lang] = i % 2 ? (['library', 'fr'] as const) : (['search', 'uk'] as const);
      assert.equal((await (url === 'library' ? library : search)(from, fresh(), lang)).statusCode, 200);
    }
    assert.equal((await library(from)).statusCode, 429, 'the e-library is refused after searches of the site');
    assert.equal((await search(from, fresh(), 'ru')).statusCode, 429);
  });

  test('is refused with the page in Arabic, right to left, for an Arabic reader', async () => {
    const from = address();
    await spend(from, 'ar');
    const refused = await library(from, fresh(), 'ar');
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /<html lang="ar" dir="rtl"/);
    assert.match(refused.body, /<h1>عمليات بحث كثيرة في وقت واحد<\/h1>/);
    assert.match(refused.body, /انتظر ثانية واحدة، ثم حاول مرة أخرى/);
    assert.match(refused.body, /href="\/ar\/library"/);
  });

  test('leaves other addresses alone', async () => {
    const busy = address();
    await spend(busy);
    assert.equal((await search(busy)).statusCode, 429);
    const other = address();
    assert.equal((await search(other)).statusCode, 200);
    assert.equal((await library(other)).statusCode, 200);
  });

  test('costs nothing for pages from the search cache, before or after the budget is spent', async () => {
    const from = address();
    const q = fresh();
    for (let i = 0; i < BURST * 3; i++) assert.equal((await search(from, q)).statusCode, 200, `the same search, time ${i + 1}`);
    for (let i = 0; i < BURST - 1; i++) assert.equal((await search(from)).statusCode, 200, 'the rest of the budget is still there');
    assert.equal((await search(from)).statusCode, 429);
    assert.equal((await search(from, q)).statusCode, 200, 'a search made before still comes from the cache');
    const spentElsewhere = address();
    await spend(spentElsewhere);
    assert.equal((await search(spentElsewhere, q)).statusCode, 200, "someone else's cached search costs nothing either");
  });

  test('gets one search back per second, up to the burst', async () => {
    const from = address();
    await spend(from);
    assert.equal((await search(from)).statusCode, 429);
    clock += 999;
    assert.equal((await search(from)).statusCode, 429, 'not a whole second yet');
    clock += 1;
    assert.equal((await search(from)).statusCode, 200, 'a second later, one more');
    assert.equal((await search(from)).statusCode, 429);
    clock += 60_000;
    await spend(from);
    assert.equal((await search(from)).statusCode, 429, 'a pause gives the burst back, not more');
  });

  test('is refused at once, without waiting for a turn behind other searches', async () => {
    const from = address();
    await spend(from);
    // A spy on the real queue: which addresses wait for a turn (http/turns.ts; nextPass's have none).
    const waited: string[] = [];
    const original = Object.getOwnPropertyDescriptor(Turns.prototype, 'take')!.value as (this: Turns, who: string) => Promise<void>;
    Turns.prototype.take = function (this: Turns, who: string) {
      if (who !== '') waited.push(who);
      return original.call(this, who);
    };
    try {
      assert.equal((await search(from)).statusCode, 429);
      assert.deepEqual(waited, [], 'the refusal took no turn');
      assert.equal((await search(address())).statusCode, 200);
      assert.equal(waited.length, 1, 'a search within its budget does');
    } finally {
      Turns.prototype.take = original;
    }
  });

  test('is never a lockout: refused searches do not push the wait further', async () => {
    const from = address();
    await spend(from);
    for (let i = 0; i < 20; i++) assert.equal((await search(from)).statusCode, 429);
    clock += 1000;
    assert.equal((await search(from)).statusCode, 200);
  });
});

describe('the address a budget belongs to', () => {
  test('without TRUST_PROXY, X-Forwarded-For is ignored: the connection is the address', async () => {
    const proxy = address();
    for (let i = 0; i < BURST; i++) {
      assert.equal((await get(t, `/en/search?q=${encodeURIComponent(fresh())}`, proxy, { 'x-forwarded-for': `198.51.100.${i + 1}` })).statusCode, 200);
    }
    const refused = await get(t, `/en/search?q=${encodeURIComponent(fresh())}`, proxy, { 'x-forwarded-for': '198.51.100.99' });
    assert.equal(refused.statusCode, 429, 'a made-up X-Forwarded-For does not buy a new budget');
  });

  test('with TRUST_PROXY, each client behind the proxy has its own budget', async () => {
    const proxied = await testApp({ env: { SEARCH_RATE_BURST: String(BURST), TRUST_PROXY: 'true' } });
    searchBudgets(proxied.database)!.now = () => clock;
    try {
      const proxy = '10.0.0.1';
      const from = (client: string) => get(proxied, `/en/search?q=${encodeURIComponent(fresh())}`, proxy, { 'x-forwarded-for': client });
      for (let i = 0; i < BURST; i++) assert.equal((await from('198.51.100.1')).statusCode, 200);
      assert.equal((await from('198.51.100.1')).statusCode, 429, 'the client behind the proxy spent its budget');
      assert.equal((await from('198.51.100.2')).statusCode, 200, 'another client behind the same proxy has its own');
      for (let i = 0; i < BURST; i++) assert.equal((await from(`2001:db8:1:2::${i + 1}`)).statusCode, 200);
      assert.equal((await from('2001:db8:1:2::ffff')).statusCode, 429, 'an IPv6 client is counted by its /64');
    } finally {
      await proxied.close();
    }
  });

  test('SEARCH_RATE_BURST=0 turns the limit off', async () => {
    const open = await testApp({ env: { SEARCH_RATE_BURST: '0' } });
    assert.equal(searchBudgets(open.database), null);
    try {
      const from = address();
      for (let i = 0; i < BURST * 3; i++) assert.equal((await get(open, `/en/search?q=${encodeURIComponent(fresh())}`, from)).statusCode, 200);
    } finally {
      await open.close();
    }
  });
});
