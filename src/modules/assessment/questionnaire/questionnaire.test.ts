import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sentCount } from '../../../../test/factories/index.ts';
import { agent } from '../../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { begin, centreAdmin, groupLinks, itemsOnPage, respond, startRound, type CentreAdmin } from '../../../../test/helpers/assessment.ts';

// Answering a round through a group's link, with no account, over HTTP against a real database.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

/** Sent answers wait in the pending counts until the round closes and releases them. */
const pendingRows = async (roundId: number) => t.database.db.selectFrom('pending_counts').selectAll().where('round_id', '=', roundId).execute();
const releasedRows = async (roundId: number) => t.database.db.selectFrom('answer_counts').selectAll().where('round_id', '=', roundId).execute();

describe('answering', () => {
  let admin: CentreAdmin;
  let round: { id: number; path: string };
  let links: Record<string, string>;
  before(async () => {
    admin = await centreAdmin(t);
    round = await startRound(admin, { own: ['=HYPERLINK("http://evil.example")'] });
    links = await groupLinks(admin, round.path);
  });

  test('a respondent answers page by page, with no account, and sends once', async () => {
    const welcome = await t.get(`/en/survey/${links.Learners!}`);
    assert.equal(welcome.statusCode, 200);
    assert.match(welcome.body, /Your answers are anonymous/);
    assert.match(welcome.body, /You are answering as one of: Learners\./);
    // What the centre sees, and what it never sees, told with the round's own minimum.
    assert.match(welcome.body, /The results of your group, only once at least 3 people in it have answered, and only after the round has closed\./);
    assert.match(welcome.body, /Your own answers, on their own or told apart from anyone else’s\./);
    assert.doesNotMatch(welcome.body, /Your email address/);
    assert.equal(welcome.headers['cache-control'], 'no-store');
    assert.equal(welcome.headers['referrer-policy'], 'no-referrer');
    assert.match(welcome.body, /<meta name="robots" content="noindex">/);
    const r = await respond(t, links.Learners!, () => '4', false);
    const check = await r.a.get(`/en/survey/r/${r.token}/check`);
    assert.match(check.body, /Send my answers/);
    assert.equal(await sentCount(t, round.id), 0);
    const sent = await r.a.post(`/en/survey/r/${r.token}/send`, {}, `/en/survey/r/${r.token}/check`);
    assert.equal(sent.statusCode, 303);
    assert.equal(await sentCount(t, round.id), 1);
    const thanks = await r.a.get(sent.headers.location as string);
    assert.match(thanks.body, /Your answers were sent to Assessed Centre/);
    // A second send (double click, another tab) changes nothing; nor can the answers change.
    const again = await r.a.postRaw(`/en/survey/r/${r.token}/send`, {});
    assert.notEqual(again.statusCode, 303);
    assert.equal(await sentCount(t, round.id), 1);
    const change = await r.a.get(`/en/survey/r/${r.token}/1`);
    assert.match(change.body, /Thank you/);
    const total = (await pendingRows(round.id)).filter((x) => x.grp === 'learners').reduce((n, x) => n + Number(x.n), 0);
    assert.equal(total, 3); // two framework statements asked of learners and the centre's own
    // Nothing is released while the round is open, and the response keeps no answers of its own.
    assert.equal((await releasedRows(round.id)).length, 0);
    const sentIds = (await t.database.db.selectFrom('responses').select('id').where('round_id', '=', round.id).where('sent', '=', 1).execute()).map(
      (x) => x.id,
    );
    assert.equal(sentIds.length, 1);
    assert.deepEqual(await t.database.db.selectFrom('answers').selectAll().where('response_id', 'in', sentIds).execute(), []);
  });

  test('every statement needs an answer to go on; going back keeps what was answered', async () => {
    const r = await begin(t, links['Teachers and trainers']!);
    const page = await r.a.get(`/en/survey/r/${r.token}/1`);
    const items = itemsOnPage(page.body);
    assert.ok(items.length >= 2);
    const partial = await r.a.post(`/en/survey/r/${r.token}/1`, { go: 'next', [`a.${items[0]!}`]: '5' });
    assert.equal(partial.statusCode, 422);
    assert.match(partial.body, /There is a problem/);
    assert.match(partial.body, new RegExp(`href="#field-q-${items[1]!}"`));
    assert.match(partial.body, new RegExp(`name="a\\.${items[0]!}" value="5" id="[^"]+" checked`));
    // Nothing of a refused page is saved.
    assert.equal((await t.database.db.selectFrom('answers').selectAll().execute()).filter((a) => a.item === items[0] && a.value === 5).length, 0);
  });

  test('answers for statements not on the page, or values off the scale, are refused whole', async () => {
    const r = await begin(t, links.Learners!);
    const page = await r.a.get(`/en/survey/r/${r.token}/1`);
    const items = itemsOnPage(page.body);
    const fields = Object.fromEntries(items.map((i) => [`a.${i}`, '3']));
    const outside = await r.a.post(`/en/survey/r/${r.token}/1`, { ...fields, go: 'next', 'a.staff-development-plan': '5' });
    assert.equal(outside.statusCode, 400);
    const offScale = await r.a.post(`/en/survey/r/${r.token}/1`, { ...fields, go: 'next', [`a.${items[0]!}`]: '9' });
    assert.equal(offScale.statusCode, 400);
    // A statement of the round that is on another page is outside this page too.
    const other = await r.a.post(`/en/survey/r/${r.token}/1`, { ...fields, go: 'next', 'a.own-1': '2' });
    assert.equal(other.statusCode, 400);
    const id = (await t.database.db.selectFrom('responses').select('id').where('resume_hash', '!=', '').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    assert.equal((await t.database.db.selectFrom('answers').selectAll().where('response_id', '=', id).execute()).length, 0);
  });

  test('a dropped connection loses at most the current page: the resume link and the code bring a respondent back', async () => {
    const r = await begin(t, links.Learners!);
    const first = await r.a.get(`/en/survey/r/${r.token}/1`);
    const code = /<strong class="code"[^>]*>([0-9A-Z]{4}-[0-9A-Z]{4})<\/strong>/.exec(first.body)![1]!;
    const items = itemsOnPage(first.body);
    assert.equal((await r.a.post(`/en/survey/r/${r.token}/1`, { ...Object.fromEntries(items.map((i) => [`a.${i}`, '2'])), go: 'next' })).statusCode, 303);
    // Page 2 was being filled in when the connection dropped: nothing of it arrived.
    const someoneElse = agent(t);
    const resumed = await someoneElse.get(`/en/survey/r/${r.token}`);
    assert.equal(resumed.statusCode, 303);
    assert.equal(resumed.headers.location, `/en/survey/r/${r.token}/2`);
    const back = await someoneElse.get(`/en/survey/r/${r.token}/1`);
    for (const item of items) assert.match(back.body, new RegExp(`name="a\\.${item}" value="2" id="[^"]+" checked`));
    // With the code, typed in lower case and without the hyphen, from the group's link.
    const phone = agent(t);
    const byCode = await phone.post(`/en/survey/${links.Learners!}/resume`, { code: code.replace('-', '').toLowerCase() }, `/en/survey/${links.Learners!}`);
    assert.equal(byCode.statusCode, 303);
    assert.equal(byCode.headers.location, `/en/survey/r/${r.token}`);
    // The code belongs to its group's link only.
    const wrongLink = await phone.post(`/en/survey/${links['Teachers and trainers']!}/resume`, { code }, `/en/survey/${links['Teachers and trainers']!}`);
    assert.equal(wrongLink.statusCode, 422);
    assert.match(wrongLink.body, /We found no answers with this code/);
  });

  test('guessing codes is slowed down', async () => {
    const guesser = agent(t, {}, '198.51.100.77');
    let last = 0;
    for (let i = 0; i < 11; i++)
      last = (await guesser.post(`/en/survey/${links.Learners!}/resume`, { code: `ABCD-EF${String(i).padStart(2, '0')}` }, `/en/survey/${links.Learners!}`))
        .statusCode;
    assert.equal(last, 429);
  });

  test('made-up, tampered and replaced links lead nowhere', async () => {
    const made = await t.get(`/en/survey/${'A'.repeat(43)}`);
    assert.equal(made.statusCode, 404);
    assert.match(made.body, /This link does not work/);
    const tampered = links.Learners!.slice(0, -1) + (links.Learners!.endsWith('A') ? 'B' : 'A');
    assert.equal((await t.get(`/en/survey/${tampered}`)).statusCode, 404);
    assert.equal((await t.get(`/en/survey/${links.Learners!.slice(0, 20)}`)).statusCode, 400);
    assert.equal((await t.get(`/en/survey/r/${'b'.repeat(43)}/1`)).statusCode, 404);
    const started = await begin(t, links.Learners!);
    // The centre replaces the learners' link: the old one stops, responses already started go on.
    const replaced = await admin.a.post(`${round.path}/links`, { group: 'learners' }, round.path);
    assert.equal(replaced.statusCode, 303);
    const fresh = await groupLinks(admin, round.path);
    assert.notEqual(fresh.Learners, links.Learners);
    assert.equal((await t.get(`/en/survey/${links.Learners!}`)).statusCode, 404);
    assert.equal((await t.get(`/en/survey/${fresh.Learners!}`)).statusCode, 200);
    assert.equal((await started.a.get(`/en/survey/r/${started.token}/1`)).statusCode, 200);
    links = fresh;
  });

  test('forms without the CSRF token are refused', async () => {
    const a = agent(t);
    await a.get(`/en/survey/${links.Learners!}`);
    const res = await a.postRaw(`/en/survey/${links.Learners!}/start`, {});
    assert.equal(res.statusCode, 403);
  });
});
