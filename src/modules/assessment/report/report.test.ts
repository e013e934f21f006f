import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { finishRound } from '../../../../test/factories/index.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { centreAdmin, groupLinks, respond, startRound, type CentreAdmin } from '../../../../test/helpers/assessment.ts';

// The report over HTTP against a real database: anonymity thresholds, charts with their tables,
// the CSV and PDF, progress since an earlier round, and the benchmark against other centres.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

describe('the report', () => {
  test('shows groups that reached the threshold only, with recommendations, charts with tables and a CSV without single answers', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { own: ['=HYPERLINK("http://evil.example")'], groups: ['teachers', 'learners', 'companies'] });
    const links = await groupLinks(admin, r.path);
    for (let i = 0; i < 3; i++) await respond(t, links.Learners!, (item) => (item === 'placements-for-all-learners' ? '1' : '3'));
    for (let i = 0; i < 3; i++) await respond(t, links['Teachers and trainers']!, () => '5');
    for (let i = 0; i < 2; i++) await respond(t, links['Company partners and in-company trainers']!, () => '1');
    await finishRound(t, r.id);
    const res = await admin.a.get(`${r.path}/report`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body, /No: fewer than 3 answers/);
    assert.match(res.body, /Groups not shown are also left out of the results for all groups together: Company partners and in-company trainers/);
    assert.match(res.body, /<svg[^>]+role="img"/);
    assert.match(res.body, /<details class="chart-data">/);
    assert.match(res.body, /Where to start/);
    assert.match(res.body, /href="\/en\/packages\/\d\/stations\/\d"/);
    assert.match(res.body, /Largest differences between groups/);
    assert.match(res.body, /Recommended package:/);
    const csv = await admin.a.get(`${r.path}/report.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.match(csv.body, /'=HYPERLINK/);
    assert.doesNotMatch(csv.body, /Company partners/);
    // Every line is an aggregate: no line has a single answer of a group that is hidden.
    assert.equal(csv.body.split('\r\n').filter((l) => l.startsWith('indicator,')).length > 0, true);
    for (const lang of ['en', 'ar']) {
      const pdf = await admin.a.get(`${r.path.replace('/en/', `/${lang}/`)}/report.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 8).toString(), '%PDF-1.7');
      assert.match(pdf.rawPayload.toString('latin1'), new RegExp(`/Lang \\(${lang}\\)`));
    }
    const stranger = await centreAdmin(t);
    assert.equal((await stranger.a.get(`${r.path}/report.pdf`)).statusCode, 404);
  });

  test('a raised threshold hides groups the default would show', async () => {
    const admin = await centreAdmin(t);
    const r = await startRound(admin, { minGroupSize: '4' });
    const links = await groupLinks(admin, r.path);
    for (let i = 0; i < 3; i++) await respond(t, links.Learners!, () => '4');
    await finishRound(t, r.id);
    const res = await admin.a.get(`${r.path}/report`);
    assert.match(res.body, /Nothing to show yet: no group has reached 4 sent answers/);
  });

  test('two rounds side by side show the change per dimension and criterion', async () => {
    const admin = await centreAdmin(t);
    const first = await startRound(admin, { title: 'First round' });
    for (let i = 0; i < 3; i++) await respond(t, (await groupLinks(admin, first.path)).Learners!, () => '2');
    await finishRound(t, first.id);
    const second = await startRound(admin, { title: 'Second round' });
    for (let i = 0; i < 3; i++) await respond(t, (await groupLinks(admin, second.path)).Learners!, () => '4');
    await finishRound(t, second.id);
    const res = await admin.a.get(`${second.path}/report?compare=${first.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Scores in First round and in Second round/);
    assert.match(res.body, /<span class="up">\+2\.0<\/span>/);
    // A round of another centre cannot be compared with.
    const other = await centreAdmin(t);
    const theirs = await startRound(other);
    const refused = await admin.a.get(`${second.path}/report?compare=${theirs.id}`);
    assert.doesNotMatch(refused.body, /Scores in/);
  });

  test('benchmarks need five other centres, and leave out centres that opted out', async () => {
    const centres: CentreAdmin[] = [];
    for (let i = 0; i < 6; i++) {
      const admin = await centreAdmin(t, { country: 'GE', sectors: ['construction'] });
      const r = await startRound(admin);
      const links = await groupLinks(admin, r.path);
      for (let k = 0; k < 3; k++) await respond(t, links.Learners!, () => String(1 + (i % 5)));
      await finishRound(t, r.id);
      centres.push(admin);
    }
    const me = await centreAdmin(t, { country: 'GE', sectors: ['construction'] });
    const mine = await startRound(me);
    for (let k = 0; k < 3; k++) await respond(t, (await groupLinks(me, mine.path)).Learners!, () => '3');
    await finishRound(t, mine.id);
    const withSix = await me.a.get(`${mine.path}/report`);
    assert.match(withSix.body, /Centres in Georgia <span class="meta">\(6 centres\)<\/span>/);
    // Two opt out: four remain, too few to show.
    for (const c of centres.slice(0, 2)) {
      const base = `/en/account/centres/${c.slug}/self-assessment`;
      assert.equal((await c.a.post(`${base}/benchmark`, {}, base)).statusCode, 303);
    }
    const withFour = await me.a.get(`${mine.path}/report`);
    assert.doesNotMatch(withFour.body, /Centres in Georgia <span class="meta">/);
    assert.match(withFour.body, /too few centres/);
  });
});
