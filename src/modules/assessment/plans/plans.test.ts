import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { centreAdmin, groupLinks, respond, signedIn, startRound } from '../../../../test/helpers/assessment.ts';
import { addMember } from '../../centres/repository.ts';

// A round's development plan over HTTP against a real database.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('the development plan', () => {
  test('focus areas, recommended and own actions, progress and export; members read, administrators change', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, {
      indicators: ['programmes-reviewed-with-employers', 'programmes-match-current-practice', 'placements-for-all-learners', 'placement-learning-goals'],
      groups: ['teachers', 'learners', 'leaders'],
    });
    const links = await groupLinks(admin, r.path);
    for (let i = 0; i < 3; i++) await respond(t, links.Learners!, () => '2');
    const plan = `${r.path}/plan`;
    const start = await admin.a.get(plan);
    assert.equal(start.statusCode, 200);
    assert.match(start.body, /suggested/);
    const tooMany = await admin.a.post(`${plan}/focus`, { focus: ['programme-relevance', 'work-based-learning', 'staff-development'] }, plan);
    assert.equal(tooMany.statusCode, 422);
    assert.match(tooMany.body, /Choose from 2 to 3 focus areas of this round/);
    assert.equal((await admin.a.post(`${plan}/focus`, { focus: ['programme-relevance', 'work-based-learning'] }, plan)).statusCode, 303);
    const page = await admin.a.get(plan);
    // Each recommended action has its own "Add to plan" link, to the new-action form prefilled.
    assert.match(page.body, /Add to plan/);
    const source = decodeURIComponent(/new-action\?criterion=programme-relevance&amp;source=(package-\d-station-\d%2F\d+%2F\d+)"/.exec(page.body)![1]!);
    const recommended = await admin.a.post(
      `${plan}/actions`,
      {
        criterion: 'programme-relevance',
        source,
        title: '',
        owner: 'Head of programmes',
        due: day(60),
        status: 'planned',
        indicator: 'programmes-reviewed-with-employers',
        notes: '',
      },
      plan,
    );
    assert.equal(recommended.statusCode, 303, recommended.body.slice(0, 800));
    const own = await admin.a.post(
      `${plan}/actions`,
      {
        criterion: 'work-based-learning',
        source: '',
        title: 'Sign placement agreements with ten hotels',
        owner: 'Placement officer',
        due: day(-3),
        status: 'started',
        indicator: '',
        notes: '',
      },
      plan,
    );
    assert.equal(own.statusCode, 303);
    const wrong = await admin.a.post(
      `${plan}/actions`,
      { criterion: 'staff-development', source: '', title: 'x', owner: 'y', due: '', status: 'planned', indicator: '', notes: '' },
      plan,
    );
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Choose one of the plan&#39;s focus areas/);
    const noTitle = await admin.a.post(
      `${plan}/actions`,
      { criterion: 'work-based-learning', source: '', title: '', owner: 'y', due: '', status: 'planned', indicator: '', notes: '' },
      plan,
    );
    assert.equal(noTitle.statusCode, 422);
    const full = await admin.a.get(plan);
    assert.match(full.body, /2 actions: 0 done, 1 started, 1 planned\./);
    assert.match(full.body, /1 is past the due date/);
    assert.match(full.body, /Sign placement agreements with ten hotels/);
    assert.match(full.body, /<span class="meta plan-in">In the plan<\/span>/, 'a recommended action already in the plan says so');
    const id = /\/plan\/actions\/(\d+)"/.exec(full.body)![1]!;
    const done = await admin.a.post(
      `${plan}/actions/${id}`,
      {
        criterion: 'programme-relevance',
        indicator: '',
        title: 'Invite employers to the programme review',
        owner: 'Head of programmes',
        due: day(30),
        status: 'done',
        notes: 'Done in March',
      },
      `${plan}/actions/${id}`,
    );
    assert.equal(done.statusCode, 303);
    const csv = await admin.a.get(`${plan}.csv`);
    assert.match(csv.body, /Invite employers to the programme review,Head of programmes,[\d-]+,Done/);
    const pdf = await admin.a.get(`${plan}.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    // A member reads the plan; only administrators change it.
    const member = await signedIn(t);
    await addMember(t.database.db, admin.centreId, member.userId, 'member');
    const read = await member.a.get(plan);
    assert.equal(read.statusCode, 200);
    assert.doesNotMatch(read.body, /Add an action|Add to plan/);
    assert.equal((await member.a.get(`${plan}/new-action`)).statusCode, 403);
    assert.equal((await member.a.postRaw(`${plan}/focus`, {})).statusCode, 403);
    // Leaving a focus area out deletes its actions.
    assert.equal((await admin.a.post(`${plan}/focus`, { focus: ['programme-relevance'] }, `${plan}?focus=edit`)).statusCode, 422);
    const del = await admin.a.post(`${plan}/actions/${id}/delete`, {}, `${plan}/actions/${id}`);
    assert.equal(del.statusCode, 303);
    assert.match((await admin.a.get(plan)).body, /1 action: 0 done, 1 started, 0 planned\./);
  });
});
