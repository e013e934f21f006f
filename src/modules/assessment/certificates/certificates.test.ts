import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { centreAdmin, signedIn } from '../../../../test/helpers/assessment.ts';
import {
  addAction,
  answeredRound,
  chooseFocus,
  closeRound,
  issue,
  recognisableRound,
  rulesFields,
  setRules,
  SETTINGS,
} from '../../../../test/helpers/recognition.ts';

// Recognition over HTTP against a real database: the rules and their defaults, the checklist that
// says what is missing, administrators changing the rules, and issuing (a preview, then a
// confirmation).

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const certificates = async () => (await t.database.db.selectFrom('certificates').select('code').execute()).length;
/** The checklist item of one rule, as the round page shows it. */
const rule = (body: string, id: string) => new RegExp(`<li class="(status-[a-z]+)" data-rule="${id}">([\\s\\S]*?)</li>`).exec(body);
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .trim();

describe('the certificate rules', () => {
  test('the rules start at their defaults: 14 days, three groups with learners and company partners, 50 statements, a plan in every focus area, two years', async () => {
    const platform = await signedIn(t, 'admin');
    const form = (await platform.a.get(SETTINGS)).body;
    for (const [name, value] of Object.entries({ minDays: '14', minGroups: '3', minIndicators: '50', minAnswers: '3', validityMonths: '24' }))
      assert.match(form, new RegExp(`name="${name}" type="text" value="${value}"`), name);
    assert.match(form, /name="requiredGroups" value="learners" id="[^"]+" checked/);
    assert.match(form, /name="requiredGroups" value="companies" id="[^"]+" checked/);
    assert.doesNotMatch(form, /name="requiredGroups" value="teachers" id="[^"]+" checked/);

    const admin = await centreAdmin(t);
    const r = await answeredRound(t, admin, { learners: 1 });
    const page = (await admin.a.get(r.path)).body;
    assert.match(text(rule(page, 'days')![2]!), /It was open for at least 14 days/);
    assert.match(
      text(rule(page, 'groups')![2]!),
      /At least 3 groups reached the minimum of 3 responses, Learners and Company partners and in-company trainers among them/,
    );
    assert.match(text(rule(page, 'statements')![2]!), /At least 50 statements with 3 or more ratings each/);
    assert.match(text(rule(page, 'plan')![2]!), /A development plan with actions in every focus area/);
  });

  test('each rule that is not met says what is missing, and nothing can be previewed or issued', async () => {
    const platform = await signedIn(t, 'admin');
    await setRules(platform.a, rulesFields({ minIndicators: '5' }));
    const admin = await centreAdmin(t);
    const r = await answeredRound(t, admin, { leaders: 0, learners: 3, companies: 1 });
    let page = (await admin.a.get(r.path)).body;
    assert.equal(rule(page, 'closed')![1], 'status-missing');
    assert.match(text(rule(page, 'closed')![2]!), /Not met yet: ✗ The round is closed It is open until/);
    // Closed on its first day: too short.
    await closeRound(admin, r.path);
    page = (await admin.a.get(r.path)).body;
    assert.equal(rule(page, 'closed')![1], 'status-current');
    assert.match(text(rule(page, 'days')![2]!), /It was open for less than a day: 14 days short\./);
    assert.match(text(rule(page, 'groups')![2]!), /1 group has reached it: 2 more are needed\. Not reached yet by: Company partners and in-company trainers\./);
    assert.match(text(rule(page, 'statements')![2]!), /3 so far: 2 more needed\./);
    assert.match(text(rule(page, 'plan')![2]!), /No focus areas chosen yet\./);
    assert.match(page, /Once every condition is met, you can preview the certificate/);
    assert.doesNotMatch(page, /Preview the certificate/);
    await chooseFocus(admin, r.path);
    assert.match(
      text(rule((await admin.a.get(r.path)).body, 'plan')![2]!),
      /No action yet for: Relevant and up-to-date programmes and Work-based learning and placements\./,
    );
    await addAction(admin, r.path, 'work-based-learning');
    assert.match(text(rule((await admin.a.get(r.path)).body, 'plan')![2]!), /No action yet for: Relevant and up-to-date programmes\.$/);

    // Neither the preview nor a confirmation issues anything; the page says what is missing.
    const preview = await admin.a.get(`${r.path}/certificate`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /The round does not meet every condition for a certificate yet/);
    assert.match(preview.body, /14 days short/);
    const confirmed = await admin.a.post(`${r.path}/certificate`, { confirm: 'yes' }, r.path);
    assert.equal(confirmed.statusCode, 409);
    assert.match(confirmed.body, /No action yet for/);
    assert.equal(await certificates(), 0);
  });

  test('administrators change the rules, the checklist follows them, and values out of range are refused', async () => {
    const platform = await signedIn(t, 'admin');
    const low = await platform.a.post(SETTINGS, rulesFields({ minAnswers: '2', minGroups: '9', validityMonths: '0' }), SETTINGS);
    assert.equal(low.statusCode, 422);
    assert.match(low.body, /Enter 3 or more: fewer could point at single people/);
    assert.match(low.body, /href="#field-minGroups"/);
    assert.match(low.body, /href="#field-validityMonths"/);
    assert.match(low.body, /name="minGroups" type="text" value="9"/);
    const member = await signedIn(t);
    assert.equal((await member.a.get(SETTINGS)).statusCode, 403);
    assert.equal((await member.a.post(SETTINGS, rulesFields(), '/en/account')).statusCode, 403);

    await setRules(platform.a, rulesFields({ minDays: '0', minGroups: '1', requiredGroups: [], minIndicators: '3', validityMonths: '6' }));
    const form = (await platform.a.get(SETTINGS)).body;
    assert.match(form, /name="minDays" type="text" value="0"/);
    assert.doesNotMatch(form, /name="requiredGroups" value="[a-z]+" id="[^"]+" checked/);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'settings.certificate')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(audit.details), { minDays: 0, minGroups: 1, requiredGroups: [], minIndicators: 3, minAnswers: 3, validityMonths: 6 });

    // Under these rules one group of learners and a plan are enough.
    const admin = await centreAdmin(t);
    const r = await recognisableRound(t, admin, { learners: 3 });
    const page = (await admin.a.get(r.path)).body;
    assert.match(text(rule(page, 'groups')![2]!), /At least 1 group reached the minimum of 3 responses$/);
    assert.match(text(rule(page, 'days')![2]!), /at least 0 days/);
    assert.doesNotMatch(page, /status-missing/);
    assert.match(page, /Preview the certificate/);
    // Six months' validity.
    const preview = (await admin.a.get(`${r.path}/certificate`)).body;
    const until = new Date();
    until.setUTCMonth(until.getUTCMonth() + 6);
    assert.match(preview, new RegExp(`Valid until</dt><dd>${new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(until)}`));
    await setRules(platform.a, rulesFields({ minIndicators: '3' }));
  });
});

describe('issuing a certificate', () => {
  test('a round that meets every rule shows a preview first, and a certificate is issued only once the preview is confirmed', async () => {
    const platform = await signedIn(t, 'admin');
    await setRules(platform.a, rulesFields({ minIndicators: '3' }));
    const admin = await centreAdmin(t);
    const r = await recognisableRound(t, admin);
    const page = (await admin.a.get(r.path)).body;
    assert.doesNotMatch(page, /status-missing/);
    assert.match(page, /Every condition is met/);
    assert.match(page, new RegExp(`<form class="form" action="${r.path}/certificate" method="post"`));

    // The round page's button: a POST without confirmation shows the preview and issues nothing.
    const shown = await admin.a.post(`${r.path}/certificate`, {}, r.path);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /<h1>Your certificate before it is issued<\/h1>/);
    assert.match(shown.body, /<bdi>Assessed Centre \d+<\/bdi>, Moldova/);
    assert.match(shown.body, /3 statements rated by 9 people/);
    const twoYears = new Date();
    twoYears.setUTCFullYear(twoYears.getUTCFullYear() + 2);
    assert.match(shown.body, new RegExp(`Valid until</dt><dd>${new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(twoYears)}`));
    assert.match(shown.body, /<input type="hidden" name="confirm" value="yes">/);
    assert.equal((await admin.a.get(`${r.path}/certificate`)).statusCode, 200);
    assert.equal(await certificates(), 0);

    // Someone of the centre who does not manage it cannot issue it.
    const other = await signedIn(t);
    assert.equal((await other.a.post(`${r.path}/certificate`, { confirm: 'yes' }, '/en/account')).statusCode, 404);
    assert.equal(await certificates(), 0);

    const code = await issue(admin, r.path);
    assert.equal(await certificates(), 1);
    const certificate = await t.get(`/en/certificates/${code}`);
    assert.equal(certificate.statusCode, 200);
    assert.match(certificate.body, /This certificate is valid until/);
    // Asking again gives the same certificate, and its round page says it is issued.
    const again = await admin.a.post(`${r.path}/certificate`, { confirm: 'yes' }, r.path);
    assert.equal(again.headers.location, `/en/certificates/${code}`);
    assert.equal((await admin.a.get(`${r.path}/certificate`)).headers.location, `/en/certificates/${code}`);
    const issued = (await admin.a.get(r.path)).body;
    assert.match(issued, /Certificate issued on .*This certificate is valid until/);
    assert.match(issued, new RegExp(`View certificate ${code}`));
    assert.equal(await certificates(), 1);
  });
});
