import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { agent, lastMail } from '../../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { assertValidHtml } from '../../../../test/pages/html-validate.ts';
import { answer, begin, centreAdmin, groupLinks, respond, startRound } from '../../../../test/helpers/assessment.ts';
import { digest, tokens } from './tokens.ts';

// Filling a group, as the centre might (docs/decisions/0006): on an open link it cannot be ruled
// out, so it shows on the report for everyone who reads it; a group that answers by personal
// invitation gives the centre no link to answer through. Over HTTP against a real database.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const LEARNERS = { groups: ['learners'], indicators: ['programmes-match-current-practice', 'placements-for-all-learners'] };

describe('filling an open link', () => {
  test('answers sent from a member’s browser are counted on the report, and one browser answers once unless the device is shared', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, LEARNERS);
    const link = (await groupLinks(admin, r.path)).Learners!;
    // The administrator, signed in, answers for the group, then tries again from the same browser.
    await respond(t, link, () => '5', true, { as: admin.a });
    const again = await admin.a.post(`/en/survey/${link}/start`, {}, `/en/survey/${link}`);
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /This browser has already sent answers/);
    assert.match(again.body, /I share this device, and I have not answered yet/);
    await assertValidHtml(again.body, 'a second response from one browser');
    await respond(t, link, () => '5', true, { as: admin.a, shared: true });
    await respond(t, link, () => '1');
    assert.equal((await admin.a.post(`${r.path}/close`, {}, r.path)).statusCode, 303);
    const report = (await admin.a.get(`${r.path}/report`)).body;
    assert.match(report, /How the answers in these results came in/);
    assert.match(report, /<th scope="row">Learners<\/th>\s*<td>3<\/td>\s*<td>0<\/td>\s*<td>2<\/td>\s*<td>0<\/td>/);
    assert.match(report, /Some answers were sent from browsers signed in as members of the centre/);
    // Nothing about who: no name or address of the administrator is stored with the round's responses.
    const intake = await t.database.db.selectFrom('intake').selectAll().where('round_id', '=', r.id).execute();
    assert.deepEqual(intake.map((x) => [x.channel, Number(x.member), Number(x.burst), Number(x.n), Number(x.released)]).sort(), [
      ['link', 0, 0, 1, 1],
      ['link', 1, 0, 2, 1],
    ]);
  });

  test('a burst from one address is flagged, and one address starts at most 20 responses a round an hour', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, LEARNERS);
    const link = (await groupLinks(admin, r.path)).Learners!;
    // Seven browsers behind one address (a computer room, or one person clearing cookies).
    for (let i = 0; i < 7; i++) await respond(t, link, () => '4', true, { as: agent(t, {}, '198.51.100.7') });
    await admin.a.post(`${r.path}/close`, {}, r.path);
    const report = (await admin.a.get(`${r.path}/report`)).body;
    assert.match(report, /<th scope="row">Learners<\/th>\s*<td>7<\/td>\s*<td>0<\/td>\s*<td>0<\/td>\s*<td>2<\/td>/);

    const other = await startRound(admin, LEARNERS);
    const otherLink = (await groupLinks(admin, other.path)).Learners!;
    for (let i = 0; i < 20; i++) await begin(t, otherLink, { as: agent(t, {}, '198.51.100.8') });
    const refused = await agent(t, {}, '198.51.100.8').post(`/en/survey/${otherLink}/start`, {}, `/en/survey/${otherLink}`);
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /Too many questionnaires were started from your network/);
  });
});

describe('personal invitations', () => {
  test('a group that answers by invitation has no open link, and the centre never sees a personal link', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, {
      groups: ['learners', 'companies'],
      invited: ['companies'],
      indicators: ['programmes-reviewed-with-employers', 'placements-for-all-learners'],
    });
    const page = (await admin.a.get(r.path)).body;
    assert.deepEqual(Object.keys(await groupLinks(admin, r.path)), ['Learners']);
    assert.match(page, /Personal invitations \(0 invited\)/);

    // The group's link exists in the database (its salt), but leads nowhere, even to someone who derives it.
    const secret = (await t.database.db.selectFrom('secrets').select('value').where('name', '=', 'assessment').executeTakeFirstOrThrow()).value;
    const salt = (
      await t.database.db.selectFrom('round_groups').select('link_salt').where('round_id', '=', r.id).where('grp', '=', 'companies').executeTakeFirstOrThrow()
    ).link_salt;
    const companiesLink = tokens(secret).link(salt);
    const closedDoor = await t.get(`/en/survey/${companiesLink}`);
    assert.equal(closedDoor.statusCode, 403);
    assert.match(closedDoor.body, /This group answers by personal invitation/);
    await assertValidHtml(closedDoor.body, 'an open link of an invitation group');

    const people = ['ana@firm.example', 'ben@firm.example', 'chloe@firm.example', 'dara@firm.example'];
    const sent = await admin.a.post(
      `${r.path}/invite`,
      { inviteGroup: 'companies', invitees: `${people.join(', ')}, ANA@firm.example`, lang: 'fr', message: 'Votre avis compte pour nos apprentis.' },
      r.path,
    );
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 2000));
    const links: string[] = [];
    for (const to of people) {
      const mail = await lastMail(t, to);
      assert.ok(mail, `an invitation to ${to}`);
      assert.match(mail.body, /Votre avis compte pour nos apprentis\./);
      assert.match(mail.subject, /souhaite connaître votre avis/);
      assert.match(mail.link!, /^\/fr\/survey\/i\/[A-Za-z0-9_-]{43}$/);
      links.push(mail.link!);
    }
    assert.equal(new Set(links).size, 4);
    // Invited once each, whatever the case of the address; stored as hashes, never as links.
    const rows = await t.database.db.selectFrom('invitations').selectAll().where('round_id', '=', r.id).execute();
    assert.equal(rows.length, 4);
    for (const l of links) {
      const token = l.split('/').pop()!;
      assert.ok(rows.some((x) => x.link_hash === digest(token)));
      assert.ok(!JSON.stringify(rows).includes(token));
    }
    // What the administrator can read never holds a personal link.
    for (const path of [r.path, `${r.path}/report`, `${r.path}/report.csv`]) {
      const body = (await admin.a.get(path)).body;
      for (const l of links) assert.ok(!body.includes(l.split('/').pop()!), `${path} shows a personal link`);
    }
    assert.match((await admin.a.get(r.path)).body, /Personal invitations \(4 invited\)/);

    // A personal link tells the truth, starts one response, and resumes that same response anywhere.
    const welcome = await t.get(links[0]!);
    assert.equal(welcome.statusCode, 200);
    assert.match(welcome.body, /Votre adresse électronique\. La plateforme ne l’utilise que pour vous envoyer ce lien/);
    const first = agent(t);
    const started = await first.post(`${links[0]!}/start`, {}, links[0]);
    assert.equal(started.statusCode, 303);
    const elsewhere = await agent(t).get(links[0]!);
    assert.equal(elsewhere.statusCode, 303);
    assert.equal(elsewhere.headers.location, started.headers.location);
    assert.equal((await t.database.db.selectFrom('responses').select('id').where('round_id', '=', r.id).execute()).length, 1);

    // Three of the four answer and send.
    for (const l of links.slice(0, 3)) {
      const a = agent(t);
      // The first was started above: its link leads straight back to its response.
      const page = await a.get(l);
      const resume = (page.statusCode === 303 ? page.headers.location : (await a.post(`${l}/start`, {}, l)).headers.location) as string;
      const token = /^\/fr\/survey\/r\/([A-Za-z0-9_-]{43})$/.exec(resume)![1]!;
      await answer({ a, token }, () => '4', { lang: 'fr' });
      assert.match((await agent(t).get(l)).body, /Merci/);
    }
    const counts = (await admin.a.get(r.path)).body;
    assert.match(
      counts,
      /<th scope="row">Company partners and in-company trainers <span class="meta group-way">Personal invitations \(4 invited\)<\/span><\/th>\s*<td>3<\/td>\s*<td class="started">0<\/td>/,
    );

    // Reminders go to the one who has not sent, at most once a day.
    const reminded = await admin.a.post(`${r.path}/remind`, { group: 'companies' }, r.path);
    assert.equal(reminded.statusCode, 303);
    assert.match((await lastMail(t, 'dara@firm.example'))!.subject, /Rappel/);
    assert.doesNotMatch((await lastMail(t, 'ana@firm.example'))!.subject, /Rappel/);
    const tooSoon = await admin.a.post(`${r.path}/remind`, { group: 'companies' }, r.path);
    assert.equal(tooSoon.statusCode, 429);
    assert.match(tooSoon.body, /reminded less than a day ago/);

    // Closing erases every address; the report counts how the group answered.
    assert.equal((await admin.a.post(`${r.path}/close`, {}, r.path)).statusCode, 303);
    const left = await t.database.db.selectFrom('invitations').select('email').where('round_id', '=', r.id).execute();
    assert.deepEqual(
      left.map((x) => x.email),
      [null, null, null, null],
    );
    assert.match((await admin.a.get(`${r.path}/report`)).body, /3 of 4 invited/);
  });

  test('only the centre’s administrators invite, and only into a group that answers by invitation', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, {
      groups: ['learners', 'companies'],
      invited: ['companies'],
      indicators: ['programmes-reviewed-with-employers', 'placements-for-all-learners'],
    });
    const toLinkGroup = await admin.a.post(`${r.path}/invite`, { inviteGroup: 'learners', invitees: 'x@firm.example', lang: 'en' }, r.path);
    assert.equal(toLinkGroup.statusCode, 404);
    const stranger = await centreAdmin(t);
    const refused = await stranger.a.postRaw(`${r.path}/invite`, { inviteGroup: 'companies', invitees: 'x@firm.example', lang: 'en' });
    assert.notEqual(refused.statusCode, 303);
    const bad = await admin.a.post(`${r.path}/invite`, { inviteGroup: 'companies', invitees: 'not an address', lang: 'en' }, r.path);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /not an address/);
    assert.match(bad.body, /Enter email addresses separated by commas/);
  });
});
