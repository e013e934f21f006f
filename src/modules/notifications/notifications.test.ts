import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { community as makeCommunity, signIn, user } from '../../../test/factories/index.ts';
import type { UserRecord } from '../../../test/factories/people.ts';
import { agent, type Agent } from '../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';

// Notifications through HTTP, on the test database (both engines): what each level tells, mentions,
// the mail that gathers a few minutes into one, the header's count, and the list page.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const base = (slug: string) => `/en/communities/${slug}`;

async function member(slug: string, name?: string): Promise<{ person: UserRecord; a: Agent }> {
  const person = await user(t, name ? { name } : {});
  const a = await signIn(t, person);
  assert.equal((await a.post(`${base(slug)}/join`, {}, `${base(slug)}/join`)).statusCode, 303);
  return { person, a };
}
const setLevel = (m: { a: Agent }, slug: string, level: string, topic?: number) =>
  m.a.post(topic ? `${base(slug)}/topics/${topic}/level` : `${base(slug)}/level`, { level }, topic ? `${base(slug)}/topics/${topic}` : base(slug));
async function startTopic(a: Agent, slug: string, title: string, body: string): Promise<number> {
  const res = await a.post(`${base(slug)}/topics`, { title, body, lang: 'en' }, `${base(slug)}/topics/new`);
  assert.equal(res.statusCode, 303);
  return Number(/\/topics\/(\d+)/.exec(String(res.headers.location))![1]);
}
const replyIn = (a: Agent, slug: string, topic: number, body: string) => a.post(`${base(slug)}/topics/${topic}`, { body, lang: 'en' });
/** Runs the queue: what is due now (the notices), then as if the few minutes of grouping had passed (the mail). */
const deliver = async () => {
  await t.jobs.runDue();
  await t.jobs.runDue({ includeDeferred: true });
};
const mailsTo = (email: string) => t.database.db.selectFrom('outbox').select(['subject', 'body']).where('to_address', '=', email).orderBy('id').execute();
const kindsOf = async (userId: number) =>
  (await t.database.db.selectFrom('notifications').select('kind').where('user_id', '=', userId).orderBy('id').execute()).map((n) => n.kind);

describe('levels and mentions', () => {
  test('each level hears what it asked for, and a busy discussion sends each person one mail', async () => {
    await makeCommunity(t, 'levels');
    const author = await member('levels', 'Topic Author');
    const watcher = await member('levels');
    const tracker = await member('levels');
    const normal = await member('levels', 'Nadia Normal');
    const muted = await member('levels', 'Mia Muted');
    const firsts = await member('levels');
    await setLevel(watcher, 'levels', 'watching');
    await setLevel(tracker, 'levels', 'tracking');
    await setLevel(muted, 'levels', 'muted');
    await setLevel(firsts, 'levels', 'first-posts');

    const topic = await startTopic(author.a, 'levels', 'Placements abroad', 'Who sends learners abroad?');
    // (The queue runs as it would have, at once: whoever joins later did not hear of the topic.)
    await t.jobs.runDue();
    const writer = await member('levels');
    await replyIn(writer.a, 'levels', topic, 'We do, to Lyon.');
    await replyIn(writer.a, 'levels', topic, 'Thoughts, @nadia normal? And @Mia Muted?');
    await deliver();

    assert.deepEqual(await kindsOf(watcher.person.id), ['topic', 'post', 'post']);
    assert.deepEqual(await kindsOf(tracker.person.id), ['topic', 'post', 'post']);
    assert.deepEqual(await kindsOf(normal.person.id), ['mention']);
    assert.deepEqual(await kindsOf(muted.person.id), []);
    assert.deepEqual(await kindsOf(firsts.person.id), ['topic']);
    // The topic's author watches it from the start: replies reach them as replies.
    assert.deepEqual(await kindsOf(author.person.id), ['reply', 'reply']);
    assert.deepEqual(await kindsOf(writer.person.id), [], 'never of one’s own posts');

    // By mail: one mail each, gathering what happened; the tracker none.
    const watched = await mailsTo(watcher.person.email);
    assert.equal(watched.length, 1);
    assert.equal(watched[0]!.subject, '3 new things in your communities');
    assert.match(watched[0]!.body, /Topic Author started a topic: “Placements abroad”\n {2}http:\/\/localhost:3000\/en\/account\/notifications\/\d+/);
    assert.equal((await mailsTo(tracker.person.email)).length, 0);
    assert.match((await mailsTo(normal.person.email))[0]!.body, /mentioned you in “Placements abroad”/);
    assert.equal((await mailsTo(muted.person.email)).length, 0);

    // A later post makes a new mail; what was read meanwhile is left out.
    await replyIn(writer.a, 'levels', topic, 'One more.');
    await t.database.db.updateTable('notifications').set({ read_at: new Date().toISOString() }).where('user_id', '=', tracker.person.id).execute();
    await deliver();
    assert.equal((await mailsTo(watcher.person.email)).length, 2);
  });

  test('a topic’s own level wins; “as for the community” goes back to it', async () => {
    await makeCommunity(t, 'topic-levels');
    const author = await member('topic-levels');
    const m = await member('topic-levels');
    const topic = await startTopic(author.a, 'topic-levels', 'Quiet', 'Words.');
    await t.jobs.runDue();
    await setLevel(m, 'topic-levels', 'watching', topic);
    await replyIn(author.a, 'topic-levels', topic, 'Reply one.');
    await t.jobs.runDue();
    await setLevel(m, 'topic-levels', 'default', topic);
    await replyIn(author.a, 'topic-levels', topic, 'Reply two.');
    await deliver();
    assert.deepEqual(await kindsOf(m.person.id), ['post']);
    const page = (await m.a.get(`${base('topic-levels')}/topics/${topic}`)).body;
    assert.match(page, /<option value="default" selected>As for the community \(Normal/);
  });

  test('a post waiting for approval tells no one until a facilitator approves it', async () => {
    const f = await user(t);
    await makeCommunity(t, 'approved-news', { facilitator: f, approveFirstPosts: true });
    const watcher = await member('approved-news');
    await setLevel(watcher, 'approved-news', 'watching');
    const newcomer = await member('approved-news');
    const topic = await startTopic(newcomer.a, 'approved-news', 'Hello', 'First words.');
    await deliver();
    assert.deepEqual(await kindsOf(watcher.person.id), []);
    const fa = await signIn(t, f);
    const post = Number(/id="post-(\d+)"/.exec((await fa.get(`${base('approved-news')}/topics/${topic}`)).body)![1]);
    await fa.post(`${base('approved-news')}/posts/${post}/approve`, { from: 'review' }, `${base('approved-news')}/review`);
    await deliver();
    assert.deepEqual(await kindsOf(watcher.person.id), ['topic']);
  });
});

describe('the header and the list', () => {
  test('the header counts what is unread; opening a notification reads it and leads to the post', async () => {
    await makeCommunity(t, 'header-count');
    const author = await member('header-count', 'Header Author');
    const other = await member('header-count', 'Other Writer');
    const topic = await startTopic(author.a, 'header-count', 'Counting', 'Words.');
    for (const body of ['One', 'Two']) await replyIn(other.a, 'header-count', topic, body);
    await deliver();
    const count = (n: number) => new RegExp(`header-notifications-label">Notifications</span> <span class="header-count">${n}</span>`);
    assert.match((await author.a.get('/en/account')).body, count(2));
    assert.match((await author.a.get('/en/library')).body, count(2), 'cached pages get the person’s count too');

    const list = (await author.a.get('/en/account/notifications')).body;
    assert.match(list, /Other Writer\u2069 replied in your topic “\u2068Counting\u2069”/);
    const first = Number(/\/en\/account\/notifications\/(\d+)"/.exec(list)![1]);
    const opened = await author.a.get(`/en/account/notifications/${first}`);
    assert.equal(opened.statusCode, 303);
    assert.match(String(opened.headers.location), new RegExp(`^/en/communities/header-count/topics/${topic}#post-\\d+$`));
    assert.match((await author.a.get('/en/account')).body, count(1));

    // Someone else's notification is not found; a visitor is asked to sign in.
    assert.equal((await other.a.get(`/en/account/notifications/${first}`)).statusCode, 404);
    assert.equal((await agent(t).get('/en/account/notifications')).statusCode, 303);

    const read = await author.a.post('/en/account/notifications/read', {}, '/en/account/notifications');
    assert.equal(read.headers.location, '/en/account/notifications?done=read');
    assert.match((await author.a.get('/en/account')).body, /header-notifications-label">Notifications<\/span><\/a>/);
    assert.doesNotMatch((await author.a.get('/en/account/notifications')).body, /Mark all as read/);
  });

  test('levels are for members: others get nothing', async () => {
    await makeCommunity(t, 'level-members', { visibility: 'members' });
    const outsider = await signIn(t, await user(t));
    const token = /name="_csrf" value="([^"]+)"/.exec((await outsider.get('/en/account')).body)![1]!;
    assert.equal((await outsider.postRaw(`${base('level-members')}/level`, { level: 'watching', _csrf: token })).statusCode, 404);
    const m = await member('level-members');
    const own = /name="_csrf" value="([^"]+)"/.exec((await m.a.get('/en/account')).body)![1]!;
    assert.equal((await m.a.postRaw(`${base('level-members')}/level`, { level: 'loud', _csrf: own })).statusCode, 400);
  });
});
