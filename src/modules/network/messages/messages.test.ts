import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { centre, PASSWORD, signIn, user, type CentreRecord } from '../../../../test/factories/index.ts';
import { lastMail, type Agent } from '../../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';

// Conversations between centres through HTTP, as their members use them, on the test database.
// The promise under test: only the two centres' members read a conversation; an administrator
// of the platform reads a message only once it was reported.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

/** Starts a conversation from `from` (the agent's centre) to the centre `to`. */
async function write(a: Agent, from: string, to: string, fields: Record<string, string>) {
  return a.post(`/en/account/centres/${from}/messages`, { to, ...fields }, `/en/account/centres/${from}/messages/new?to=${to}`);
}
const idOf = (location: unknown) => Number(/\/messages\/(\d+)\?done=sent$/.exec(String(location))![1]);

describe('messages between centres', () => {
  let a: CentreRecord;
  let b: CentreRecord;
  let aMember: Agent;
  let aAdmin: Agent;
  let bAdmin: Agent;
  let conversation: number;

  before(async () => {
    a = await centre(t, { name: 'Writing Centre', members: 1 });
    b = await centre(t, { name: 'Receiving Centre' });
    aMember = await signIn(t, a.members[0]!);
    aAdmin = await signIn(t, a.admin);
    bAdmin = await signIn(t, b.admin);
  });

  test('“Write to this centre” leads a member of one centre straight to the form', async () => {
    const res = await aMember.get(`/en/account/messages/new?to=${b.slug}`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/en/account/centres/${a.slug}/messages/new?to=${b.slug}`);
    const { a: lonely } = { a: await signIn(t, await user(t, { name: 'No Centre Yet' })) };
    assert.match((await lonely.get(`/en/account/messages/new?to=${b.slug}`)).body, /add your centre first/);
  });

  test('a message without text comes back with the subject kept and a message', async () => {
    const res = await write(aMember, a.slug, b.slug, { subject: 'Mobility in 2027', body: '  ' });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Write a message/);
    assert.match(res.body, /value="Mobility in 2027"/);
    const long = await write(aMember, a.slug, b.slug, { subject: 'Long', body: 'x'.repeat(5001) });
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /at most 5,000 characters/);
  });

  test('the other centre is told by mail, with a link and without the text; reading clears “new”', async () => {
    const res = await write(aMember, a.slug, b.slug, { subject: 'Mobility in 2027', body: 'Could you host six cooks in May?\nThey speak English.' });
    assert.equal(res.statusCode, 303);
    conversation = idOf(res.headers.location);
    const mail = await lastMail(t, b.admin.email);
    assert.ok(mail, 'a mail to the other centre');
    assert.match(mail.subject, /New message from Writing Centre/);
    assert.equal(mail.link, `/en/account/centres/${b.slug}/messages/${conversation}`);
    assert.doesNotMatch(mail.body, /six cooks/);
    assert.match((await bAdmin.get(`/en/account/centres/${b.slug}/messages`)).body, /1 new/);
    const page = await bAdmin.get(`/en/account/centres/${b.slug}/messages/${conversation}`);
    assert.match(page.body, /Could you host six cooks in May\?\nThey speak English\./);
    assert.doesNotMatch((await bAdmin.get(`/en/account/centres/${b.slug}/messages`)).body, /1 new/);
  });

  test('replies reach every member of the other centre, one mail until they read', async () => {
    const reply = await bAdmin.post(`/en/account/centres/${b.slug}/messages/${conversation}`, { body: 'Yes, in our hotel school.' });
    assert.equal(reply.statusCode, 303);
    const first = await lastMail(t, a.admin.email);
    assert.match(first!.subject, /New message from Receiving Centre/);
    await bAdmin.post(`/en/account/centres/${b.slug}/messages/${conversation}`, { body: 'And we have rooms.' });
    const count = async (to: string) => (await t.database.db.selectFrom('outbox').select('id').where('to_address', '=', to).execute()).length;
    await lastMail(t, a.admin.email);
    assert.equal(await count(a.admin.email), 1, 'no second mail before the first is read');
    // The member who wrote first shares the conversation with the centre's administrator.
    assert.match((await aAdmin.get(`/en/account/centres/${a.slug}/messages/${conversation}`)).body, /And we have rooms\./);
  });

  test('nobody else reads it: another centre, a platform administrator, a visitor', async () => {
    const stranger = await centre(t, { name: 'Curious Centre' });
    const other = await signIn(t, stranger.admin);
    const siteAdmin = await signIn(t, await user(t, { role: 'admin', name: 'Site Admin' }));
    for (const who of [other, siteAdmin]) {
      assert.equal((await who.get(`/en/account/centres/${a.slug}/messages/${conversation}`)).statusCode, 404);
      assert.equal((await who.get(`/en/account/centres/${b.slug}/messages`)).statusCode, 404);
      assert.equal((await who.get(`/en/account/centres/${stranger.slug}/messages/${conversation}`)).statusCode, 404);
    }
    assert.equal((await t.get(`/en/account/centres/${a.slug}/messages/${conversation}`)).statusCode, 303);
    const page = await other.get(`/en/account/centres/${stranger.slug}/messages`);
    assert.doesNotMatch(page.body, /Mobility in 2027/);
  });

  test('a reported message reaches the administrators, and only that message', async () => {
    const page = await aMember.get(`/en/account/centres/${a.slug}/messages/${conversation}`);
    const theirs = Number(/<input type="hidden" name="message" value="(\d+)">/.exec(page.body)![1]);
    const reported = await aMember.post(
      `/en/account/centres/${a.slug}/messages/${conversation}/report`,
      { message: String(theirs), reason: 'spam' },
      `/en/account/centres/${a.slug}/messages/${conversation}`,
    );
    assert.equal(reported.statusCode, 303);
    const siteAdmin = await signIn(t, await user(t, { role: 'admin', name: 'Moderator' }));
    const reports = await siteAdmin.get('/en/admin/reports');
    assert.equal(reports.statusCode, 200);
    assert.match(reports.body, /Writing Centre reported a message of Receiving Centre \(Advertising or spam\)/);
    assert.match(reports.body, /Yes, in our hotel school\./);
    assert.doesNotMatch(reports.body, /six cooks/, 'the rest of the conversation stays private');
    assert.equal((await aAdmin.get('/en/admin/reports')).statusCode, 403);
    const id = /\/admin\/reports\/(\d+)\/resolve/.exec(reports.body)![1]!;
    assert.equal((await siteAdmin.post(`/en/admin/reports/${id}/resolve`, {}, '/en/admin/reports')).statusCode, 303);
    assert.match((await siteAdmin.get('/en/admin/reports')).body, /No reported messages/);
  });

  test('a centre that blocks another gets nothing more from it', async () => {
    const blocked = await bAdmin.post(
      `/en/account/centres/${b.slug}/messages/${conversation}/block`,
      { on: 'yes' },
      `/en/account/centres/${b.slug}/messages/${conversation}`,
    );
    assert.equal(blocked.statusCode, 303);
    const page = await aMember.get(`/en/account/centres/${a.slug}/messages/${conversation}`);
    assert.match(page.body, /the other centre does not take messages from yours/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const reply = await aMember.postRaw(`/en/account/centres/${a.slug}/messages/${conversation}`, { _csrf: csrf, body: 'Hello?' });
    assert.equal(reply.statusCode, 409);
    assert.equal((await aMember.get(`/en/account/centres/${a.slug}/messages/new?to=${b.slug}`)).statusCode, 404);
    // Only administrators of the centre block.
    const member = await bAdmin.post(
      `/en/account/centres/${b.slug}/messages/${conversation}/block`,
      { on: 'no' },
      `/en/account/centres/${b.slug}/messages/${conversation}`,
    );
    assert.equal(member.statusCode, 303);
    assert.equal((await aMember.get(`/en/account/centres/${a.slug}/messages/new?to=${b.slug}`)).statusCode, 200);
  });

  test('a person’s export has what they wrote; deleting the account leaves it signed “a former member”', async () => {
    const data = JSON.parse((await aMember.get('/en/account/data.json')).body) as { messages: { body: string; to_centre: string }[] };
    assert.ok(data.messages.some((m) => m.body.startsWith('Could you host six cooks') && m.to_centre === 'Receiving Centre'));
    const gone = await aMember.post('/en/account/delete', { current_password: PASSWORD }, '/en/account');
    assert.equal(gone.statusCode, 200);
    assert.match(gone.body, /deleted/i);
    const page = await bAdmin.get(`/en/account/centres/${b.slug}/messages/${conversation}`);
    assert.match(page.body, /Could you host six cooks/);
    assert.match(page.body, /a former member/);
  });

  test('new conversations are limited per person and day', async () => {
    const writer = await centre(t, { name: 'Busy Centre' });
    const busy = await signIn(t, writer.admin);
    const targets = await Promise.all(Array.from({ length: 21 }, (_, i) => centre(t, { name: `Target ${i}` })));
    let last = 0;
    for (const target of targets) last = (await write(busy, writer.slug, target.slug, { subject: 'Hello', body: 'Shall we work together?' })).statusCode;
    assert.equal(last, 429);
  });
});
