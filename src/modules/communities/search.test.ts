import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { community as makeCommunity, signIn, user } from '../../../test/factories/index.ts';
import { agent, type Agent } from '../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import * as repo from './repository.ts';

// Search within a community through HTTP, on the test database (both engines) and the search
// provider the app runs: a community's own topics only, in all its languages, members-only ones
// for their members alone and never in the site search, nothing hidden or removed, and the
// topics written before topics named their community found again once the server starts.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const base = (slug: string) => `/en/communities/${slug}`;
async function joined(slug: string, a: Agent) {
  assert.equal((await a.post(`${base(slug)}/join`, {}, `${base(slug)}/join`)).statusCode, 303);
}
async function startTopic(a: Agent, slug: string, title: string, body: string, lang = 'en'): Promise<number> {
  const res = await a.post(`${base(slug)}/topics`, { title, body, lang }, `${base(slug)}/topics/new`);
  assert.equal(res.statusCode, 303);
  return Number(/\/topics\/(\d+)/.exec(String(res.headers.location))![1]);
}
const titlesIn = (body: string) => [...body.matchAll(/<li class="result">\s*<h2><a href="[^"]+"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]).sort();
const search = (a: Agent, slug: string, q: string) => a.get(`${base(slug)}/search?q=${encodeURIComponent(q)}`);

describe('search within a community', () => {
  test('finds its own topics in every language it writes in, and nothing of another community', async () => {
    await makeCommunity(t, 'search-green');
    await makeCommunity(t, 'search-other');
    const writer = await signIn(t, await user(t));
    await joined('search-green', writer);
    await joined('search-other', writer);
    await startTopic(writer, 'search-green', 'Welding apprentices and solar roofs', 'Our welding workshop now installs solar panels.');
    await startTopic(writer, 'search-green', 'Placement tutors', 'Tutors visit each apprentice; welding is one of the trades.');
    await startTopic(writer, 'search-green', 'Panneaux solaires', 'Nos apprentis en soudure posent des panneaux solaires.', 'fr');
    await startTopic(writer, 'search-other', 'Welding elsewhere', 'Welding in another community.');

    const visitor = agent(t);
    const found = await search(visitor, 'search-green', 'welding');
    assert.equal(found.statusCode, 200);
    assert.deepEqual(titlesIn(found.body), ['Placement tutors', 'Welding apprentices and solar roofs']);
    assert.match(found.body, /2 topics match “welding”/);
    assert.match(found.body, /<mark>welding<\/mark>/i);
    // A French word finds the French topic for a reader of the English page.
    assert.deepEqual(titlesIn((await search(visitor, 'search-green', 'soudure')).body), ['Panneaux solaires']);
    assert.match((await search(visitor, 'search-green', 'zzqqxx')).body, /No topic matches “zzqqxx”/);
    // The community's page offers the search; the search page is bookmarkable and works without a query.
    assert.match((await visitor.get(base('search-green'))).body, /action="\/en\/communities\/search-green\/search" method="get" role="search"/);
    assert.match((await visitor.get(`${base('search-green')}/search`)).body, /Find the discussions of this community/);
    // Paging past the results is an empty page, not an error.
    assert.equal((await visitor.get(`${base('search-green')}/search?q=welding&page=5`)).statusCode, 200);
  });

  test('a members-only community is searched by its members only, and never appears in the site search', async () => {
    await makeCommunity(t, 'search-closed', { visibility: 'members', joining: 'open' });
    const member = await signIn(t, await user(t));
    await joined('search-closed', member);
    await startTopic(member, 'search-closed', 'Confidential budget lines', 'Our quinoabudget for the kitchen.');
    await t.jobs.runDue();

    assert.deepEqual(titlesIn((await search(member, 'search-closed', 'quinoabudget')).body), ['Confidential budget lines']);
    assert.equal((await search(agent(t), 'search-closed', 'quinoabudget')).statusCode, 404);
    const outsider = await signIn(t, await user(t));
    assert.equal((await search(outsider, 'search-closed', 'quinoabudget')).statusCode, 404);
    // Even the member does not find it in the site search: only within the community.
    const site = await member.get('/en/search?q=quinoabudget');
    assert.doesNotMatch(site.body, /Confidential budget lines/);
    assert.match(site.body, /0 results|No results/i);
  });

  test('a topic a facilitator removed is no longer found', async () => {
    const facilitatorRecord = await user(t);
    await makeCommunity(t, 'search-moderated', { facilitator: facilitatorRecord });
    const facilitator = await signIn(t, facilitatorRecord);
    const writer = await signIn(t, await user(t));
    await joined('search-moderated', writer);
    const topic = await startTopic(writer, 'search-moderated', 'Flagged away', 'A marmaladeword topic.');
    assert.deepEqual(titlesIn((await search(writer, 'search-moderated', 'marmaladeword')).body), ['Flagged away']);
    const opening = (await t.database.db.selectFrom('community_posts').select('id').where('topic_id', '=', topic).executeTakeFirstOrThrow()).id;
    const removed = await facilitator.post(`${base('search-moderated')}/posts/${opening}/remove`, { reason: 'An advert.', from: 'topic' });
    assert.equal(removed.statusCode, 303);
    assert.deepEqual(titlesIn((await search(writer, 'search-moderated', 'marmaladeword')).body), []);
  });

  test('topics with no document naming their community are indexed when the server starts', async () => {
    await makeCommunity(t, 'search-legacy');
    const writer = await signIn(t, await user(t));
    await joined('search-legacy', writer);
    await startTopic(writer, 'search-legacy', 'An older topic', 'Written before migration 0029, about gooseberryword.');
    // As before topics named their community: the document lacks it.
    await t.database.db.updateTable('search_documents').set({ community_id: null }).where('path', 'like', '/communities/search-legacy/%').execute();
    assert.deepEqual(titlesIn((await search(writer, 'search-legacy', 'gooseberryword')).body), []);
    assert.ok((await repo.search.unindexedTopics(t.database.db)).length >= 1);
    const again = await testApp({ database: t });
    try {
      assert.deepEqual(await repo.search.unindexedTopics(t.database.db), []);
      assert.deepEqual(titlesIn((await search(agent(again), 'search-legacy', 'gooseberryword')).body), ['An older topic']);
    } finally {
      await again.app.close();
    }
  });
});
