import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signedInUser } from '../../../../test/factories/index.ts';
import type { Agent } from '../../../../test/helpers/agent.ts';
import { assertValidHtml } from '../../../../test/pages/html-validate.ts';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';
import { packToZip, zipToFiles } from '../../../content/export.ts';
import { parseContentPack } from '../../../content/pack.ts';

let t: TestApp;
let editor: Agent;
let member: Agent;
before(async () => {
  t = await testApp();
  editor = (await signedInUser(t, { email: 'editor@pack.example', name: 'Emma Editor', role: 'editor' })).a;
  member = (await signedInUser(t, { email: 'member@pack.example', name: 'Milo Member' })).a;
});
after(() => t.close());

const PAGE = '/en/admin/content-pack';
const upload = (a: Agent, data: Uint8Array, from = PAGE) =>
  a.upload(`${PAGE}/import`, {}, { field: 'pack', name: 'pack.zip', type: 'application/zip', data: Buffer.from(data) }, from);

async function download(): Promise<Map<string, string>> {
  const res = await editor.get(`${PAGE}/export.zip`);
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/zip');
  assert.match(res.headers['content-disposition'] as string, /^attachment; filename="intve-content-\d{4}-\d{2}-\d{2}\.zip"$/);
  assert.equal(res.headers['cache-control'], 'no-store');
  return zipToFiles(res.rawPayload);
}

describe('the content pack in the back office', () => {
  test('an editor finds the page from the dashboard, with the download and the import form', async () => {
    assert.match((await editor.get('/en/admin')).body, /<a href="\/en\/admin\/content-pack">Content pack<\/a>/);
    const page = await editor.get('/fr/admin/content-pack');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Lot de contenus<\/h1>/);
    assert.match(page.body, /href="\/fr\/admin\/content-pack\/export\.zip"/);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    await assertValidHtml(page.body, 'content-pack page');
  });

  test('an editor downloads every item as a zip that reads as a content pack', async () => {
    const files = await download();
    const pack = parseContentPack(files);
    assert.equal(pack.items.filter((i) => i.kind === 'package').length, 2);
    assert.ok(files.has('stations/package-2-station-3.en.md'));
    const audit = await t.database.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(audit.action, 'pack.exported');
  });

  test('an editor imports a changed pack and sees what changed; the public page shows it', async () => {
    const files = await download();
    files.set('spotlight/ene.en.md', files.get('spotlight/ene.en.md')!.replace(/\n---\n[\s\S]*$/, '\n---\nThe network, as imported.\n'));
    const res = await upload(editor, packToZip(files));
    assert.equal(res.statusCode, 200, res.body.slice(0, 2000));
    assert.match(res.body, /Import done/);
    assert.match(res.body, /<summary>1 item updated<\/summary><ul><li><code>spotlight\/ene<\/code><\/li><\/ul>/);
    assert.match(res.body, /No new item/);
    await assertValidHtml(res.body, 'content-pack import result');
    assert.match((await t.get('/en/spotlight')).body, /The network, as imported\./);
  });

  test('a wrong pack is refused with the file and the field, and nothing changes', async () => {
    const files = await download();
    files.set('resources/digcomp.en.md', files.get('resources/digcomp.en.md')!.replace('type: guideline', 'type: leaflet'));
    files.set('spotlight/ene.en.md', files.get('spotlight/ene.en.md')!.replace(/\n---\n[\s\S]*$/, '\n---\nNot imported.\n'));
    const res = await upload(editor, packToZip(files));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /aria-describedby="field-pack-hint field-pack-error" aria-invalid="true"/);
    await assertValidHtml(res.body, 'content-pack import error');
    assert.match(res.body, /Nothing was imported\. resources\/digcomp\.en\.md: type &quot;leaflet&quot; is not in vocabularies\.yml/);
    assert.doesNotMatch((await t.get('/en/spotlight')).body, /Not imported\./);

    const notZip = await upload(editor, new Uint8Array(Buffer.from('not a zip')));
    assert.equal(notZip.statusCode, 422);
    assert.match(notZip.body, /it is empty or not a zip file/);
    const none = await editor.post(`${PAGE}/import`, {}, PAGE);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Choose a zip file to import/);
  });

  test('members cannot download or import', async () => {
    assert.equal((await member.get(`${PAGE}/export.zip`)).statusCode, 403);
    assert.equal((await member.get(PAGE)).statusCode, 403);
    const files = await download();
    assert.equal((await upload(member, packToZip(files), '/en/account')).statusCode, 403);
  });
});
