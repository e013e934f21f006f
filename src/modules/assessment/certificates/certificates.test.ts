import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { finishRound } from '../../../../test/factories/index.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { centreAdmin, groupLinks, respond, signedIn, startRound } from '../../../../test/helpers/assessment.ts';

// Recognition over HTTP against a real database: the rules, issuing, public verification and
// withdrawing.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

describe('recognition', () => {
  test('a certificate needs a finished round with enough statements and a plan; anyone can verify it', async () => {
    const platform = await signedIn(t, 'admin');
    const settings = '/en/admin/self-assessment/settings';
    const low = await platform.a.post(settings, { minIndicators: '3', minAnswers: '2' });
    assert.equal(low.statusCode, 422);
    assert.match(low.body, /Enter 3 or more/);
    assert.equal((await platform.a.post(settings, { minIndicators: '3', minAnswers: '3' })).statusCode, 303);
    const member = await signedIn(t);
    assert.equal((await member.a.get(settings)).statusCode, 403);

    const admin = await centreAdmin(t);
    const r = await startRound(admin, {
      indicators: ['programmes-match-current-practice', 'placements-for-all-learners', 'transversal-skills'],
      groups: ['learners'],
    });
    const links = await groupLinks(admin, r.path);
    for (let i = 0; i < 3; i++) await respond(t, links.Learners!, () => '3');
    const open = await admin.a.get(r.path);
    assert.match(open.body, /Not met yet: <\/span><span aria-hidden="true">✗<\/span> the round is closed/);
    assert.doesNotMatch(open.body, /Issue the certificate/);
    assert.equal((await admin.a.post(`${r.path}/certificate`, {}, r.path)).statusCode, 409);
    await finishRound(t, r.id);
    const plan = `${r.path}/plan`;
    assert.equal((await admin.a.post(`${plan}/focus`, { focus: ['programme-relevance', 'work-based-learning'] }, plan)).statusCode, 303);
    assert.equal(
      (
        await admin.a.post(
          `${plan}/actions`,
          {
            criterion: 'work-based-learning',
            source: '',
            title: 'Find ten more host companies',
            owner: 'Placement officer',
            due: '',
            status: 'planned',
            indicator: '',
            notes: '',
          },
          plan,
        )
      ).statusCode,
      303,
    );
    const ready = await admin.a.get(r.path);
    assert.match(ready.body, /Issue the certificate/);
    const issued = await admin.a.post(`${r.path}/certificate`, {}, r.path);
    assert.equal(issued.statusCode, 303);
    const code = /\/en\/certificates\/([0-9A-Z]{5}-[0-9A-Z]{5})$/.exec(issued.headers.location as string)![1]!;
    const page = await t.get(`/en/certificates/${code}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /This certificate is valid\./);
    assert.match(page.body, /Assessed Centre \d+, Moldova/);
    assert.match(page.body, /3 statements rated by 3 people/);
    const pdf = await t.get(`/fr/certificates/${code}.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(pdf.rawPayload.toString('latin1'), /\/Lang \(fr\)/);
    assert.equal((await t.get('/en/certificates/AAAAA-AAAAA.pdf')).statusCode, 404);
    // Asking again gives the same certificate.
    const again = await admin.a.post(`${r.path}/certificate`, {}, r.path);
    assert.equal(again.headers.location, issued.headers.location);
    // Looked up as typed: lower case, without the hyphen.
    const lookup = await t.get(`/en/certificates?code=${code.replace('-', '').toLowerCase()}`);
    assert.equal(lookup.statusCode, 303);
    assert.equal(lookup.headers.location, `/en/certificates/${code}`);
    assert.equal((await t.get('/en/certificates?code=AAAAA-AAAAA')).statusCode, 404);
    assert.equal((await t.get('/en/certificates/AAAAA-AAAAA')).statusCode, 404);
    assert.equal((await t.get('/fr/certificates')).statusCode, 200);
    // An administrator withdraws it: the public page says so, and it cannot be withdrawn twice.
    assert.match((await platform.a.get(settings)).body, new RegExp(code));
    const withdraw = `/en/admin/self-assessment/certificates/${code}/withdraw`;
    assert.equal((await member.a.post(withdraw, {}, '/en/account')).statusCode, 403);
    assert.equal((await platform.a.post(withdraw, {}, settings)).statusCode, 303);
    assert.match((await t.get(`/en/certificates/${code}`)).body, /This certificate was withdrawn on/);
    assert.equal((await platform.a.post(withdraw, {}, settings)).statusCode, 404);
    await platform.a.post(settings, { minIndicators: '50', minAnswers: '3' });
  });
});
