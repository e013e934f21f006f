import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { user } from '../../../../test/factories/people.ts';
import { signIn } from '../../../../test/factories/people.ts';
import { lastMail } from '../../../../test/helpers/agent.ts';
import { runJobs, testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { centreAdmin, startRound, type CentreAdmin } from '../../../../test/helpers/assessment.ts';
import { createMailer } from '../../accounts/mail.ts';
import { addMember } from '../../centres/repository.ts';
import { OVERDUE_JOB, remindOverdue } from './jobs.ts';

// A plan's actions over HTTP: the prefilled new-action page, errors that name their fields, owners
// who are members of the centre (told once), progress notes, overdue reminders and the PDF.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const hasPdftotext = !spawnSync('pdftotext', ['-v']).error;

/** A centre administrator with a round whose plan has two focus areas, and the plan's address. */
async function planned(): Promise<{ admin: CentreAdmin; plan: string }> {
  const admin = await centreAdmin(t);
  const r = await startRound(admin, {
    indicators: [
      'programmes-reviewed-with-employers',
      'programmes-match-current-practice',
      'placements-for-all-learners',
      'placement-learning-goals',
      'real-tasks-in-teaching',
    ],
    groups: ['teachers', 'learners'],
  });
  const plan = `${r.path}/plan`;
  assert.equal((await admin.a.post(`${plan}/focus`, { focus: ['programme-relevance', 'work-based-learning'] }, plan)).statusCode, 303);
  return { admin, plan };
}

const action = (o: Record<string, string>) => ({
  criterion: 'work-based-learning',
  source: '',
  title: 'Sign placement agreements with ten hotels',
  ownerMember: '',
  owner: '',
  due: '',
  status: 'planned',
  indicator: '',
  notes: '',
  ...o,
});

/** A member of the admin's centre (signed in), in a language. */
async function member(admin: CentreAdmin, name: string, lang = 'en') {
  const u = await user(t, { name, lang, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@centre.example` });
  await addMember(t.database.db, admin.centreId, u.id, 'member');
  return { ...u, a: await signIn(t, u) };
}

const outbox = async (to: string) => {
  await runJobs(t);
  return (await t.database.db.selectFrom('outbox').select(['subject', 'body']).where('to_address', '=', to).orderBy('id').execute()).length;
};

const actionId = async (a: { get(url: string): Promise<{ body: string }> }, plan: string, title: string) => {
  const body = (await a.get(plan)).body;
  const card = body.slice(0, body.indexOf(title));
  return Number([...card.matchAll(/id="action-(\d+)"/g)].at(-1)![1]);
};

describe('the plan’s actions', () => {
  test('“Add to plan” opens the new-action form prefilled with the focus area, the recommended action and its words; unknown values give an empty form', async () => {
    const { admin, plan } = await planned();
    const page = await admin.a.get(plan);
    const link = /href="([^"]+\/plan\/new-action\?criterion=programme-relevance&amp;source=[^"]+)"/.exec(page.body)![1]!.replaceAll('&amp;', '&');
    const source = decodeURIComponent(/source=([^&]+)$/.exec(link)![1]!);
    const form = await admin.a.get(link);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<option value="programme-relevance" selected>/);
    assert.match(form.body, new RegExp(`<input type="hidden" name="source" value="${source}">`));
    const title = /<input id="field-title" name="title" type="text" value="([^"]+)"/.exec(form.body)![1]!;
    assert.ok(title.length > 10, 'the title is the recommended action’s text');
    assert.match(form.body, /<input id="field-due" name="due" type="date"/);
    // Sent as it is, the action is the recommended one.
    const added = await admin.a.post(`${plan}/actions`, action({ criterion: 'programme-relevance', source, title: '', owner: 'Head of programmes' }), link);
    assert.equal(added.statusCode, 303);
    assert.match(added.headers.location as string, /\/plan\?done=added#action-\d+$/);
    assert.match((await admin.a.get(plan)).body, /In the plan/);
    for (const query of [
      '?criterion=no-such-area&source=package-9-station-9%2F9%2F9',
      '?criterion=programme-relevance&source=nonsense',
      '?source=%3Cscript%3E',
      '',
    ]) {
      const empty = await admin.a.get(`${plan}/new-action${query}`);
      assert.equal(empty.statusCode, 200, query);
      assert.doesNotMatch(empty.body, /name="source"/, query);
      assert.match(empty.body, /<input id="field-title" name="title" type="text" value=""/, query);
    }
    assert.match((await admin.a.get(`${plan}/new-action?criterion=programme-relevance`)).body, /<option value="programme-relevance" selected>/);
    // Without the focus area, the recommended action's own; a criterion of the round outside the plan is named.
    assert.match((await admin.a.get(`${plan}/new-action?source=${encodeURIComponent(source)}`)).body, /<option value="programme-relevance" selected>/);
    const outside = await admin.a.get(`${plan}/new-action?criterion=innovative-teaching&source=${encodeURIComponent(source)}`);
    assert.match(outside.body, /is not one of the plan&#39;s focus areas/);
    assert.match(outside.body, /\/plan\?focus=edit">Change the focus areas/);
    assert.doesNotMatch(outside.body, /name="source"/);
  });

  test('“Add to plan” before the plan has focus areas asks for them first, then opens the chosen action’s form', async () => {
    const { admin, plan } = await planned();
    const source = decodeURIComponent(/new-action\?criterion=programme-relevance&amp;source=([^"&]+)"/.exec((await admin.a.get(plan)).body)![1]!);
    // A second round of the same centre, its plan not started: the report's link leads to the focus areas.
    const r = await startRound(admin, { indicators: ['programmes-reviewed-with-employers', 'placements-for-all-learners'], groups: ['teachers'] });
    const fresh = `${r.path}/plan`;
    const link = `${fresh}/new-action?criterion=programme-relevance&source=${encodeURIComponent(source)}`;
    const asked = await admin.a.get(link);
    assert.equal(asked.statusCode, 303);
    assert.equal(asked.headers.location, `${fresh}?criterion=programme-relevance&source=${encodeURIComponent(source)}`);
    const focusPage = (await admin.a.get(asked.headers.location)).body;
    assert.match(focusPage, /the action you picked in the report opens/);
    assert.match(focusPage, /<input type="hidden" name="criterion" value="programme-relevance">/);
    const saved = await admin.a.post(
      `${fresh}/focus`,
      { focus: ['programme-relevance', 'work-based-learning'], criterion: 'programme-relevance', source },
      asked.headers.location,
    );
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, link);
    const form = (await admin.a.get(saved.headers.location)).body;
    assert.match(form, new RegExp(`<input type="hidden" name="source" value="${source}">`));
    // Saving the focus areas on their own still goes back to the plan.
    const again = await admin.a.post(`${fresh}/focus`, { focus: ['programme-relevance', 'work-based-learning'] }, fresh);
    assert.match(again.headers.location as string, /\/plan\?done=focus$/);
  });

  test('a form with mistakes comes back with the person’s values and each error naming its field, in the summary and beside the field', async () => {
    const { admin, plan } = await planned();
    const res = await admin.a.post(
      `${plan}/actions`,
      action({ title: 'Visit three hotels', due: '31/03/2027', owner: '', notes: 'With the placement officer' }),
      `${plan}/new-action`,
    );
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /<title>Error: /);
    assert.match(res.body, /<a href="#field-due">Enter the due date as a date, for example 2027-03-31<\/a>/);
    assert.match(res.body, /id="field-due-error"><span class="visually-hidden">Error:<\/span> Enter the due date as a date/);
    assert.match(res.body, /value="Visit three hotels"/);
    assert.match(res.body, /value="31\/03\/2027"/);
    assert.match(res.body, />With the placement officer<\/textarea>/);
    assert.match(res.body, /<option value="work-based-learning" selected>/);
    // With a good date, the missing owner is named.
    const noOwner = await admin.a.post(`${plan}/actions`, action({ title: 'Visit three hotels', due: '2027-03-31' }), `${plan}/new-action`);
    assert.equal(noOwner.statusCode, 422);
    assert.match(noOwner.body, /<a href="#field-owner">Choose a member of the centre, or write who is responsible<\/a>/);
    assert.match(noOwner.body, /value="2027-03-31"/);
    const stranger = await admin.a.post(`${plan}/actions`, action({ ownerMember: '999999' }), `${plan}/new-action`);
    assert.match(stranger.body, /<a href="#field-ownerMember">Choose someone who is a member of the centre<\/a>/);
    const noArea = await admin.a.post(`${plan}/actions`, action({ criterion: '', owner: 'x' }), `${plan}/new-action`);
    assert.match(noArea.body, /<a href="#field-criterion">Choose one of the plan&#39;s focus areas<\/a>/);
  });

  test('a member of the centre made owner of an action is told once, in their language, with a link to it; an owner who is a name gets no mail', async () => {
    const { admin, plan } = await planned();
    const owner = await member(admin, 'Amina Haddad', 'fr');
    const form = await admin.a.get(`${plan}/new-action`);
    assert.match(form.body, new RegExp(`<option value="${owner.id}">Amina Haddad</option>`));
    const added = await admin.a.post(`${plan}/actions`, action({ ownerMember: String(owner.id), due: '2027-03-31' }), `${plan}/new-action`);
    assert.equal(added.statusCode, 303);
    const mail = await lastMail(t, owner.email);
    assert.ok(mail);
    assert.match(mail.subject, /Une action du plan de développement de Assessed Centre \d+ vous est confiée/);
    assert.match(mail.body, /Sign placement agreements with ten hotels/);
    assert.match(mail.body, /31 mars 2027/);
    const id = await actionId(admin.a, plan, 'Sign placement agreements with ten hotels');
    assert.equal(mail.link, `${plan.replace('/en/', '/fr/')}#action-${id}`);
    // The card names the owner as a member; saving the action again tells nobody again.
    assert.match((await admin.a.get(plan)).body, /<bdi>Amina Haddad<\/bdi> <span class="meta">\(member of the centre\)<\/span>/);
    const saved = await admin.a.post(`${plan}/actions/${id}`, action({ ownerMember: String(owner.id), status: 'started' }), `${plan}/actions/${id}`);
    assert.equal(saved.statusCode, 303);
    assert.equal(await outbox(owner.email), 1);
    // An action given to a name sends nothing, to anyone.
    const before = await t.database.db
      .selectFrom('outbox')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await admin.a.post(`${plan}/actions`, action({ title: 'Another action', owner: 'Placement officer' }), `${plan}/new-action`);
    await runJobs(t);
    const now = await t.database.db
      .selectFrom('outbox')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(now.n), Number(before.n));
    assert.equal(await outbox(admin.email), 0);
  });

  test('progress notes are added by administrators and by the member who owns the action, listed newest first with who and when; other members only read them', async () => {
    const { admin, plan } = await planned();
    const owner = await member(admin, 'Omar Saleh');
    const reader = await member(admin, 'Rita Reader');
    await admin.a.post(`${plan}/actions`, action({ ownerMember: String(owner.id) }), `${plan}/new-action`);
    const id = await actionId(admin.a, plan, 'Sign placement agreements with ten hotels');
    const page = `${plan}/actions/${id}`;
    const first = await admin.a.post(`${page}/notes`, { note: 'Met the hotel association.' }, page);
    assert.equal(first.statusCode, 303);
    assert.match(first.headers.location as string, /\/actions\/\d+\?done=noted#notes$/);
    assert.equal((await owner.a.post(`${page}/notes`, { note: 'Four hotels have signed.' }, page)).statusCode, 303);
    const empty = await owner.a.post(`${page}/notes`, { note: '  ' }, page);
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /<a href="#field-note">Write the note<\/a>/);
    const read = await reader.a.get(page);
    assert.equal(read.statusCode, 200);
    assert.doesNotMatch(read.body, /name="note"/);
    assert.doesNotMatch(read.body, /Save the action/);
    const log = read.body.slice(read.body.indexOf('plan-note-log'));
    assert.ok(log.indexOf('Four hotels have signed.') < log.indexOf('Met the hotel association.'), 'newest first');
    assert.match(log, /Omar Saleh, [A-Z][a-z]+ \d{1,2}, \d{4}/);
    assert.match(log, /Leader \d+, [A-Z][a-z]+ \d{1,2}, \d{4}/);
    assert.equal((await reader.a.postRaw(`${page}/notes`, { note: 'Not mine to write.' })).statusCode, 403);
    // The plan shows the latest note on the action's card, and the CSV carries it.
    const card = (await reader.a.get(plan)).body;
    assert.match(card, /Latest note[\s\S]*Four hotels have signed\./);
    assert.match((await reader.a.get(`${plan}.csv`)).body, /Four hotels have signed\.,\d{4}-\d{2}-\d{2}/);
    // The owner deletes their account: their notes and action stay, without their name.
    assert.equal((await owner.a.post('/en/account/delete', { current_password: owner.password }, '/en/account')).statusCode, 200);
    const gone = await reader.a.get(page);
    assert.doesNotMatch(gone.body, /Omar Saleh/);
    assert.match(gone.body, /<dd>A former member<\/dd>/);
    assert.match(gone.body, /A former member, [A-Z][a-z]+ \d{1,2}, \d{4}<\/p><p class="plan-note-body" dir="auto">Four hotels have signed\./);
  });

  test('an overdue action is reminded once, however often the job runs; again after its due date changes and passes; never when done', async () => {
    const { admin, plan } = await planned();
    const owner = await member(admin, 'Karim Nasser', 'ar');
    await admin.a.post(`${plan}/actions`, action({ title: 'Owned and late', ownerMember: String(owner.id), due: day(-2) }), `${plan}/new-action`);
    await admin.a.post(`${plan}/actions`, action({ title: 'Named and late', owner: 'Placement officer', due: day(-1) }), `${plan}/new-action`);
    await admin.a.post(
      `${plan}/actions`,
      action({ title: 'Done though late', owner: 'Placement officer', due: day(-5), status: 'done' }),
      `${plan}/new-action`,
    );
    await admin.a.post(`${plan}/actions`, action({ title: 'Not due yet', owner: 'Placement officer', due: day(5) }), `${plan}/new-action`);
    await runJobs(t);
    const told = await outbox(owner.email);
    for (let i = 0; i < 3; i++) {
      await t.jobs.enqueue(OVERDUE_JOB, {});
      await runJobs(t);
    }
    assert.equal(await outbox(owner.email), told + 1);
    const mail = (await lastMail(t, owner.email))!;
    // The English title is isolated inside the Arabic subject (FSI … PDI), so mail readers keep it in one piece.
    assert.equal(mail.subject, 'متأخر: \u2068Owned and late\u2069');
    assert.match(mail.link!, /^\/ar\/account\/centres\/.+\/plan#action-\d+$/);
    // The action owned by a name: its centre's administrators are told instead, once.
    const adminMail = await t.database.db.selectFrom('outbox').select(['subject', 'body']).where('to_address', '=', admin.email).execute();
    assert.deepEqual(
      adminMail.map((m) => m.subject),
      ['Overdue: Named and late'],
    );
    assert.match(adminMail[0]!.body, /Its owner is not a member of the centre on the platform/);
    // A new due date in the future: nothing until it passes, then one more reminder.
    const id = await actionId(admin.a, plan, 'Owned and late');
    await admin.a.post(
      `${plan}/actions/${id}`,
      action({ title: 'Owned and late', ownerMember: String(owner.id), due: day(3), status: 'started' }),
      `${plan}/actions/${id}`,
    );
    await t.jobs.enqueue(OVERDUE_JOB, {});
    assert.equal(await outbox(owner.email), told + 1);
    const mailer = createMailer(t.jobs);
    // Two runs at once (two instances) send it once between them.
    const both = await Promise.all([1, 2].map(() => remindOverdue(t.database.db, mailer, 'http://localhost:3000', day(4))));
    assert.equal(both[0]! + both[1]!, 1);
    assert.equal(await remindOverdue(t.database.db, mailer, 'http://localhost:3000', day(4)), 0);
    assert.equal(await outbox(owner.email), told + 2);
    // Done: no more reminders, whatever the date.
    await admin.a.post(
      `${plan}/actions/${id}`,
      action({ title: 'Owned and late', ownerMember: String(owner.id), due: day(1), status: 'done' }),
      `${plan}/actions/${id}`,
    );
    assert.equal(await remindOverdue(t.database.db, mailer, 'http://localhost:3000', day(10)), 1, 'only the action not due before');
    assert.equal(await outbox(owner.email), told + 2);
  });

  test('the plan downloads as a PDF in each language, with its focus areas, actions, owners, status and latest note', async () => {
    const { admin, plan } = await planned();
    await admin.a.post(
      `${plan}/actions`,
      action({ title: 'Sign placement agreements with ten hotels', owner: 'Placement officer', due: '2027-03-31', status: 'started' }),
      `${plan}/new-action`,
    );
    const id = await actionId(admin.a, plan, 'Sign placement agreements with ten hotels');
    await admin.a.post(`${plan}/actions/${id}/notes`, { note: 'Four hotels have signed.' }, `${plan}/actions/${id}`);
    for (const lang of ['en', 'fr', 'ar']) {
      const pdf = await admin.a.get(`${plan.replace('/en/', `/${lang}/`)}.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      assert.match(pdf.rawPayload.toString('latin1'), new RegExp(`/Lang \\(${lang}\\)`));
      if (!hasPdftotext) continue;
      // Without the direction marks pdftotext puts around runs of Latin text in Arabic lines.
      const text = spawnSync('pdftotext', ['-', '-'], { input: pdf.rawPayload, encoding: 'utf8' })
        .stdout.replace(/[\u200e\u200f\u202a-\u202e]/g, '')
        .replace(/\s+/g, ' ');
      assert.match(text, /Sign placement agreements with ten hotels/);
      assert.match(text, /Placement officer/);
      assert.match(text, /hotels have signed/);
      if (lang === 'en') assert.match(text, /Started/);
    }
  });
});
