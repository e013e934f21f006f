import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { centreAdmin, signedIn, startRound } from '../../../../test/helpers/assessment.ts';
import { loadFrameworks } from './load.ts';
import { currentVersion, DEFAULT_FRAMEWORK } from './repository.ts';

// Editors maintain the framework in the back office: changes go to a draft, publishing makes the
// next version, rounds keep the version they started with.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const base = '/en/admin/frameworks/vocational-excellence';
const indicator = `${base}/indicator/programmes-reviewed-with-employers`;

async function editorAgent() {
  return signedIn(t, 'editor');
}

const fields = (overrides: Record<string, string | string[]> = {}) => ({
  statement_en: 'Employers help the centre design, review and improve its training programmes.',
  statement_fr: '',
  statement_ar: '',
  explanation_en:
    'Company representatives give their views each time a programme is created or reviewed. For example, a hotel manager comments on a draft module.',
  explanation_fr: '',
  explanation_ar: '',
  groups: ['leaders', 'teachers', 'companies'],
  core: 'yes',
  stations: 'package-1-station-2',
  actions: 'package-1-station-2/2/2',
  resources: '',
  ...overrides,
});

describe('the framework editor', () => {
  test('a change goes to a draft; publishing makes version 2; a round started before keeps version 1', async () => {
    const admin = await centreAdmin(t);
    const before = await startRound(admin);
    const { a } = await editorAgent();
    const form = await a.get(indicator);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Employers help the centre design and review its training programmes\./);
    const saved = await a.post(indicator, fields());
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 500));
    const overview = await a.get(base);
    assert.match(overview.body, /A draft is waiting to be published/);
    // Centres still see version 1 until the draft is published.
    assert.doesNotMatch((await t.get('/en/self-assessment/framework')).body, /design, review and improve/);
    assert.equal((await currentVersion(t.database.db, DEFAULT_FRAMEWORK))!.version, 1);
    assert.equal((await a.post(`${base}/publish`, {}, base)).statusCode, 303);
    const published = await t.get('/en/self-assessment/framework');
    assert.match(published.body, /design, review and improve/);
    assert.match(published.body, /Version 2/);
    const roundBefore = await t.database.db
      .selectFrom('rounds')
      .innerJoin('framework_versions', 'framework_versions.id', 'rounds.framework_version_id')
      .select('framework_versions.version')
      .where('rounds.id', '=', before.id)
      .executeTakeFirstOrThrow();
    assert.equal(roundBefore.version, 1);
    const after = await startRound(admin);
    const roundAfter = await t.database.db
      .selectFrom('rounds')
      .innerJoin('framework_versions', 'framework_versions.id', 'rounds.framework_version_id')
      .select('framework_versions.version')
      .where('rounds.id', '=', after.id)
      .executeTakeFirstOrThrow();
    assert.equal(roundAfter.version, 2);
    // Start-up no longer loads the files over the editors' version.
    const warnings: string[] = [];
    const result = await loadFrameworks(t.database, 'content', { warn: (m) => warnings.push(m) });
    assert.deepEqual(result.published, []);
    assert.equal((await currentVersion(t.database.db, DEFAULT_FRAMEWORK))!.version, 2);
  });

  test('problems come back on the form, and nothing reaches the draft', async () => {
    const { a } = await editorAgent();
    const bad = await a.post(indicator, fields({ statement_en: '', groups: [], stations: 'package-9-station-9' }));
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /This field is required|Enter/);
    assert.match(bad.body, /Choose at least one group/);
    const link = await a.post(indicator, fields({ stations: 'package-9-station-9' }));
    assert.equal(link.statusCode, 422);
    assert.match(link.body, /A link leads nowhere: .*package-9-station-9/);
    assert.match(link.body, /value="package-9-station-9"|>package-9-station-9</);
  });

  test('a statement is added to a criterion and removed again; a criterion keeps one', async () => {
    const { a } = await editorAgent();
    const add = `${base}/criterion/programme-relevance/new-indicator`;
    const taken = await a.post(add, { ...fields({ stations: '', actions: '' }), id: 'graduates-ready-for-work' }, add);
    assert.equal(taken.statusCode, 422);
    assert.match(taken.body, /already used/);
    const added = await a.post(
      add,
      { ...fields({ stations: '', actions: '', statement_fr: 'Nos programmes suivent les technologies.' }), id: 'programmes-follow-technology' },
      add,
    );
    assert.equal(added.statusCode, 303);
    assert.match((await a.get(base)).body, /indicator\/programmes-follow-technology/);
    const removed = await a.post(`${base}/indicator/programmes-follow-technology/remove`, {}, `${base}/indicator/programmes-follow-technology`);
    assert.equal(removed.statusCode, 303);
    assert.doesNotMatch((await a.get(base)).body, /programmes-follow-technology/);
    assert.equal((await a.post(`${base}/discard`, {}, base)).statusCode, 303);
    assert.match((await a.get(base)).body, /No draft/);
  });

  test('only editors and administrators reach it', async () => {
    const { a } = await signedIn(t, 'member');
    assert.equal((await a.get(base)).statusCode, 403);
    assert.equal((await a.get(indicator)).statusCode, 403);
    const { a: editor } = await editorAgent();
    assert.equal((await editor.get(`${base}/indicator/no-such-indicator`)).statusCode, 404);
    assert.equal((await editor.get('/en/admin/frameworks/no-such-framework')).statusCode, 404);
  });
});
