import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { finishRound } from '../../../../test/factories/assessment.ts';
import { user } from '../../../../test/factories/people.ts';
import { agent, lastMail } from '../../../../test/helpers/agent.ts';
import { runJobs, testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { answer, centreAdmin, groupLinks, respond, startRound, type CentreAdmin } from '../../../../test/helpers/assessment.ts';
import { addMember } from '../../centres/repository.ts';
import { createMailer } from '../../accounts/mail.ts';
import { invitationsService } from '../rounds/invitations.ts';
import { NOTICES_JOB } from './jobs.ts';
import { noticesService } from './notices.ts';

// Notices about a round to its centre's administrators (a group at its minimum, two days before
// closing, closed with the report ready) and the automatic reminder to invited people: each sent
// once, however often the job runs. Over HTTP and the job queue, against a real database.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const LEARNERS = { groups: ['learners'], indicators: ['programmes-match-current-practice', 'placements-for-all-learners'] };
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Runs the notices job as its schedule would, then delivers the mail it queued. */
async function sweep(): Promise<void> {
  await t.jobs.enqueue(NOTICES_JOB, {});
  await runJobs(t);
}

/** The mails an address has received whose subject matches. */
async function mails(to: string, subject: RegExp): Promise<{ subject: string; body: string }[]> {
  await runJobs(t);
  const rows = await t.database.db.selectFrom('outbox').select(['subject', 'body']).where('to_address', '=', to).orderBy('id').execute();
  return rows.filter((r) => subject.test(r.subject));
}

/** A second administrator of the centre, whose account is in French. */
async function frenchAdmin(admin: CentreAdmin): Promise<string> {
  const u = await user(t, { lang: 'fr', name: 'Claire' });
  await addMember(t.database.db, admin.centreId, u.id, 'admin');
  return u.email;
}

describe('notices to the centre’s administrators', () => {
  test('a group reaching its minimum is told once, in each administrator’s language, even as more answers come', async () => {
    const admin = await centreAdmin(t);
    const claire = await frenchAdmin(admin);
    const r = await startRound(admin, { ...LEARNERS, title: 'Spring check' });
    const link = (await groupLinks(admin, r.path)).Learners!;
    for (let i = 0; i < 2; i++) await respond(t, link, () => '4');
    await sweep();
    assert.equal((await mails(admin.email, /minimum/)).length, 0, 'not before the minimum');
    await respond(t, link, () => '4');
    await sweep();
    const [told] = await mails(admin.email, /minimum/);
    assert.ok(told);
    assert.equal(told.subject, 'Spring check: the group “Learners” has reached its minimum');
    assert.match(told.body, /the group “Learners” has reached the minimum of 3 people/);
    assert.ok(told.body.includes(`http://localhost:3000/en${r.path.slice(3)}`));
    const [fr] = await mails(claire, /minimum/);
    assert.equal(fr?.subject, 'Spring check : le groupe « Apprenants » a atteint son minimum');
    assert.ok(fr.body.includes(`http://localhost:3000/fr${r.path.slice(3)}`));
    await respond(t, link, () => '4');
    await sweep();
    await sweep();
    assert.equal((await mails(admin.email, /minimum/)).length, 1);
    assert.equal((await mails(claire, /minimum/)).length, 1);
  });

  test('two days before closing they are told once, with the groups still under their minimum', async () => {
    const admin = await centreAdmin(t);
    const later = await startRound(admin, { ...LEARNERS, title: 'Later round', closes: day(10) });
    const r = await startRound(admin, { ...LEARNERS, title: 'Soon round', closes: day(1) });
    await sweep();
    await sweep();
    const told = await mails(admin.email, /closes on/);
    assert.equal(told.length, 1, 'once, and only for the round that closes soon');
    assert.match(told[0]!.subject, /^Soon round closes on /);
    assert.match(told[0]!.body, /One group has not reached its minimum yet/);
    assert.ok(told[0]!.body.includes(r.path.slice(3)));
    assert.ok(!told[0]!.body.includes(later.path.slice(3)));
  });

  test('a round that closes on its date is told once, with the link to its ready report', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { ...LEARNERS, title: 'Dated round' });
    const link = (await groupLinks(admin, r.path)).Learners!;
    for (let i = 0; i < 3; i++) await respond(t, link, () => '5');
    await finishRound(t, r.id);
    await sweep();
    await sweep();
    const told = await mails(admin.email, /has closed/);
    assert.equal(told.length, 1);
    assert.equal(told[0]!.subject, 'Dated round has closed: the report is ready');
    const report = /http:\/\/localhost:3000(\/\S+\/report)\n/.exec(told[0]!.body)?.[1] ?? '';
    assert.equal(report, `${r.path}/report`);
    // The report is ready: the group's answers were released before the mail went.
    const released = await t.database.db.selectFrom('round_groups').select('released').where('round_id', '=', r.id).executeTakeFirstOrThrow();
    assert.equal(Number(released.released), 3);
    assert.equal((await admin.a.get(report)).statusCode, 200);
  });

  test('a round closed early is told once, even when it is reopened and closed again', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { ...LEARNERS, title: 'Early round' });
    assert.equal((await admin.a.post(`${r.path}/close`, {}, r.path)).statusCode, 303);
    assert.equal((await mails(admin.email, /has closed/)).length, 1, 'at once, without waiting for the job');
    await sweep();
    await sweep();
    assert.equal((await mails(admin.email, /has closed/)).length, 1);
    assert.equal((await admin.a.post(`${r.path}/extend`, { closes: day(5) }, r.path)).statusCode, 303);
    assert.equal((await admin.a.post(`${r.path}/close`, {}, r.path)).statusCode, 303);
    await sweep();
    assert.equal((await mails(admin.email, /has closed/)).length, 1);
  });

  test('two instances sweeping at the same moment send one notice', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { ...LEARNERS, title: 'Raced round' });
    await finishRound(t, r.id);
    const mailer = createMailer(t.jobs);
    const instance = () =>
      noticesService(t.database.db, mailer, 'http://localhost:3000', invitationsService(t.database.db, 'secret', mailer, 'http://localhost:3000'));
    await Promise.all([instance().sweep(), instance().sweep(), instance().sweep()]);
    assert.equal((await mails(admin.email, /has closed/)).length, 1);
  });

  test('a round that closed long before notices existed is not told', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { ...LEARNERS, title: 'Old round' });
    await t.database.db
      .updateTable('rounds')
      .set({ closes_at: new Date(Date.now() - 30 * 86_400_000).toISOString() })
      .where('id', '=', r.id)
      .execute();
    await sweep();
    assert.equal((await mails(admin.email, /has closed/)).length, 0);
  });
});

describe('reminders to invited people', () => {
  const ROUND = {
    groups: ['learners', 'companies'],
    invited: ['companies'],
    indicators: ['programmes-reviewed-with-employers', 'placements-for-all-learners'],
  };

  test('three days before closing, those who have not sent get one reminder, however often the job runs', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { ...ROUND, closes: day(2) });
    const far = await startRound(admin, { ...ROUND, closes: day(10) });
    const sent = await admin.a.post(`${r.path}/invite`, { inviteGroup: 'companies', invitees: 'ivo@firm.example\njon@firm.example ar', lang: 'en' }, r.path);
    assert.equal(sent.statusCode, 303);
    await admin.a.post(`${far.path}/invite`, { inviteGroup: 'companies', invitees: 'kim@firm.example', lang: 'en' }, far.path);
    // Ivo answers and sends; Jon does not.
    const ivo = (await lastMail(t, 'ivo@firm.example'))!.link!;
    const a = agent(t);
    const started = await a.post(`${ivo}/start`, {}, ivo);
    const token = /\/survey\/r\/([A-Za-z0-9_-]{43})$/.exec(started.headers.location as string)![1]!;
    await answer({ a, token }, () => '4');
    await sweep();
    await sweep();
    assert.equal((await mails('jon@firm.example', /./)).length, 2, 'the invitation and one reminder');
    assert.match((await lastMail(t, 'jon@firm.example'))!.subject, /^تذكير/);
    assert.equal((await mails('ivo@firm.example', /./)).length, 1, 'no reminder to who has sent');
    assert.equal((await mails('kim@firm.example', /./)).length, 1, 'nothing yet where the round closes later');
    // A reminder by hand the same day is refused: the group was just reminded.
    const byHand = await admin.a.post(`${r.path}/remind`, { group: 'companies' }, r.path);
    assert.equal(byHand.statusCode, 429);
  });

  test('a reminder by hand goes once per click to each who has not sent', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, ROUND);
    await admin.a.post(`${r.path}/invite`, { inviteGroup: 'companies', invitees: 'lea@firm.example mo@firm.example', lang: 'en' }, r.path);
    assert.equal((await admin.a.post(`${r.path}/remind`, { group: 'companies' }, r.path)).statusCode, 303);
    await sweep();
    for (const who of ['lea@firm.example', 'mo@firm.example']) assert.equal((await mails(who, /^Reminder/)).length, 1, who);
  });
});
