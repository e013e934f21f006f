import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { community as makeCommunity, PASSWORD, signIn, user } from '../../../test/factories/index.ts';
import { agent, type Agent } from '../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';

// Communities through HTTP, as people use them, on the test database: the limit on posting, the
// site search (which never shows a members-only community's words), and a person's data.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const community = (slug: string, o: Parameters<typeof makeCommunity>[2] = {}) => makeCommunity(t, slug, o);

/** A CSRF token of the person's session, for a form their page does not show (sent anyway). */
const tokenOf = async (a: Agent) => /name="_csrf" value="([^"]+)"/.exec((await a.get('/en/account')).body)![1]!;

const topicIdOf = (location: unknown) => Number(/\/topics\/(\d+)\?done=posted$/.exec(String(location))![1]);

describe('posting', () => {
  test('a member of less than a week posts ten times an hour; the eleventh comes back with its text and when to send it', async () => {
    await community('busy-hour');
    const a = await signIn(t, await user(t));
    await a.post('/en/communities/busy-hour/join', {}, '/en/communities/busy-hour/join');
    const res = await a.post('/en/communities/busy-hour/topics', { title: 'First', body: 'One', lang: 'en' }, '/en/communities/busy-hour/topics/new');
    const topic = topicIdOf(res.headers.location);
    const token = await tokenOf(a);
    for (let i = 2; i <= 10; i++) {
      const ok = await a.postRaw(`/en/communities/busy-hour/topics/${topic}`, { body: `Reply ${i}`, lang: 'en', _csrf: token });
      assert.equal(ok.statusCode, 303, `post ${i}`);
    }
    const refused = await a.postRaw(`/en/communities/busy-hour/topics/${topic}`, { body: 'The eleventh', lang: 'en', _csrf: token });
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.match(refused.body, /posted a lot in a short time/);
    assert.match(refused.body, />The eleventh<\/textarea>/);
    const topicRefused = await a.postRaw('/en/communities/busy-hour/topics', { title: 'Another', body: 'Kept too', lang: 'en', _csrf: token });
    assert.equal(topicRefused.statusCode, 429);
    assert.match(topicRefused.body, /value="Another"/);
  });
});

describe('the site search', () => {
  test('finds the topics of public communities by their posts, never those of members-only ones, and follows a change of visibility', async () => {
    const f = await user(t);
    await community('searchable', { facilitator: f });
    await community('hidden-talk', { visibility: 'members', facilitator: f });
    const a = await signIn(t, f);
    await a.post(
      '/en/communities/searchable/topics',
      { title: 'Apprentice logbooks', body: 'We use a paper **logbook**.', lang: 'en' },
      '/en/communities/searchable/topics/new',
    );
    const hidden = await a.post(
      '/en/communities/hidden-talk/topics',
      { title: 'Quiet matter', body: 'Confidential xylophonists.', lang: 'en' },
      '/en/communities/hidden-talk/topics/new',
    );
    const hiddenTopic = topicIdOf(hidden.headers.location);
    const search = async (q: string) => (await agent(t).get(`/en/search?q=${encodeURIComponent(q)}`)).body;
    assert.match(await search('logbook'), /href="\/en\/communities\/searchable\/topics\/\d+"[^>]*>Apprentice logbooks/);
    assert.match(await search('logbook'), /Discussion/);
    assert.doesNotMatch(await search('xylophonists'), /Quiet matter/);
    // A reply's words are found too.
    await a.post(
      `/en/communities/hidden-talk/topics/${hiddenTopic}`,
      { body: 'More xylophonists.', lang: 'en' },
      `/en/communities/hidden-talk/topics/${hiddenTopic}`,
    );
    assert.doesNotMatch(await search('xylophonists'), /Quiet matter/);
    // An administrator opens the community to everyone: its topics come into the search.
    const admin = await signIn(t, await user(t, { role: 'admin' }));
    const edit = '/en/admin/communities/hidden-talk';
    const res = await admin.post(
      edit,
      {
        theme: 'work-based-learning',
        joining: 'open',
        visibility: 'public',
        name_en: 'Community hidden-talk',
        description_en: 'Now open.',
      },
      edit,
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    // (The same search asked again is kept for up to a minute: another one shows the change now.)
    assert.match(await search('xylophonist'), /Quiet matter/);
  });
});

describe('pages past the last', () => {
  test('a topic’s and a community’s page past their last answer 404; their first page is there even when empty', async () => {
    await community('paged');
    const a = await signIn(t, await user(t));
    await a.post('/en/communities/paged/join', {}, '/en/communities/paged/join');
    assert.equal((await agent(t).get('/en/communities/paged')).statusCode, 200);
    assert.equal((await agent(t).get('/en/communities/paged?page=2')).statusCode, 404);
    const res = await a.post('/en/communities/paged/topics', { title: 'One topic', body: 'Its only post.', lang: 'en' }, '/en/communities/paged/topics/new');
    const topic = topicIdOf(res.headers.location);
    assert.equal((await agent(t).get(`/en/communities/paged/topics/${topic}`)).statusCode, 200);
    assert.equal((await agent(t).get(`/en/communities/paged/topics/${topic}?page=2`)).statusCode, 404);
    assert.equal((await agent(t).get(`/en/communities/paged/topics/${topic}?page=99`)).statusCode, 404);
    // Kept to a language none of its posts is in: the first page says so.
    assert.match((await agent(t).get(`/en/communities/paged/topics/${topic}?lang=ar`)).body, /No messages in the languages chosen/);
  });
});

describe('a person’s data', () => {
  test('the export holds their memberships, posts, levels and digest; a deleted account leaves its posts to “a former member”', async () => {
    const person = await user(t, { name: 'Leaving Person' });
    const a = await signIn(t, person);
    await community('data-rights');
    await a.post('/en/communities/data-rights/join', {}, '/en/communities/data-rights/join');
    const res = await a.post(
      '/en/communities/data-rights/topics',
      { title: 'My question', body: 'What I wrote', lang: 'en' },
      '/en/communities/data-rights/topics/new',
    );
    const topic = topicIdOf(res.headers.location);
    await a.post('/en/account/notifications/digest', { frequency: 'weekly' }, '/en/account/notifications');
    await a.post('/en/communities/data-rights/level', { level: 'tracking' }, '/en/communities/data-rights');
    const exported = JSON.parse((await a.get('/en/account/data.json')).body) as { communities: Record<string, unknown> };
    const mine = exported.communities as { memberships: { community: string }[]; posts: { body: string }[]; levels: unknown[]; digest: { frequency: string } };
    assert.equal(mine.memberships[0]!.community, 'data-rights');
    assert.equal(mine.posts[0]!.body, 'What I wrote');
    assert.deepEqual(mine.levels, [
      { community: 'data-rights', level: 'tracking' },
      { community: 'data-rights', topic, level: 'watching' },
    ]);
    assert.equal(mine.digest.frequency, 'weekly');
    await t.database.db.deleteFrom('users').where('id', '=', person.id).execute();
    const page = await agent(t).get(`/en/communities/data-rights/topics/${topic}`);
    assert.match(page.body, /What I wrote/);
    assert.match(page.body, /a former member/);
    assert.doesNotMatch(page.body, /Leaving Person/);
  });
});

describe('deleting an account with its posts', () => {
  test('“delete everything I wrote”: replies go, a topic alone goes, a topic others answered stays with an empty first post', async () => {
    await community('erasing');
    const leaving = await user(t, { name: 'Lea Leaving' });
    const a = await signIn(t, leaving);
    const staying = await signIn(t, await user(t, { name: 'Stan Staying' }));
    for (const x of [a, staying]) await x.post('/en/communities/erasing/join', {}, '/en/communities/erasing/join');
    const start = async (x: Agent, title: string, body: string) =>
      topicIdOf((await x.post('/en/communities/erasing/topics', { title, body, lang: 'en' }, '/en/communities/erasing/topics/new')).headers.location);
    const alone = await start(a, 'Alone', 'Nobody answered my zanzibarword question.');
    const answered = await start(a, 'Answered', 'My first post, with zanzibarword too.');
    await staying.post(`/en/communities/erasing/topics/${answered}`, { body: 'Stan’s answer stays.', lang: 'en' });
    const theirs = await start(staying, 'Stan’s topic', 'A question from Stan.');
    await a.post(`/en/communities/erasing/topics/${theirs}`, { body: 'Lea’s zanzibarword reply.', lang: 'en' });
    await a.post(`/en/communities/erasing/topics/${theirs}`, { body: 'And another.', lang: 'en' });
    // Stan marked Lea's reply as his topic's answer: it goes with her posts.
    const leas = await t.database.db
      .selectFrom('community_posts')
      .select('id')
      .where('topic_id', '=', theirs)
      .where('user_id', '=', leaving.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const marked = await staying.post(`/en/communities/erasing/topics/${theirs}/answer`, { post: String(leas.id) }, `/en/communities/erasing/topics/${theirs}`);
    assert.equal(marked.statusCode, 303);

    const res = await a.post('/en/account/delete', { current_password: PASSWORD, erase: 'yes' }, '/en/account');
    assert.equal(res.statusCode, 200);
    const visitor = agent(t);
    assert.equal((await visitor.get(`/en/communities/erasing/topics/${alone}`)).statusCode, 404);
    const kept = await visitor.get(`/en/communities/erasing/topics/${answered}`);
    assert.equal(kept.statusCode, 200);
    assert.match(kept.body, /Stan’s answer stays\./);
    assert.doesNotMatch(kept.body, /My first post/);
    const stans = await visitor.get(`/en/communities/erasing/topics/${theirs}`);
    assert.doesNotMatch(stans.body, /Lea’s|And another/);
    const counts = await t.database.db
      .selectFrom('community_topics')
      .select(['id', 'replies', 'answer_post_id'])
      .where('id', 'in', [answered, theirs])
      .orderBy('id')
      .execute();
    assert.equal(counts[1]!.answer_post_id, null, 'the answer went with its post');
    assert.deepEqual(
      counts.map((c) => Number(c.replies)),
      [1, 0],
    );
    const left = await t.database.db.selectFrom('community_posts').select('body').where('body', 'like', '%zanzibarword%').execute();
    assert.deepEqual(left, []);
    assert.doesNotMatch((await visitor.get('/en/search?q=zanzibarword')).body, /Alone|Answered|Stan’s topic/);
  });
});
