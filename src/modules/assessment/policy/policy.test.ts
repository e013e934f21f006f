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
  test('the policy view aggregates by country and sector for administrators only', async () => {
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
    const member = await signedIn(t);
    assert.equal((await member.a.get('/en/admin/self-assessment/policy')).statusCode, 403);
  });
});
