import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signedInUser } from '../../../../test/factories/index.ts';
import type { Agent } from '../../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';

// Resources in the one editor: the e-library's facets beside the texts in three languages, through
// HTTP as an editor uses it, against the real database.

let t: TestApp;
let editor: Agent;
before(async () => {
  t = await testApp();
  editor = (await signedInUser(t, { email: 'editor@library.example', name: 'Eva Editor', role: 'editor' })).a;
});
after(() => t.close());

const form = (over: Record<string, string> = {}) => ({
  type: 'guideline',
  source: 'Test Foundation',
  link: 'https://example.org/apprenticeship-guide',
  year: '2025',
  themes: 'work-based-learning',
  stations: '1-3',
  title_en: 'Apprenticeship mentoring handbook',
  description_en: 'How in-company mentors support apprentices during their placements.',
  title_fr: 'Manuel de tutorat des apprentis',
  description_fr: 'Comment les tuteurs en entreprise accompagnent les apprentis pendant leurs stages.',
  title_ar: '',
  description_ar: '',
  ...over,
});

/** A new draft by the form; its slug, the key of its editing address. */
async function createDraft(over: Record<string, string> = {}): Promise<string> {
  const res = await editor.post('/en/admin/resources', form(over), '/en/admin/resources/new');
  assert.equal(res.statusCode, 303, res.body.slice(0, 600));
  return /\/en\/admin\/resources\/([a-z0-9-]+)\?done=created$/.exec(res.headers.location as string)![1]!;
}

const titles = (html: string) => [...html.matchAll(/<li class="result">\s*<h3><a href="\/\w\w\/library\/([a-z0-9-]+)"/g)].map((m) => m[1]);

describe('editing resources in the back office', () => {
  test('a draft written in English and French is invisible until published, then found in both languages', async () => {
    const before = await t.get('/en/library');
    const key = await createDraft();
    const slug = 'apprenticeship-mentoring-handbook';
    assert.equal(key, slug, 'its editing address is its slug');
    assert.equal((await t.get(`/en/library/${slug}`)).statusCode, 404, 'a draft is not public');
    assert.deepEqual(titles((await t.get('/en/library?q=mentoring')).body), []);
    assert.doesNotMatch((await t.get('/en/search?q=mentoring')).body, /Apprenticeship mentoring handbook/, 'nor in site search');
    const preview = await editor.get(`/fr/admin/resources/${key}/preview`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<h1>Manuel de tutorat des apprentis<\/h1>/);

    assert.equal((await editor.post(`/en/admin/resources/${key}/publish`, {}, `/en/admin/resources/${key}`)).statusCode, 303);
    assert.deepEqual(titles((await t.get('/en/library?q=mentoring')).body), [slug]);
    assert.deepEqual(titles((await t.get(`/fr/library?q=${encodeURIComponent('tuteurs')}`)).body), [slug]);
    const fr = await t.get(`/fr/library/${slug}`);
    assert.match(fr.body, /<h1>Manuel de tutorat des apprentis<\/h1>/);
    const after = await t.get('/en/library');
    assert.notEqual(after.headers.etag, before.headers.etag, 'the cached first page is rendered again');
    assert.match((await t.get('/en/packages/1/stations/3')).body, new RegExp(`/en/library/${slug}`), 'the station lists it at once');
  });

  test('a form with problems comes back with its values and an error summary', async () => {
    const res = await editor.post('/en/admin/resources', form({ title_en: '', year: '25', themes: 'not-a-theme' }), '/en/admin/resources/new');
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /href="#field-title_en">Enter a value/);
    assert.match(res.body, /value="Manuel de tutorat des apprentis"/);
    const vocab = await editor.post('/en/admin/resources', form({ title_en: 'Another guide', themes: 'not-a-theme' }), '/en/admin/resources/new');
    assert.equal(vocab.statusCode, 422);
    assert.match(vocab.body, /href="#field-themes">Choose one of the options/);
  });

  test('changing the English marks the French translation as outdated', async () => {
    const key = await createDraft({ title_en: 'Dual training checklist', title_fr: 'Liste de contrôle de la formation duale' });
    assert.match((await editor.get(`/en/admin/resources/${key}`)).body, /Français<\/span>: up to date/);
    await new Promise((r) => setTimeout(r, 5));
    await editor.post(`/en/admin/resources/${key}`, form({ title_en: 'Dual training checklist, second edition', title_fr: 'Liste de contrôle de la formation duale' }), `/en/admin/resources/${key}`);
    const page = await editor.get(`/en/admin/resources/${key}`);
    assert.match(page.body, /Français<\/span>: outdated/);
    assert.match(page.body, /العربية<\/span>: missing/);
  });

  test('every save keeps a revision with what changed, and an old revision can be restored', async () => {
    const key = await createDraft({ title_en: 'Skills forecasting primer', title_fr: '' , description_fr: '' });
    await editor.post(`/en/admin/resources/${key}`, form({ title_en: 'Skills forecasting primer for centres', title_fr: '', description_fr: '' }), `/en/admin/resources/${key}`);
    const revisions = await editor.get(`/en/admin/resources/${key}/revisions`);
    assert.match(revisions.body, /Saved by Eva Editor/);
    assert.match(revisions.body, /<ins>for centres<\/ins>|<ins> for centres<\/ins>|<ins>centres<\/ins>/);
    const first = [...revisions.body.matchAll(/\/revisions\/(\d+)\/restore/g)].map((m) => Number(m[1])).pop()!;
    const restored = await editor.post(`/en/admin/resources/${key}/revisions/${first}/restore`, {}, `/en/admin/resources/${key}/revisions`);
    assert.equal(restored.statusCode, 303);
    assert.match((await editor.get(`/en/admin/resources/${key}`)).body, /value="Skills forecasting primer"/);
  });

  test('unpublishing and deleting take a resource out, and the audit log records each step', async () => {
    const key = await createDraft({ title_en: 'Temporary resource' });
    await editor.post(`/en/admin/resources/${key}/publish`, {}, `/en/admin/resources/${key}`);
    assert.equal((await t.get('/en/library/temporary-resource')).statusCode, 200);
    await editor.post(`/en/admin/resources/${key}/unpublish`, {}, `/en/admin/resources/${key}`);
    assert.equal((await t.get('/en/library/temporary-resource')).statusCode, 404);
    await editor.post(`/en/admin/resources/${key}/delete`, {}, `/en/admin/resources/${key}`);
    assert.equal((await editor.get(`/en/admin/resources/${key}`)).statusCode, 404);
    const log = await t.database.db.selectFrom('audit_log').select(['action', 'subject']).where('subject', '=', 'Temporary resource').orderBy('id').execute();
    assert.deepEqual(log.map((l) => l.action), ['resource.created', 'resource.published', 'resource.unpublished', 'resource.deleted']);
  });

  test('the list shows drafts and each language’s status', async () => {
    const res = await editor.get('/en/admin/resources?q=apprenticeship');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Apprenticeship mentoring handbook/);
  });
});
