import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { community as makeCommunity, signIn, user } from '../../../test/factories/index.ts';
import type { UserRecord } from '../../../test/factories/people.ts';
import { agent, type Agent } from '../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import { sharedSecret } from '../../platform/secrets/repository.ts';
import { createMailer } from '../accounts/mail.ts';
import { DIGEST_JOB, digestLinks, digestService, OFF_LINK_DAYS } from './digest.ts';

// Digests through HTTP and the queue, on the test database (both engines): chosen on the
// notifications page (none by default), sent only to people who have been away for their period,
// once, listing what others wrote since their last digest or visit in their communities (nothing
// hidden, waiting, muted, or from communities they are not in), and turned off from the mail's
// signed link without signing in.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const base = (slug: string) => `/en/communities/${slug}`;

async function member(slug: string, o: { name?: string; a?: Agent; person?: UserRecord } = {}): Promise<{ person: UserRecord; a: Agent }> {
  const person = o.person ?? (await user(t, o.name ? { name: o.name } : {}));
  const a = o.a ?? (await signIn(t, person));
  assert.equal((await a.post(`${base(slug)}/join`, {}, `${base(slug)}/join`)).statusCode, 303);
  return { person, a };
}
async function startTopic(a: Agent, slug: string, title: string, body: string): Promise<number> {
  const res = await a.post(`${base(slug)}/topics`, { title, body, lang: 'en' }, `${base(slug)}/topics/new`);
  assert.equal(res.statusCode, 303);
  return Number(/\/topics\/(\d+)/.exec(String(res.headers.location))![1]);
}
const replyIn = async (a: Agent, slug: string, topic: number, body: string) =>
  assert.equal((await a.post(`${base(slug)}/topics/${topic}`, { body, lang: 'en' })).statusCode, 303);
const choose = async (m: { a: Agent }, frequency: string) =>
  assert.equal((await m.a.post('/en/account/notifications/digest', { frequency }, '/en/account/notifications')).statusCode, 303);
/** Makes a person as if their last digest (or their choice) and their last visit were `days` ago. */
const away = async (person: UserRecord, days: { sent: number; seen: number | null }) => {
  await t.database.db
    .updateTable('mail_digests')
    .set({ last_sent_at: ago(days.sent * DAY) })
    .where('user_id', '=', person.id)
    .execute();
  await t.database.db
    .updateTable('users')
    .set({ last_seen_at: days.seen === null ? null : ago(days.seen * DAY) })
    .where('id', '=', person.id)
    .execute();
};
const digestsTo = (email: string) =>
  t.database.db
    .selectFrom('outbox')
    .select(['subject', 'body', 'headers'])
    .where('to_address', '=', email)
    .where('subject', 'like', '%digest%')
    .orderBy('id')
    .execute();
const frequencyOf = async (userId: number) =>
  (await t.database.db.selectFrom('mail_digests').select('frequency').where('user_id', '=', userId).executeTakeFirst())?.frequency ?? null;
/** The hourly job, as the worker runs it, and the mail it queued. */
const runDigests = async () => {
  await t.jobs.enqueue(DIGEST_JOB, {});
  await t.jobs.runDue();
};

describe('choosing a digest', () => {
  test('none for a new account; daily, weekly and none again on the notifications page', async () => {
    const person = await user(t);
    const a = await signIn(t, person);
    const page = await a.get('/en/account/notifications');
    assert.match(page.body, /<h2 id="digest">Digest by mail<\/h2>/);
    assert.match(page.body, /value="off" id="field-frequency-0" checked/);
    assert.equal(await frequencyOf(person.id), null);

    await choose({ a }, 'weekly');
    assert.equal(await frequencyOf(person.id), 'weekly');
    const saved = await a.get('/en/account/notifications?done=digest');
    assert.match(saved.body, /Your digest choice is saved/);
    assert.match(saved.body, /value="weekly" id="field-frequency-2" checked/);
    await choose({ a }, 'off');
    assert.equal(await frequencyOf(person.id), null);

    // Something else than the three choices is refused, and changes nothing.
    await choose({ a }, 'daily');
    const bad = await a.post('/en/account/notifications/digest', { frequency: 'hourly' }, '/en/account/notifications');
    assert.equal(bad.statusCode, 400);
    assert.equal(await frequencyOf(person.id), 'daily');
    // Without the form's token, nothing happens.
    const forged = await agent(t).postRaw('/en/account/notifications/digest', { frequency: 'weekly' });
    assert.notEqual(forged.statusCode, 303);
    assert.equal(await frequencyOf(person.id), 'daily');
  });

  test('a signed-in page records the visit, at most every quarter of an hour; public pages with the session cookie too', async () => {
    const person = await user(t);
    const a = await signIn(t, person);
    await t.database.db
      .updateTable('users')
      .set({ last_seen_at: ago(3 * DAY) })
      .where('id', '=', person.id)
      .execute();
    const seen = async () =>
      (await t.database.db.selectFrom('users').select('last_seen_at').where('id', '=', person.id).executeTakeFirstOrThrow()).last_seen_at!;
    assert.equal((await a.get('/en/')).statusCode, 200);
    const first = await seen();
    assert.ok(Date.now() - Date.parse(first) < 60_000, 'a cached page with the session cookie counts as a visit');
    await a.get('/en/account/notifications');
    assert.equal(await seen(), first, 'not written again within a quarter of an hour');
    await t.database.db
      .updateTable('users')
      .set({ last_seen_at: ago(20 * 60_000) })
      .where('id', '=', person.id)
      .execute();
    await a.get('/en/account/notifications');
    assert.ok(Date.parse(await seen()) > Date.now() - 60_000);
  });
});

describe('sending', () => {
  test('only to people away for their period, once, with what others wrote since they last saw it', async () => {
    await makeCommunity(t, 'digest-news');
    await makeCommunity(t, 'digest-closed', { visibility: 'members' });
    await makeCommunity(t, 'digest-quiet');
    await makeCommunity(t, 'digest-still');
    const writer = await member('digest-news', { name: 'Wanda Writer' });
    await member('digest-closed', writer);
    await member('digest-quiet', writer);

    const absent = await member('digest-news', { name: 'Abel Absent' });
    await member('digest-quiet', absent);
    const present = await member('digest-news', { name: 'Priya Present' });
    const weekly = await member('digest-news', { name: 'Wim Weekly' });
    const none = await member('digest-news', { name: 'Nora None' });
    const muter = await member('digest-news', { name: 'Mo Muter' });
    const outsider = await member('digest-still', { name: 'Otto Outsider' });
    for (const m of [absent, present, muter, outsider]) await choose(m, 'daily');
    await choose(weekly, 'weekly');
    // The quiet community is muted by Abel; Mo mutes the news but watches one of its topics.
    await absent.a.post(`${base('digest-quiet')}/level`, { level: 'muted' }, base('digest-quiet'));
    await muter.a.post(`${base('digest-news')}/level`, { level: 'muted' }, base('digest-news'));

    const old = await startTopic(writer.a, 'digest-news', 'Mentors in companies', 'How do you train them?');
    // Seen by everyone two days ago: the topic is not new to them.
    await t.database.db
      .updateTable('community_posts')
      .set({ created_at: ago(2 * DAY) })
      .where('topic_id', '=', old)
      .execute();
    await t.database.db
      .updateTable('community_topics')
      .set({ created_at: ago(2 * DAY) })
      .where('id', '=', old)
      .execute();
    for (const m of [absent, present, weekly, none, muter, outsider]) await away(m.person, { sent: 1.5, seen: 1.2 });
    await away(weekly.person, { sent: 3, seen: 3 });

    await replyIn(writer.a, 'digest-news', old, 'We pair each mentor with a teacher.');
    await replyIn(absent.a, 'digest-news', old, 'Abel’s own reply, not for his digest.');
    const fresh = await startTopic(writer.a, 'digest-news', 'Green skills in welding', 'Who teaches this?');
    await replyIn(writer.a, 'digest-news', fresh, 'Anyone?');
    await muter.a.post(`${base('digest-news')}/topics/${fresh}/level`, { level: 'watching' }, `${base('digest-news')}/topics/${fresh}`);
    await startTopic(writer.a, 'digest-closed', 'Members only: budgets', 'Not for Abel, who is not a member.');
    await startTopic(writer.a, 'digest-quiet', 'Quiet news', 'Muted by Abel.');
    // A post hidden by flags is in no digest.
    const hiddenTopic = await startTopic(writer.a, 'digest-news', 'Hidden matter', 'Flagged away.');
    await t.database.db.updateTable('community_posts').set({ status: 'hidden' }).where('topic_id', '=', hiddenTopic).execute();
    await t.database.db.updateTable('community_topics').set({ status: 'hidden' }).where('id', '=', hiddenTopic).execute();
    // Everyone who wrote just now was here: they visited. Abel and Mo are away again.
    await away(absent.person, { sent: 1.5, seen: 1.2 });
    await away(muter.person, { sent: 1.5, seen: 1.2 });
    // Priya visits the platform now.
    await t.database.db
      .updateTable('users')
      .set({ last_seen_at: ago(20 * 60_000) })
      .where('id', '=', present.person.id)
      .execute();
    await present.a.get('/en/communities');

    await runDigests();
    await t.jobs.runDue();

    const [mail, ...rest] = await digestsTo(absent.person.email);
    assert.equal(rest.length, 0);
    assert.equal(mail!.subject, 'Your daily digest: 3 new posts in your communities');
    assert.match(mail!.body, /^Hello Abel Absent,\n\nHere is what is new in your communities since /);
    assert.match(
      mail!.body,
      /Community digest-news\n- New topic “Green skills in welding”: 2 posts\n {2}http:\/\/localhost:3000\/en\/communities\/digest-news\/topics\/\d+/,
    );
    assert.match(mail!.body, /- “Mentors in companies”: 1 new post\n/, 'his own reply is not counted');
    assert.doesNotMatch(mail!.body, /Members only|Quiet news|Hidden matter/);
    assert.match(
      mail!.body,
      /This digest comes daily, and only when you have not visited the platform\.\nTurn it off with one click: http:\/\/localhost:3000\/en\/account\/notifications\/digest\/off\?t=/,
    );
    const headers = JSON.parse(mail!.headers!) as Record<string, string>;
    assert.match(headers['List-Unsubscribe']!, /^<http:\/\/localhost:3000\/en\/account\/notifications\/digest\/off\?t=[\w.-]+>$/);
    assert.equal(headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');

    assert.equal((await digestsTo(present.person.email)).length, 0, 'visited: no digest');
    assert.equal((await digestsTo(weekly.person.email)).length, 0, 'weekly, last one three days ago');
    assert.equal((await digestsTo(none.person.email)).length, 0, 'never chose one');
    assert.equal((await digestsTo(outsider.person.email)).length, 0, 'nothing new where Otto is');
    const [muted] = await digestsTo(muter.person.email);
    assert.match(muted!.body, /Green skills in welding/, 'the watched topic of a muted community');
    assert.doesNotMatch(muted!.body, /Mentors in companies/);

    // Once: the next run finds nobody due; Otto's turn moved on too, though he had nothing new.
    await runDigests();
    assert.equal((await digestsTo(absent.person.email)).length, 1);
    const turn = await t.database.db.selectFrom('mail_digests').select('last_sent_at').where('user_id', '=', outsider.person.id).executeTakeFirstOrThrow();
    assert.ok(Date.now() - Date.parse(turn.last_sent_at) < 60_000);

    // A day later, what came after the last digest, and only that.
    const digests = digestService(t.database.db, {
      mailer: createMailer(t.jobs),
      baseUrl: 'http://localhost:3000',
      secret: await sharedSecret(t.database.db, 'session'),
    });
    await replyIn(writer.a, 'digest-news', old, 'A newer reply.');
    const tomorrow = new Date(Date.now() + DAY);
    await digests.run(tomorrow);
    await t.jobs.runDue();
    const second = (await digestsTo(absent.person.email))[1]!;
    assert.equal(second.subject, 'Your daily digest: 1 new post in your communities');
    assert.doesNotMatch(second.body, /Green skills/);
    assert.match((await digestsTo(present.person.email))[0]!.body, /“Mentors in companies”: 1 new post/, 'what came after her visit');
    assert.equal((await digestsTo(muter.person.email)).length, 1, 'nothing new in what Mo follows');
    // The weekly reader, away for a week, gets everything since her last visit.
    await digests.run(new Date(Date.now() + 4 * DAY));
    await t.jobs.runDue();
    const [week] = await digestsTo(weekly.person.email);
    assert.equal(week!.subject, 'Your weekly digest: 6 new posts in your communities');
    assert.match(week!.body, /- New topic “Mentors in companies”: 4 posts\n/);
  });

  test('a daily digest keeps its hour: the hourly run a day later sends it, the one before does not', async () => {
    await makeCommunity(t, 'digest-hour');
    const writer = await member('digest-hour');
    const reader = await member('digest-hour');
    await choose(reader, 'daily');
    await away(reader.person, { sent: 2, seen: 2 });
    const digests = digestService(t.database.db, { mailer: createMailer(t.jobs), baseUrl: 'http://localhost:3000', secret: 'a secret of the test' });
    const mine = async () =>
      (await t.database.db.selectFrom('mail_digests').select('last_sent_at').where('user_id', '=', reader.person.id).executeTakeFirstOrThrow()).last_sent_at;
    const first = new Date(Date.now() + 60_000);
    await digests.run(first);
    assert.equal(await mine(), first.toISOString());
    await startTopic(writer.a, 'digest-hour', 'Something new', 'For tomorrow.');
    const hour = 3_600_000;
    await digests.run(new Date(first.getTime() + DAY - hour + 5000));
    assert.equal(await mine(), first.toISOString(), 'the run an hour before its day is not its turn');
    await digests.run(new Date(first.getTime() + DAY - 5000));
    assert.notEqual(await mine(), first.toISOString(), 'the run a day later, a few seconds early, is');
  });

  test('two runs at the same moment send each digest once', async () => {
    await makeCommunity(t, 'digest-race');
    const writer = await member('digest-race');
    const readers = [];
    for (let i = 0; i < 5; i++) readers.push(await member('digest-race'));
    for (const r of readers) await choose(r, 'daily');
    await startTopic(writer.a, 'digest-race', 'Raced topic', 'Body.');
    for (const r of readers) await away(r.person, { sent: 2, seen: 2 });
    const secret = await sharedSecret(t.database.db, 'session');
    const make = () => digestService(t.database.db, { mailer: createMailer(t.jobs), baseUrl: 'http://localhost:3000', secret });
    const results = await Promise.all([make().run(), make().run()]);
    assert.equal(results[0].mailed + results[1].mailed, 5);
    await t.jobs.runDue();
    for (const r of readers) assert.equal((await digestsTo(r.person.email)).length, 1);
  });
});

describe('the link in the mail', () => {
  test('turns the digest off in one click without signing in; its page chooses again; forged and old links do not work', async () => {
    const person = await user(t, { name: 'Lina Link' });
    const a = await signIn(t, person);
    await choose({ a }, 'daily');
    const links = digestLinks(await sharedSecret(t.database.db, 'session'));
    const token = links.token(person.id);
    const stranger = agent(t);

    const off = await stranger.get(`/en/account/notifications/digest/off?t=${token}`);
    assert.equal(off.statusCode, 303);
    assert.equal(off.headers.location, `/en/account/notifications/digest?t=${encodeURIComponent(token)}&done=off`);
    assert.equal(await frequencyOf(person.id), null);
    const page = await stranger.get(String(off.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Your digest is off/);
    assert.match(page.body, /value="off" id="field-frequency-0" checked/);
    assert.equal(page.headers['cache-control'], 'no-store');

    const again = await stranger.postRaw('/en/account/notifications/digest/choose', { t: token, frequency: 'weekly' });
    assert.equal(again.statusCode, 303);
    assert.equal(await frequencyOf(person.id), 'weekly');
    assert.match((await stranger.get(String(again.headers.location))).body, /Your digest choice is saved/);

    // A mail program's one-click POST (RFC 8058).
    const oneClick = await t.app.inject({
      method: 'POST',
      url: `/en/account/notifications/digest/off?t=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(oneClick.statusCode, 303);
    assert.equal(await frequencyOf(person.id), null);

    await choose({ a }, 'daily');
    // Someone else's id with this MAC, a changed day, or nonsense: not found, nothing changes.
    const [id, until, mac] = token.split('.');
    for (const forged of [`${Number(id) + 1}.${until}.${mac}`, `${id}.${Number(until) + 30}.${mac}`, 'x', ''])
      assert.equal((await stranger.get(`/en/account/notifications/digest/off?t=${encodeURIComponent(forged)}`)).statusCode, 404, forged);
    assert.equal(
      (await stranger.postRaw('/en/account/notifications/digest/choose', { t: `${id}.${until}.${'A'.repeat(24)}`, frequency: 'off' })).statusCode,
      404,
    );
    assert.equal(await frequencyOf(person.id), 'daily');

    // Past its days, a link says so and leads to signing in.
    const oldToken = links.token(person.id, new Date(Date.now() - (OFF_LINK_DAYS + 1) * DAY));
    const expired = await stranger.get(`/en/account/notifications/digest/off?t=${oldToken}`);
    assert.equal(expired.statusCode, 410);
    assert.match(expired.body, /This link is too old/);
    assert.match(expired.body, /href="\/en\/account\/sign-in\?next=/);
    assert.equal(await frequencyOf(person.id), 'daily');

    // A link that outlived its account chooses nothing.
    const gone = await user(t);
    const goneToken = links.token(gone.id);
    await t.database.db.deleteFrom('users').where('id', '=', gone.id).execute();
    assert.equal((await stranger.postRaw('/en/account/notifications/digest/choose', { t: goneToken, frequency: 'daily' })).statusCode, 404);
    assert.equal(await frequencyOf(gone.id), null);
  });

  test('a token works for its last day and not after', () => {
    const links = digestLinks('a secret of the test');
    const at = new Date('2027-01-10T12:00:00Z');
    const token = links.token(42, at);
    assert.equal(links.read(token, at), 42);
    assert.equal(links.read(token, new Date(at.getTime() + OFF_LINK_DAYS * DAY)), 42);
    assert.equal(links.read(token, new Date(at.getTime() + (OFF_LINK_DAYS + 1) * DAY)), 'expired');
    assert.equal(digestLinks('another secret').read(token, at), null);
  });
});
