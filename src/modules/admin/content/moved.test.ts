import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { signedInUser } from '../../../../test/factories/index.ts';
import type { Agent } from '../../../../test/helpers/agent.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { readItem } from '../../../content/items.ts';
import { upsertResource } from '../../../content/repository/writes.ts';

// Resources were edited at /{lang}/admin/resources/{number} before there was one editor; every
// such address now answers with a permanent redirect to the same page under the slug.

let t: TestApp;
let editor: Agent;
let member: Agent;
let id: number;
const uploads = mkdtempSync(join(tmpdir(), 'intve-moved-'));
const slug = 'digcomp';
const pdf = { field: 'file', name: 'moved.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') };

before(async () => {
  t = await testApp({ env: { UPLOADS_DIR: uploads } });
  editor = (await signedInUser(t, { email: 'editor@moved.example', name: 'editor', role: 'editor' })).a;
  member = (await signedInUser(t, { email: 'member@moved.example', name: 'member' })).a;
  id = (await readItem(t.database.db, 'resource', slug))!.id;
});
after(async () => {
  try {
    await t.close();
  } finally {
    rmSync(uploads, { recursive: true, force: true });
  }
});

describe('the numbered addresses of resources', () => {
  test('every page answers 301 with the same page under the slug, its query kept', async () => {
    for (const [from, to] of [
      [`/en/admin/resources/${id}`, `/en/admin/resources/${slug}`],
      [`/fr/admin/resources/${id}?done=saved`, `/fr/admin/resources/${slug}?done=saved`],
      [`/en/admin/resources/${id}/preview`, `/en/admin/resources/${slug}/preview`],
      [`/ar/admin/resources/${id}/revisions`, `/ar/admin/resources/${slug}/revisions`],
    ]) {
      const res = await editor.get(from!);
      assert.equal(res.statusCode, 301, from);
      assert.equal(res.headers.location, to, from);
      assert.equal((await editor.get(to!)).statusCode, 200, to);
    }
  });

  test('every form answers 308, so the browser sends it again to the slug’s address', async () => {
    const page = `/en/admin/resources/${slug}`;
    const revision = (await t.database.db.selectFrom('revisions').select('id').where('kind', '=', 'resource').where('item_id', '=', id).executeTakeFirst())?.id ?? 1;
    for (const [from, to] of [
      [`/en/admin/resources/${id}`, page],
      [`/en/admin/resources/${id}/publish`, `${page}/publish`],
      [`/en/admin/resources/${id}/unpublish`, `${page}/unpublish`],
      [`/en/admin/resources/${id}/delete`, `${page}/delete`],
      [`/en/admin/resources/${id}/revisions/${revision}/restore`, `${page}/revisions/${revision}/restore`],
      [`/en/admin/resources/${id}/attachments/1/delete`, `${page}/attachments/1/delete`],
    ]) {
      const res = await editor.post(from!, {}, page);
      assert.equal(res.statusCode, 308, from);
      assert.equal(res.headers.location, to, from);
    }
    const upload = await editor.upload(`/en/admin/resources/${id}/attachments`, { title: 'Moved file' }, pdf, page);
    assert.equal(upload.statusCode, 308);
    assert.equal(upload.headers.location, `${page}/attachments`);
    assert.equal(await readItem(t.database.db, 'resource', slug).then((r) => r?.published), true, 'nothing was done at the old address');

    const unpublished = await editor.post(`/en/admin/resources/${slug}/unpublish`, {}, page);
    assert.deepEqual([unpublished.statusCode, unpublished.headers.location], [303, `${page}?done=unpublished`], 'the form sent again to the new address does its work');
    assert.equal((await readItem(t.database.db, 'resource', slug))!.published, false);
  });

  test('only editors are redirected: a visitor is asked to sign in, a member refused, and no slug shows', async () => {
    const visitor = await t.get(`/en/admin/resources/${id}`);
    assert.equal(visitor.statusCode, 303);
    assert.match(visitor.headers.location as string, /^\/en\/account\/sign-in\?next=/);
    assert.doesNotMatch(visitor.headers.location as string, new RegExp(slug));
    const refused = await member.get(`/en/admin/resources/${id}/revisions`);
    assert.equal(refused.statusCode, 403);
  });

  test('a number nobody has is not found, and a resource whose slug is a number keeps its address', async () => {
    assert.equal((await editor.get('/en/admin/resources/999999')).statusCode, 404);
    await upsertResource(t.database.db, { slug: String(id), type: 'guideline', source: 'Numbers', link: null, year: null, translations: [{ lang: 'en', title: 'A resource called by a number', description: 'Text.' }], themes: [], sectors: [], countries: [], languages: ['en'], stations: [], packages: [] });
    const res = await editor.get(`/en/admin/resources/${id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /A resource called by a number/);
  });

  test('a new resource never gets a number as its slug', async () => {
    const form = { type: 'guideline', source: 'Numbers', link: '', year: '', title_en: '2030', description_en: 'A plan for 2030.' };
    const res = await editor.post('/en/admin/resources', form, '/en/admin/resources/new');
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.equal(res.headers.location, '/en/admin/resources/2030-2?done=created');
  });
});
