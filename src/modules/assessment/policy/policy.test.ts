import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { finishRound } from '../../../../test/factories/index.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { centreAdmin, groupLinks, respond, signedIn, startRound } from '../../../../test/helpers/assessment.ts';

// The administrators' policy view over HTTP against a real database.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

describe('the policy view', () => {
  test('the policy view aggregates by country and sector for administrators, and members cannot open it', async () => {
    // A centre in Georgia with a finished round, so that the view has a country to show.
    const centre = await centreAdmin(t, { country: 'GE', sectors: ['construction'] });
    const r = await startRound(centre);
    const links = await groupLinks(centre, r.path);
    for (let k = 0; k < 3; k++) await respond(t, links.Learners!, () => '3');
    await finishRound(t, r.id);
    const platform = await signedIn(t, 'admin');
    const res = await platform.a.get('/en/admin/self-assessment/policy');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /By country/);
    assert.match(res.body, /By sector/);
    assert.match(res.body, /<th scope="row">Georgia<\/th>/);
    assert.match(res.body, /<a href="\/en\/admin">Back office<\/a>/);
    const member = await signedIn(t);
    assert.equal((await member.a.get('/en/admin/self-assessment/policy')).statusCode, 403);
    assert.equal((await member.a.get('/en/admin/self-assessment/policy.csv')).statusCode, 403);
    assert.doesNotMatch((await member.a.get('/en/account')).body, /Results across centres/);
  });

  test('a policy reader finds the policy view from their account, downloads its tables, and sees nothing else of the back office', async () => {
    const platform = await signedIn(t, 'admin');
    const reader = await signedIn(t);
    // An administrator gives the role on the people page.
    const people = (await platform.a.get('/en/admin/people')).body;
    assert.match(people, /<option value="policy">Policy reader<\/option>/);
    assert.equal((await platform.a.post(`/en/admin/people/${reader.userId}/role`, { role: 'policy' }, '/en/admin/people')).statusCode, 303);

    const account = (await reader.a.get('/en/account')).body;
    assert.match(account, /<h2 id="policy-heading">Results across centres<\/h2>/);
    assert.match(account, /<a href="\/en\/admin\/self-assessment\/policy">See the results across centres<\/a>/);
    const view = await reader.a.get('/en/admin/self-assessment/policy');
    assert.equal(view.statusCode, 200);
    assert.match(view.body, /By country/);
    // Its way back is the account, not the back office it cannot open.
    assert.match(view.body, /<a href="\/en\/account">Your account<\/a>/);
    assert.doesNotMatch(view.body, /href="\/en\/admin"/);
    const csv = await reader.a.get('/fr/admin/self-assessment/policy.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(lines[0], 'by,key,name,column,column_title,score,centres');
    // Georgia has one centre: fewer than the minimum, so its scores stay empty, as on the page.
    assert.ok(lines.includes('country,GE,Géorgie,overall,Ensemble,,'), lines.slice(0, 4).join('\n'));
    for (const page of ['/en/admin', '/en/admin/self-assessment/settings', '/en/admin/people', '/en/admin/audit', '/en/admin/jobs'])
      assert.equal((await reader.a.get(page)).statusCode, 403, page);
  });
});
