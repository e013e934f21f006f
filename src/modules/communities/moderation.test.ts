import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { community as makeCommunity, signIn, user } from '../../../test/factories/index.ts';
import type { UserRecord } from '../../../test/factories/people.ts';
import { agent, lastMail, type Agent } from '../../../test/helpers/agent.ts';
import { runJobs, testApp, type TestApp } from '../../../test/helpers/app.ts';
import { FLAG_REMINDER_JOB } from './moderation-service.ts';

// Moderation through HTTP, as members and facilitators use it, on the test database (both
// engines): flags that hide a post at the community's threshold, the review queue and the
// facilitators' decisions, first posts that wait for approval, suspending members, moving
// topics, and the reminder of flags left open for 48 hours.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const community = (slug: string, o: Parameters<typeof makeCommunity>[2] = {}) => makeCommunity(t, slug, o);
const tokenOf = async (a: Agent) => /name="_csrf" value="([^"]+)"/.exec((await a.get('/en/account')).body)![1]!;
const base = (slug: string) => `/en/communities/${slug}`;

/** A signed-in member of the community (joined through its page). */
async function member(slug: string, o: { name?: string } = {}): Promise<{ person: UserRecord; a: Agent }> {
  const person = await user(t, o);
  const a = await signIn(t, person);
  const res = await a.post(`${base(slug)}/join`, {}, `${base(slug)}/join`);
  assert.equal(res.statusCode, 303);
  return { person, a };
}

/** Starts a topic; its id and its opening post's id. */
async function startTopic(a: Agent, slug: string, title: string, body: string): Promise<{ topic: number; post: number; location: string }> {
  const res = await a.post(`${base(slug)}/topics`, { title, body, lang: 'en' }, `${base(slug)}/topics/new`);
  assert.equal(res.statusCode, 303, res.body);
  const location = String(res.headers.location);
  const topic = Number(/\/topics\/(\d+)/.exec(location)![1]);
  const page = await a.get(`${base(slug)}/topics/${topic}`);
  const post = Number(/id="post-(\d+)"/.exec(page.body)![1]);
  return { topic, post, location };
}

const flag = (a: Agent, slug: string, post: number, reason = 'spam', note = '') =>
  a.post(`${base(slug)}/posts/${post}/flag`, { reason, note }, `${base(slug)}/posts/${post}/flag`);

const visitorSees = async (slug: string, topic: number) => (await agent(t).get(`${base(slug)}/topics/${topic}`)).body;
const search = async (q: string) => (await agent(t).get(`/en/search?q=${encodeURIComponent(q)}`)).body;

describe('flags', () => {
  test('a post hides itself when three different members flag it, and shows again when a facilitator keeps it', async () => {
    const f = await user(t);
    await community('flagging', { facilitator: f });
    const author = await member('flagging');
    const { topic, post } = await startTopic(author.a, 'flagging', 'Cheap certificates', 'Buy quokkasaurus certificates here.');
    assert.match(await search('quokkasaurus'), /Cheap certificates/);

    const [one, two, three] = [await member('flagging'), await member('flagging'), await member('flagging')];
    assert.equal((await flag(one.a, 'flagging', post)).statusCode, 303);
    // The same member again (a form sent twice): one flag still.
    const again = await one.a.postRaw(`${base('flagging')}/posts/${post}/flag`, { reason: 'spam', _csrf: await tokenOf(one.a) });
    assert.match(String(again.headers.location), /done=flaggedAlready/);
    assert.equal((await flag(two.a, 'flagging', post, 'inappropriate')).statusCode, 303);
    assert.match(await visitorSees('flagging', topic), /quokkasaurus/, 'two flags: still shown');

    assert.equal((await flag(three.a, 'flagging', post)).statusCode, 303);
    const hidden = await visitorSees('flagging', topic);
    assert.doesNotMatch(hidden, /quokkasaurus/);
    assert.match(hidden, /Members flagged this post/);
    assert.doesNotMatch(await search('quokkasaurus'), /Cheap certificates/, 'its words leave the site search');
    // Its author still reads it, marked as hidden.
    const own = (await author.a.get(`${base('flagging')}/topics/${topic}`)).body;
    assert.match(own, /quokkasaurus/);
    assert.match(own, /Hidden after flags/);

    // The facilitator's queue shows it with its reasons; keeping it shows it again and closes the flags.
    const fa = await signIn(t, f);
    const queue = (await fa.get(`${base('flagging')}/review`)).body;
    assert.match(queue, /quokkasaurus/);
    assert.match(queue, /3 flags: Inappropriate \(1\) and Spam \(2\)/);
    assert.match((await fa.get(base('flagging'))).body, /Review queue: 1 post waits/);
    const kept = await fa.post(`${base('flagging')}/posts/${post}/keep`, { from: 'review' }, `${base('flagging')}/review`);
    assert.equal(kept.headers.location, `${base('flagging')}/review?done=kept`);
    assert.match(await visitorSees('flagging', topic), /quokkasaurus/);
    assert.match(await search('quokkasaurus'), /Cheap certificates/);
    assert.match((await fa.get(`${base('flagging')}/review`)).body, /Nothing waits for a decision/);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'subject']).where('action', '=', 'community.post.keep').execute();
    assert.deepEqual(audit, [{ action: 'community.post.keep', subject: 'flagging' }]);
  });

  test('three members flagging at the same moment hide the post once, at the threshold', async () => {
    await community('flag-race', { flagThreshold: 3 });
    const author = await member('flag-race');
    const { topic, post } = await startTopic(author.a, 'flag-race', 'Race', 'Words of the race.');
    const flaggers = await Promise.all([member('flag-race'), member('flag-race'), member('flag-race')]);
    const results = await Promise.all(flaggers.map((m) => flag(m.a, 'flag-race', post)));
    assert.deepEqual(
      results.map((r) => r.statusCode),
      [303, 303, 303],
    );
    assert.doesNotMatch(await visitorSees('flag-race', topic), /Words of the race/);
    const flags = await t.database.db.selectFrom('community_flags').select('id').where('post_id', '=', post).execute();
    assert.equal(flags.length, 3);
  });

  test('a flag needs a reason, and a note for “something else”; the form comes back with what was written', async () => {
    await community('flag-form');
    const author = await member('flag-form');
    const { post } = await startTopic(author.a, 'flag-form', 'Form', 'Words.');
    const m = await member('flag-form');
    const none = await flag(m.a, 'flag-form', post, '');
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Choose why you flag this post/);
    const other = await flag(m.a, 'flag-form', post, 'other', '   ');
    assert.equal(other.statusCode, 422);
    assert.match(other.body, /Say in a few words/);
    assert.match(other.body, /value="other" id="[^"]+" checked/);
    // Nobody flags their own post; a visitor is sent to sign in; someone outside the community gets nothing.
    assert.equal((await author.a.get(`${base('flag-form')}/posts/${post}/flag`)).statusCode, 404);
    const own = await tokenOf(author.a);
    assert.equal((await author.a.postRaw(`${base('flag-form')}/posts/${post}/flag`, { reason: 'spam', _csrf: own })).statusCode, 404);
    assert.equal((await agent(t).get(`${base('flag-form')}/posts/${post}/flag`)).statusCode, 303);
    const outsider = await signIn(t, await user(t));
    assert.equal((await outsider.get(`${base('flag-form')}/posts/${post}/flag`)).statusCode, 404);
    const token = await tokenOf(outsider);
    assert.equal((await outsider.postRaw(`${base('flag-form')}/posts/${post}/flag`, { reason: 'spam', _csrf: token })).statusCode, 404);
  });
});

describe('decisions', () => {
  test('a removed post shows its reason to its author, by mail too, and a note to everyone else', async () => {
    const f = await user(t);
    await community('removing', { facilitator: f });
    const author = await member('removing', { name: 'Amal Haddad' });
    const { topic } = await startTopic(author.a, 'removing', 'Placements', 'Opening words.');
    const reply = await author.a.post(`${base('removing')}/topics/${topic}`, { body: 'The phone number of a learner: 0123.', lang: 'en' });
    const replyId = Number(/#post-(\d+)/.exec(String(reply.headers.location))![1]);
    const fa = await signIn(t, f);
    const form = `${base('removing')}/posts/${replyId}/remove`;
    const empty = await fa.post(form, { reason: ' ', from: 'topic' }, form);
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /its author will read it/);
    const done = await fa.post(form, { reason: 'It showed a learner’s phone number.', from: 'topic' }, form);
    assert.match(String(done.headers.location), new RegExp(`/topics/${topic}\\?done=removed#post-${replyId}$`));

    const seen = await visitorSees('removing', topic);
    assert.doesNotMatch(seen, /0123|phone number/);
    assert.match(seen, /A facilitator removed this post\./);
    const own = (await author.a.get(`${base('removing')}/topics/${topic}`)).body;
    assert.match(own, /0123/);
    assert.match(own, /It showed a learner’s phone number\./);
    const mail = await lastMail(t, author.person.email);
    assert.match(mail!.subject, /removed your post in Community removing/);
    assert.match(mail!.body, /It showed a learner’s phone number\./);
    assert.equal(mail!.link, `/en/communities/removing/topics/${topic}`);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'community.post.remove')
      .where('subject', '=', 'removing')
      .executeTakeFirstOrThrow();
    assert.match(audit.details, /phone number/);
    // A second facilitator's decision on the same post changes nothing.
    const late = await fa.post(form.replace('/remove', '/keep'), { from: 'topic' }, `${base('removing')}/topics/${topic}`);
    assert.match(String(late.headers.location), /done=decided/);
  });

  test('a removed opening post takes its topic out of the list, the feed and the search; its author and the facilitators still read it', async () => {
    const f = await user(t);
    await community('remove-topic', { facilitator: f });
    const author = await member('remove-topic');
    const { topic, post } = await startTopic(author.a, 'remove-topic', 'Zanzibarite offers', 'Buy zanzibarite now.');
    const fa = await signIn(t, f);
    const form = `${base('remove-topic')}/posts/${post}/remove`;
    await fa.post(form, { reason: 'Advertising.', from: 'topic' }, form);
    assert.doesNotMatch((await agent(t).get(base('remove-topic'))).body, /Zanzibarite offers/);
    assert.doesNotMatch((await agent(t).get(`${base('remove-topic')}/feed.xml`)).body, /Zanzibarite/);
    assert.doesNotMatch(await search('zanzibarite'), /Zanzibarite offers/);
    assert.equal((await agent(t).get(`${base('remove-topic')}/topics/${topic}`)).statusCode, 404);
    assert.match((await author.a.get(`${base('remove-topic')}/topics/${topic}`)).body, /A facilitator removed this topic/);
    assert.equal((await fa.get(`${base('remove-topic')}/topics/${topic}`)).statusCode, 200);
  });

  test('only facilitators and administrators decide, and only in their own communities', async () => {
    const f = await user(t);
    await community('deciding', { facilitator: f });
    await community('elsewhere', { facilitator: await user(t) });
    const author = await member('deciding');
    const { post } = await startTopic(author.a, 'deciding', 'Topic', 'Words.');
    const m = await member('deciding');
    const token = await tokenOf(m.a);
    assert.equal((await m.a.get(`${base('deciding')}/review`)).statusCode, 404);
    assert.equal((await m.a.postRaw(`${base('deciding')}/posts/${post}/keep`, { _csrf: token })).statusCode, 404);
    assert.equal((await m.a.get(`${base('deciding')}/posts/${post}/remove`)).statusCode, 404);
    // A facilitator of another community reaches this post through theirs: nothing.
    const other = await signIn(t, f);
    assert.equal((await other.get(`${base('elsewhere')}/posts/${post}/remove`)).statusCode, 404);
    const admin = await signIn(t, await user(t, { role: 'admin' }));
    assert.equal((await admin.get(`${base('deciding')}/review`)).statusCode, 200);
  });
});

describe('first posts', () => {
  test('where the community asks, a new member’s posts wait until a facilitator approves one', async () => {
    const f = await user(t);
    await community('approving', { facilitator: f, approveFirstPosts: true });
    const newcomer = await member('approving');
    const started = await startTopic(newcomer.a, 'approving', 'Mentors for apprentices', 'How do you train mentors?');
    assert.match(started.location, /done=waiting/);
    assert.match((await newcomer.a.get(started.location)).body, /waits for a facilitator’s approval/);
    assert.equal((await agent(t).get(`${base('approving')}/topics/${started.topic}`)).statusCode, 404);
    assert.doesNotMatch((await agent(t).get(base('approving'))).body, /Mentors for apprentices/);
    const another = await member('approving');
    assert.equal((await another.a.get(`${base('approving')}/topics/${started.topic}`)).statusCode, 404);

    // The facilitator's own posts never wait; they approve the newcomer's topic from the queue.
    const fa = await signIn(t, f);
    const own = await startTopic(fa, 'approving', 'Welcome', 'Introduce yourselves.');
    assert.match(own.location, /done=posted/);
    assert.match((await fa.get(`${base('approving')}/review`)).body, /How do you train mentors\?/);
    await fa.post(`${base('approving')}/posts/${started.post}/approve`, { from: 'review' }, `${base('approving')}/review`);
    assert.match((await agent(t).get(base('approving'))).body, /Mentors for apprentices/);
    assert.match(await visitorSees('approving', started.topic), /How do you train mentors\?/);

    // Approved once, the newcomer's next reply shows at once; another newcomer's reply waits, uncounted.
    const next = await newcomer.a.post(`${base('approving')}/topics/${own.topic}`, { body: 'Hello from Tunis.', lang: 'en' });
    assert.match(String(next.headers.location), /done=replied/);
    const waiting = await another.a.post(`${base('approving')}/topics/${own.topic}`, { body: 'Hello from Kyiv.', lang: 'en' });
    assert.match(String(waiting.headers.location), /done=waiting/);
    const seen = await visitorSees('approving', own.topic);
    assert.match(seen, /Hello from Tunis/);
    assert.doesNotMatch(seen, /Hello from Kyiv/);
    assert.match(seen, /1 reply/);
    const theirs = (await another.a.get(`${base('approving')}/topics/${own.topic}`)).body;
    assert.match(theirs, /Hello from Kyiv/);
    assert.match(theirs, /Waiting for approval/);
  });
});

describe('members and topics', () => {
  test('a suspended member reads and no longer writes, their reply kept on the page; reinstated, they write again', async () => {
    const f = await user(t);
    await community('suspending', { facilitator: f });
    const m = await member('suspending', { name: 'Oleh Petrenko' });
    const fa = await signIn(t, f);
    const { topic } = await startTopic(fa, 'suspending', 'Topic', 'Words.');
    const members = `${base('suspending')}/members`;
    assert.match((await fa.get(members)).body, /Suspend Oleh Petrenko/);
    const suspended = await fa.post(`${members}/${m.person.id}/suspend`, { on: 'yes' }, members);
    assert.equal(suspended.headers.location, `${members}?done=suspended`);
    // A reply written before the suspension, sent after it.
    const refused = await m.a.postRaw(`${base('suspending')}/topics/${topic}`, { body: 'My kept words.', lang: 'en', _csrf: await tokenOf(m.a) });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, />My kept words\.<\/textarea>/);
    assert.equal((await m.a.get(`${base('suspending')}/topics/${topic}`)).statusCode, 200, 'still reads');
    await fa.post(`${members}/${m.person.id}/suspend`, { on: 'no' }, members);
    assert.equal((await m.a.post(`${base('suspending')}/topics/${topic}`, { body: 'Back.', lang: 'en' })).statusCode, 303);
    const actions = await t.database.db.selectFrom('audit_log').select('action').where('subject', '=', 'suspending').orderBy('id').execute();
    assert.deepEqual(
      actions.map((x) => x.action),
      ['community.member.suspend', 'community.member.reinstate'],
    );
    // Members do not suspend each other, and facilitators are not suspended here.
    const token = await tokenOf(m.a);
    assert.equal((await m.a.postRaw(`${members}/${f.id}/suspend`, { on: 'yes', _csrf: token })).statusCode, 404);
    const co = await user(t);
    await t.database.db
      .insertInto('community_members')
      .values({
        community_id: (await t.database.db.selectFrom('communities').select('id').where('slug', '=', 'suspending').executeTakeFirstOrThrow()).id,
        user_id: co.id,
        role: 'facilitator',
        status: 'active',
        created_at: new Date().toISOString(),
      })
      .execute();
    assert.equal((await fa.post(`${members}/${co.id}/suspend`, { on: 'yes' }, members)).statusCode, 404);
  });

  test('a facilitator of both moves a topic; its old address leads to the new one, except for who may not read there', async () => {
    const f = await user(t);
    await community('move-from', { facilitator: f });
    await community('move-to', { facilitator: f, visibility: 'members' });
    await community('not-mine', { facilitator: await user(t) });
    const fa = await signIn(t, f);
    const { topic } = await startTopic(fa, 'move-from', 'Misplaced', 'Words in the wrong place.');
    const page = (await fa.get(`${base('move-from')}/topics/${topic}`)).body;
    assert.match(page, /<option value="move-to">Community move-to<\/option>/);
    assert.doesNotMatch(page, /value="not-mine"/);
    const token = await tokenOf(fa);
    assert.equal((await fa.postRaw(`${base('move-from')}/topics/${topic}/move`, { to: 'not-mine', _csrf: token })).statusCode, 404);
    const moved = await fa.postRaw(`${base('move-from')}/topics/${topic}/move`, { to: 'move-to', _csrf: token });
    assert.equal(moved.headers.location, `${base('move-to')}/topics/${topic}?done=moved`);
    const old = await fa.get(`${base('move-from')}/topics/${topic}?page=1`);
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, `${base('move-to')}/topics/${topic}?page=1`);
    // Now in a members-only community: a visitor learns nothing from the old address.
    assert.equal((await agent(t).get(`${base('move-from')}/topics/${topic}`)).statusCode, 404);
    const audit = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'community.topic.move').executeTakeFirstOrThrow();
    assert.match(audit.details, /move-to/);
  });
});

describe('the 48-hour reminder', () => {
  test('flags open for 48 hours are reminded once to the facilitators, in one mail per person', async () => {
    const f = await user(t);
    await community('remind-a', { facilitator: f });
    await community('remind-b', { facilitator: f });
    const flags: number[] = [];
    for (const slug of ['remind-a', 'remind-b']) {
      const author = await member(slug);
      const { post } = await startTopic(author.a, slug, `Topic of ${slug}`, 'Words.');
      const m = await member(slug);
      await flag(m.a, slug, post);
      flags.push(post);
    }
    await t.jobs.enqueue(FLAG_REMINDER_JOB, {});
    await runJobs(t);
    assert.equal(await lastMail(t, f.email), null, 'not yet: the flags are new');

    const old = new Date(Date.now() - 49 * 3600_000).toISOString();
    await t.database.db.updateTable('community_flags').set({ created_at: old }).where('post_id', 'in', flags).execute();
    await t.jobs.enqueue(FLAG_REMINDER_JOB, {});
    const mail = await lastMail(t, f.email);
    assert.match(mail!.subject, /2 flags wait for you/);
    assert.match(mail!.body, /Community remind-a: 1 flag\n {2}http:\/\/localhost:3000\/en\/communities\/remind-a\/review/);
    assert.match(mail!.body, /Community remind-b: 1 flag/);

    await t.jobs.enqueue(FLAG_REMINDER_JOB, {});
    await runJobs(t);
    const sent = await t.database.db.selectFrom('outbox').select('id').where('to_address', '=', f.email).execute();
    assert.equal(sent.length, 1, 'once a flag');
  });
});
