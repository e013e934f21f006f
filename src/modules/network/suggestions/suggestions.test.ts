import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { centre, finishRound, networkProfile, round, signIn, type CentreRecord } from '../../../../test/factories/index.ts';
import type { Agent } from '../../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { writeScores } from '../../assessment/report/repository.ts';
import { saveNetworkProfile } from '../../centres/repository.ts';

// Suggested partners through HTTP, on the test database: who is suggested, why, the filters, who
// may see them, and self-assessment scores used only between centres that both opted in.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const topics = (xs: string[]) => xs.map((topic) => ({ topic, note: null }));

/** A finished round whose kept scores are these means per dimension (1–5). */
async function scored(c: CentreRecord, byDimension: Record<string, number>) {
  const r = await round(t, c);
  await writeScores(
    t.database.db,
    r.id,
    { 'overall:overall': 3, ...Object.fromEntries(Object.entries(byDimension).map(([k, v]) => [`dimension:${k}`, v])) },
    12,
  );
  await finishRound(t, r.id);
}

const names = (body: string) => [...body.matchAll(/<li class="result centre-card">\s*<h3><a href="[^"]+"><bdi>([^<]+)<\/bdi>/g)].map((m) => m[1]);

describe('suggested partners', () => {
  let mine: CentreRecord;
  let leader: Agent;
  before(async () => {
    mine = await centre(t, { name: 'Asking Centre', country: 'AL', sectors: ['tourism'], languages: ['sq', 'en'], members: 1 });
    await saveNetworkProfile(
      t.database.db,
      mine.id,
      networkProfile({ seeks: topics(['learner-mobility']), offers: topics(['teacher-training']), shareMaturity: true }),
    );
    leader = await signIn(t, mine.admin);

    const host = await centre(t, { name: 'Hosting Centre', country: 'IT', sectors: ['ict'], languages: ['it', 'en'] });
    await saveNetworkProfile(t.database.db, host.id, networkProfile({ offers: topics(['learner-mobility']), shareMaturity: true }));
    const french = await centre(t, { name: 'French Host', country: 'FR', sectors: ['ict'], languages: ['fr', 'en'] });
    await saveNetworkProfile(t.database.db, french.id, networkProfile({ offers: topics(['learner-mobility']) }));
    await centre(t, { name: 'Only English', country: 'DE', sectors: ['ict'], languages: ['en'] });
    const privateScores = await centre(t, { name: 'Private Scores', country: 'PT', sectors: ['tourism'], languages: ['pt', 'en'] });

    // Strong where the asking centre is weak, and the other way round.
    await scored(mine, { 'teaching-learning': 3.6, 'governance-funding': 2.0 });
    await scored(host, { 'teaching-learning': 2.0, 'governance-funding': 3.7 });
    // The same shape, but this centre did not opt in: its scores never take part.
    await scored(privateScores, { 'teaching-learning': 2.0, 'governance-funding': 3.7 });
  });

  test('a centre that offers what you seek comes first, with its reasons in words', async () => {
    const res = await leader.get(`/en/account/centres/${mine.slug}/suggestions`);
    assert.equal(res.statusCode, 200);
    const list = names(res.body);
    assert.equal(list[0], 'Hosting Centre');
    assert.ok(list.includes('French Host'));
    assert.ok(!list.includes('Only English'), 'a shared language alone is no reason');
    assert.ok(!list.includes('Asking Centre'), 'never itself');
    assert.match(res.body, /Offers what you seek: hosting learners on mobility\./);
  });

  test('self-assessment scores are compared only between centres that both opted in', async () => {
    const res = await leader.get(`/en/account/centres/${mine.slug}/suggestions`);
    const card = (name: string) => res.body.split('<li class="result centre-card">').find((x) => x.includes(`<bdi>${name}</bdi>`)) ?? '';
    assert.match(card('Hosting Centre'), /By its self-assessment, it is strong where you are weaker \(governance and funding\)/i);
    assert.ok(card('Private Scores'), 'the centre that kept its scores is still suggested (same sector)');
    assert.doesNotMatch(card('Private Scores'), /By its self-assessment/);
    // (in the page's main content: the header's icons have numbers in their drawings)
    assert.doesNotMatch(res.body.slice(res.body.indexOf('<main')), /\b(3\.7|3\.6|2\.0)\b/, 'no score is shown');
  });

  test('filters narrow the suggestions, and the address keeps them', async () => {
    const res = await leader.get(`/en/account/centres/${mine.slug}/suggestions?country=FR&offers=learner-mobility`);
    assert.deepEqual(names(res.body), ['French Host']);
    assert.match(res.body, /<option value="FR" selected>/);
    const none = await leader.get(`/en/account/centres/${mine.slug}/suggestions?country=MT`);
    assert.match(none.body, /No centre fits these filters yet/);
  });

  test('members of the centre see the suggestions; other people get a 404 and visitors sign in', async () => {
    const member = await signIn(t, mine.members[0]!);
    assert.equal((await member.get(`/en/account/centres/${mine.slug}/suggestions`)).statusCode, 200);
    const stranger = await centre(t, { name: 'Stranger Centre' });
    const other = await signIn(t, stranger.admin);
    assert.equal((await other.get(`/en/account/centres/${mine.slug}/suggestions`)).statusCode, 404);
    assert.equal((await t.get(`/en/account/centres/${mine.slug}/suggestions`)).statusCode, 303);
  });

  test('a bad filter value gets a 400', async () => {
    assert.equal((await leader.get(`/en/account/centres/${mine.slug}/suggestions?country=italy`)).statusCode, 400);
  });
});
