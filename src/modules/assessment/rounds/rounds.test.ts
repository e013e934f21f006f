import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { finishRound, sentCount } from '../../../../test/factories/index.ts';
import { lastMail } from '../../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { begin, centreAdmin, groupLinks, itemsOnPage, respond, roundFields, signedIn, startRound } from '../../../../test/helpers/assessment.ts';
import { addMember } from '../../centres/repository.ts';

// Starting, closing, extending, sharing and deleting rounds, over HTTP against a real database.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('starting a round', () => {
  test('the form starts from the recommended set and a sensible date range', async () => {
    const admin = await centreAdmin(t);
    const res = await admin.a.get(`/en/account/centres/${admin.slug}/self-assessment/new`);
    assert.equal(res.statusCode, 200);
    assert.equal([...res.body.matchAll(/name="indicators" value="[a-z0-9-]+" id="[^"]+"[^>]* checked/g)].length, 51);
    assert.equal([...res.body.matchAll(/name="groups" value="[a-z]+" id="[^"]+" checked/g)].length, 5);
    assert.match(res.body, new RegExp(`name="opens" type="date" value="${day(0)}"`));
  });

  test('problems come back on the form with the values kept', async () => {
    const admin = await centreAdmin(t);
    const base = `/en/account/centres/${admin.slug}/self-assessment`;
    const bad = await admin.a.post(
      base,
      { ...roundFields({ title: 'Autumn check', groups: [], opens: day(5), closes: day(2) }), own1: 'Our canteen serves local food.' },
      `${base}/new`,
    );
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Choose at least one group/);
    assert.match(bad.body, /The closing date must be after the opening date/);
    assert.match(bad.body, /value="Autumn check"/);
    assert.match(bad.body, /value="Our canteen serves local food\."/);
    // A statement asked only of companies, in a round that asks only learners.
    const unasked = await admin.a.post(base, roundFields({ indicators: ['programmes-reviewed-with-employers'], groups: ['learners'] }), `${base}/new`);
    assert.equal(unasked.statusCode, 422);
    assert.match(unasked.body, /1 statement you chose is not asked of any group you chose/);
    // Learners are asked nothing in a round of statements only leaders and companies judge.
    const idle = await admin.a.post(base, roundFields({ indicators: ['programmes-reviewed-with-employers'], groups: ['leaders', 'learners'] }), `${base}/new`);
    assert.equal(idle.statusCode, 422);
    assert.match(idle.body, /1 group you chose has no statement to answer/);
    const past = await admin.a.post(base, roundFields({ opens: day(-10), closes: day(-1) }), `${base}/new`);
    assert.equal(past.statusCode, 422);
    assert.match(past.body, /The closing date must be today or later/);
    const unknown = await admin.a.post(base, roundFields({ indicators: ['no-such-indicator'] }), `${base}/new`);
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /not in the current framework/);
  });

  test('a round keeps the framework version it started with, in the framework order', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { indicators: ['placements-for-all-learners', 'programmes-reviewed-with-employers'], groups: ['leaders', 'learners'] });
    const items = await t.database.db.selectFrom('round_items').select(['item', 'position']).where('round_id', '=', r.id).orderBy('position').execute();
    assert.deepEqual(
      items.map((i) => i.item),
      ['programmes-reviewed-with-employers', 'placements-for-all-learners'],
    );
    const round = await t.database.db.selectFrom('rounds').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    const version = await t.database.db
      .selectFrom('framework_versions')
      .select('version')
      .where('id', '=', round.framework_version_id)
      .executeTakeFirstOrThrow();
    assert.equal(version.version, 1);
  });

  test('only people of the centre see its rounds; only its administrators change them', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin);
    const stranger = await centreAdmin(t);
    assert.equal((await stranger.a.get(r.path)).statusCode, 404);
    assert.equal((await stranger.a.get(`${r.path}/report`)).statusCode, 404);
    const member = await signedIn(t);
    await addMember(t.database.db, admin.centreId, member.userId, 'member');
    assert.equal((await member.a.get(r.path)).statusCode, 200);
    assert.equal((await member.a.get(`${r.path}/report`)).statusCode, 200);
    assert.doesNotMatch((await member.a.get(r.path)).body, /Close the round now/);
    assert.equal((await member.a.post(`${r.path}/close`, {}, '/en/account')).statusCode, 403);
    assert.equal((await member.a.get(`/en/account/centres/${admin.slug}/self-assessment/new`)).statusCode, 403);
    // Refused before the form is read: wrong values are not a way to learn anything, nor to see a form they may not send.
    for (const [path, fields] of [
      [`${r.path}/extend`, { closes: 'someday' }],
      [`${r.path}/links`, { group: 'nobody' }],
      [`${r.path}/mail`, { group: 'teachers', emails: 'not an address' }],
      [`/en/account/centres/${admin.slug}/self-assessment`, { title: '' }],
    ] as const) {
      assert.equal((await member.a.post(path, fields, '/en/account')).statusCode, 403, path);
    }
    const visitor = await t.get(r.path);
    assert.equal(visitor.statusCode, 303);
    assert.match(visitor.headers.location as string, /\/en\/account\/sign-in/);
    // A platform administrator may help any centre.
    const platform = await signedIn(t, 'admin');
    assert.equal((await platform.a.get(r.path)).statusCode, 200);
  });
});

describe('opening and closing', () => {
  test('a round not open yet, or closed, takes no answers; the centre closes early and extends', async () => {
    const admin = await centreAdmin(t);
    const later = await startRound(admin, { opens: day(3), closes: day(10) });
    const laterLinks = await groupLinks(admin, later.path);
    const welcome = await t.get(`/en/survey/${laterLinks.Learners!}`);
    assert.match(welcome.body, /This questionnaire opens on/);
    assert.doesNotMatch(welcome.body, /survey\/[A-Za-z0-9_-]{43}\/start/);

    const r = await startRound(admin);
    const links = await groupLinks(admin, r.path);
    const started = await begin(t, links.Learners!);
    const page = await started.a.get(`/en/survey/r/${started.token}/1`);
    // The page stays open in the respondent's browser, with its form and token, while the round closes.
    const fields = { ...Object.fromEntries(itemsOnPage(page.body).map((i) => [`a.${i}`, '4'])), _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]! };
    assert.equal((await admin.a.post(`${r.path}/close`, {}, r.path)).statusCode, 303);
    assert.match((await admin.a.get(r.path)).body, /Closed/);
    const refused = await started.a.postRaw(`/en/survey/r/${started.token}/1`, { ...fields, go: 'next' });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /This questionnaire is closed/);
    assert.match((await t.get(`/en/survey/${links.Learners!}`)).body, /This questionnaire is closed/);
    // Reopened until a later date, the same response goes on.
    const extended = await admin.a.post(`${r.path}/extend`, { closes: day(20) }, r.path);
    assert.equal(extended.statusCode, 303);
    assert.equal((await started.a.post(`/en/survey/r/${started.token}/1`, { ...fields, go: 'next' })).statusCode, 303);
    const badDate = await admin.a.post(`${r.path}/extend`, { closes: 'next friday' }, r.path);
    assert.equal(badDate.statusCode, 422);
    assert.match(badDate.body, /Enter a date as year-month-day/);
    // When the closing time passes, sending is refused too.
    await finishRound(t, r.id);
    const send = await started.a.postRaw(`/en/survey/r/${started.token}/send`, {});
    assert.notEqual(send.statusCode, 303);
    assert.equal(await sentCount(t, r.id), 0);
  });

  test('a round with no answers can be deleted; one with answers cannot', async () => {
    const admin = await centreAdmin(t);
    const empty = await startRound(admin);
    const del = await admin.a.post(`${empty.path}/delete`, {}, empty.path);
    assert.equal(del.statusCode, 303);
    assert.equal((await admin.a.get(empty.path)).statusCode, 404);
    const r = await startRound(admin);
    const links = await groupLinks(admin, r.path);
    await respond(t, links.Learners!, () => '3');
    const page = await admin.a.get(r.path);
    assert.doesNotMatch(page.body, /Delete this round/);
  });

  test('links go out by email one address at a time, and the addresses are not kept', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin);
    const bad = await admin.a.post(`${r.path}/mail`, { group: 'learners', emails: 'one@example.org, not-an-address' }, r.path);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Enter email addresses separated by commas/);
    const res = await admin.a.post(`${r.path}/mail`, { group: 'learners', emails: 'amal@school.example\nbruno@school.example' }, r.path);
    assert.equal(res.statusCode, 303);
    const links = await groupLinks(admin, r.path);
    for (const to of ['amal@school.example', 'bruno@school.example']) {
      const mail = await lastMail(t, to);
      assert.ok(mail);
      assert.equal(mail.link, `/en/survey/${links.Learners!}`);
    }
    // Twenty mailings a day per person; the next one is refused with a message.
    for (let i = 0; i < 19; i++)
      assert.equal((await admin.a.post(`${r.path}/mail`, { group: 'teachers', emails: `t${i}@school.example` }, r.path)).statusCode, 303);
    const limited = await admin.a.post(`${r.path}/mail`, { group: 'teachers', emails: 'one-more@school.example' }, r.path);
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /You have sent links 20 times today/);
    assert.equal(await lastMail(t, 'one-more@school.example'), null);
    for (const table of ['rounds', 'round_groups', 'responses', 'answers'] as const) {
      const rows = await t.database.db.selectFrom(table).selectAll().execute();
      assert.doesNotMatch(JSON.stringify(rows), /amal@school/);
    }
  });
});
