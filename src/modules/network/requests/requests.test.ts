import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { centre, signIn, type CentreRecord } from '../../../../test/factories/index.ts';
import { lastMail, type Agent } from '../../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';

// Partner requests through HTTP, as centres use them, on the test database: posting, finding,
// replying through the platform, and closing by the author, the deadline or the cap.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const request = (over: Record<string, string | string[]> = {}) => ({
  title: 'Hotel schools to host cooks in spring',
  purpose: 'learner-mobility',
  description: 'Four apprentice cooks, three weeks in April, with a tutor.',
  sectors: ['tourism'],
  countries: ['IT', 'FR'],
  types: ['vet-school'],
  deadline: inDays(30),
  cap: '',
  ...over,
});

async function post(a: Agent, c: CentreRecord, fields: Record<string, string | string[]>) {
  return a.post(`/en/account/centres/${c.slug}/requests`, fields, `/en/account/centres/${c.slug}/requests/new`);
}
const idOf = (location: unknown) => Number(/\/requests\/(\d+)\?done=posted$/.exec(String(location))![1]);
const reply = (a: Agent, id: number, c: CentreRecord, body: string) => a.post(`/en/account/partners/${id}/reply`, { centre: c.slug, body }, '/en/account');

describe('partner requests', () => {
  let author: CentreRecord;
  let lead: Agent;
  let italy: CentreRecord;
  let italian: Agent;
  let id: number;

  before(async () => {
    author = await centre(t, { name: 'Tirana Hospitality School', country: 'AL', sectors: ['tourism'] });
    lead = await signIn(t, author.admin);
    italy = await centre(t, { name: 'Istituto di Rimini', country: 'IT', sectors: ['tourism'], type: 'vet-school' });
    italian = await signIn(t, italy.admin);
  });

  test('a form with mistakes comes back with every value and a message each', async () => {
    const res = await post(lead, author, request({ deadline: inDays(-1), cap: '0', purpose: '' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /The deadline must be today or later/);
    assert.match(res.body, /Enter a whole number from 1 to 500, or leave it empty/);
    assert.match(res.body, /href="#field-purpose"/);
    assert.match(res.body, /value="Hotel schools to host cooks in spring"/);
    assert.match(res.body, /Four apprentice cooks/);
    assert.match(res.body, /value="IT"[^>]*checked/);
    const far = await post(lead, author, request({ deadline: inDays(400) }));
    assert.match(far.body, /at most a year from today/);
  });

  test('a posted request is listed, filtered with counts, in the feed and on its own page', async () => {
    const res = await post(lead, author, request());
    assert.equal(res.statusCode, 303);
    id = idOf(res.headers.location);
    const list = await t.get('/en/partners');
    assert.match(list.body, /Hotel schools to host cooks in spring/);
    assert.match(list.body, /1 open request/);
    assert.match((await t.get('/en/partners?purpose=learner-mobility&country=IT')).body, /Hotel schools to host cooks/);
    assert.doesNotMatch((await t.get('/en/partners?purpose=applied-research')).body, /Hotel schools to host cooks/);
    assert.match((await t.get('/en/partners?q=apprentice+cooks')).body, /1 open request/);
    assert.match(
      (await t.get('/en/partners?country=IT')).body,
      /value="learner-mobility"[^>]*>\s*<label[^>]*>Hosting learners on mobility <span class="count">\(1\)/,
    );
    const feed = await t.get('/en/partners/feed.xml');
    assert.match(feed.headers['content-type'] as string, /atom\+xml/);
    assert.match(feed.body, new RegExp(`/en/partners/${id}`));
    const page = await t.get(`/en/partners/${id}`);
    assert.match(page.body, /Italy and France|France and Italy/);
    assert.match(page.body, /Reply as your centre/);
  });

  test('another centre replies through the platform; the author sees it beside its profile and is told by mail', async () => {
    const res = await reply(italian, id, italy, 'We host cooks every spring in our hotel school.');
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, new RegExp(`/en/account/centres/${italy.slug}/messages/\\d+\\?done=sent`));
    const mail = await lastMail(t, author.admin.email);
    assert.match(mail!.subject, /New message from Istituto di Rimini/);
    const view = await lead.get(`/en/account/centres/${author.slug}/requests/${id}`);
    assert.match(view.body, /1 reply/);
    assert.match(view.body, /Istituto di Rimini<\/bdi><\/a><\/h3>\s*<p class="meta"><bdi>Chișinău<\/bdi>, Italy/);
    assert.match(view.body, /We host cooks every spring/);
    // A second reply from the same centre leads back to its conversation.
    const again = await reply(italian, id, italy, 'Also in May.');
    assert.match(again.headers.location as string, /done=already$/);
  });

  test('the author’s centre cannot reply to itself, and strangers do not see the author’s view', async () => {
    const own = await lead.get(`/en/account/partners/${id}/reply`);
    assert.match(own.body, /add your centre first/);
    const res = await reply(lead, id, author, 'Talking to myself');
    assert.equal(res.statusCode, 404);
    assert.equal((await italian.get(`/en/account/centres/${author.slug}/requests/${id}`)).statusCode, 404);
    assert.equal((await italian.get(`/en/account/centres/${italy.slug}/requests/${id}`)).statusCode, 404);
  });

  test('a request closes itself at its cap: the next reply is refused and keeps its text', async () => {
    const capped = idOf(
      (await post(lead, author, request({ title: 'One partner for a joint curriculum', purpose: 'joint-qualifications', cap: '1' }))).headers.location,
    );
    assert.equal((await reply(italian, capped, italy, 'Count us in.')).statusCode, 303);
    const france = await centre(t, { name: 'Lycée de Lyon', country: 'FR' });
    const french = await signIn(t, france.admin);
    const page = await french.get(`/en/partners/${capped}`);
    assert.match(page.body, /Enough replies/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await french.get('/en/account')).body)![1]!;
    const refused = await french.postRaw(`/en/account/partners/${capped}/reply`, { _csrf: csrf, centre: france.slug, body: 'We would love to join.' });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /This request no longer takes replies/);
    assert.match(refused.body, /We would love to join\./, 'the text typed is kept');
    assert.equal((await french.get(`/en/account/partners/${capped}/reply`)).statusCode, 303, 'the reply page of a full request leads to the request');
    assert.doesNotMatch((await t.get('/en/partners')).body, /One partner for a joint curriculum/);
  });

  test('a request closes at its deadline, and when its author closes it', async () => {
    const soon = idOf((await post(lead, author, request({ title: 'Ending request' }))).headers.location);
    await t.database.db
      .updateTable('partner_requests')
      .set({ deadline: inDays(-1) })
      .where('id', '=', soon)
      .execute();
    assert.match((await t.get(`/en/partners/${soon}`)).body, /Deadline passed/);
    assert.doesNotMatch((await t.get('/en/partners')).body, /Ending request/);

    const mine = idOf((await post(lead, author, request({ title: 'Closed by hand' }))).headers.location);
    const closed = await lead.post(`/en/account/centres/${author.slug}/requests/${mine}/close`, {}, `/en/account/centres/${author.slug}/requests/${mine}`);
    assert.equal(closed.statusCode, 303);
    assert.match((await t.get(`/en/partners/${mine}`)).body, /Its author closed this request/);
    assert.equal((await reply(italian, mine, italy, 'Too late?')).statusCode, 409);
    assert.equal(
      (await t.database.db.selectFrom('conversations').select('id').where('request_id', '=', mine).execute()).length,
      0,
      'no conversation for a closed request',
    );
  });

  test('the author’s view suggests centres that fit, with reasons', async () => {
    const france = await centre(t, { name: 'École hôtelière de Nice', country: 'FR', sectors: ['tourism'], type: 'vet-school' });
    void france;
    const view = await lead.get(`/en/account/centres/${author.slug}/requests/${id}`);
    assert.match(view.body, /Centres that fit this request/);
    assert.match(view.body, /École hôtelière de Nice/);
    assert.match(view.body, /Is in a country you are looking for: France\./);
    // The filters apply to the suggestions, and the address keeps them.
    const filtered = await lead.get(`/en/account/centres/${author.slug}/requests/${id}?country=FR&type=vet-school`);
    assert.match(filtered.body, /École hôtelière de Nice/);
    assert.match(filtered.body, /<option value="FR" selected>/);
    const none = await lead.get(`/en/account/centres/${author.slug}/requests/${id}?country=UA`);
    assert.doesNotMatch(none.body, /École hôtelière de Nice/);
    assert.match(none.body, /No centre fits these filters yet/);
  });
});
