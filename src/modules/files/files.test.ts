import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { agent, type Agent } from '../../../test/helpers/agent.ts';
import { assertValidHtml } from '../../../test/pages/html-validate.ts';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import { cfb, docm, docx, newResource as newResourceOf, pdf, png, signedIn } from '../../../test/helpers/files.ts';

// Attachments end to end: uploads checked by their content and size, listed on editor and public
// pages, downloaded with safe headers, and deleted with their owner. Stores (disk and S3) and
// file names are in store.test.ts.

// ── The platform, on disk ─────────────────────────────────────────────────────────────────────

const LIMIT = 64 * 1024;
let t: TestApp;
let uploads: string;
let editor: Agent;
let member: Agent;

before(async () => {
  uploads = mkdtempSync(join(tmpdir(), 'intve-files-'));
  t = await testApp({ env: { UPLOADS_DIR: uploads, FILES_MAX_BYTES: String(LIMIT) } });
  editor = await signedIn(t, 'editor@files.example', 'editor');
  member = await signedIn(t, 'member@files.example', 'member');
});
after(async () => {
  try {
    await t.close();
  } finally {
    rmSync(uploads, { recursive: true, force: true });
  }
});

let resources = 0;
/** Each new resource's editing address (by its slug), by its id. */
const pages = new Map<number, string>();
const editing = (id: number) => pages.get(id)!;
async function newResource(): Promise<number> {
  const { id, page } = await newResourceOf(editor, t, `Files test resource ${++resources} disk`);
  pages.set(id, page);
  return id;
}

type File = { name: string; type: string; data: Buffer };
/** A small PDF whose catalogue carries these entries. */
const pdfWith = (catalogue: string) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog ${catalogue} >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const upload = (id: number, title: string, file: File, a: Agent = editor) =>
  a.upload(`${editing(id)}/attachments`, { title }, { field: 'file', ...file }, editing(id));

const rows = (app: TestApp, id: number) =>
  app.database.db.selectFrom('attachments').selectAll().where('owner_kind', '=', 'resource').where('owner_id', '=', id).orderBy('position').execute();
const stored = () => readdirSync(join(uploads, 'attachments'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
const slugOf = async (id: number) => (await t.database.db.selectFrom('resources').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
const publish = async (id: number, a: Agent = editor) => assert.equal((await a.post(`${editing(id)}/publish`, {}, editing(id))).statusCode, 303);
const publicHref = (page: string, title: string) => new RegExp(`<a href="(/files/\\d+/[^"]+)" type="[^"]+">${title}</a>`).exec(page)?.[1];

describe('uploading files', () => {
  test('an editor adds a PDF, a Word document and a PNG; the editor page lists each with its type and size', async () => {
    const id = await newResource();
    for (const [title, file] of [
      ['Full report', { name: 'report.pdf', type: 'application/pdf', data: pdf() }],
      ['Worksheet', { name: 'worksheet.docx', type: 'application/octet-stream', data: docx() }],
      ['Workshop photo', { name: 'photo.png', type: 'image/png', data: await png() }],
    ] as const) {
      const res = await upload(id, title, file);
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      assert.equal(res.headers.location, `${editing(id)}?done=file-added#attachments`);
    }
    const saved = await rows(t, id);
    assert.deepEqual(
      saved.map((r) => [r.title, r.file_name, r.media_type]),
      [
        ['Full report', 'report.pdf', 'application/pdf'],
        ['Worksheet', 'worksheet.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        ['Workshop photo', 'photo.png', 'image/png'],
      ],
    );
    assert.ok(saved.every((r) => /^[0-9a-f]{64}$/.test(r.sha256) && r.storage_key.startsWith('attachments/')));
    const page = await editor.get(`${editing(id)}?done=file-added`);
    assert.match(page.body, /The file is added\./);
    assert.match(page.body, /<td>Word document<\/td>/);
    assert.match(page.body, /<td>PNG image<\/td>/);
    assert.match(page.body, /aria-label="Delete “Full report”"/);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.match(page.body, /At most 64 kB\./);
  });

  test('the type comes from the content: a renamed program, a web page called .pdf, an SVG and an empty file are refused, and the title typed is kept', async () => {
    const id = await newResource();
    const before = stored();
    for (const [file, message] of [
      [{ name: 'report.pdf', type: 'application/pdf', data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]) }, 'This type of file is not accepted'],
      [
        { name: 'report.pdf', type: 'application/pdf', data: Buffer.from('<!doctype html><script>alert(document.cookie)</script>') },
        'This type of file is not accepted',
      ],
      [
        { name: 'chart.svg', type: 'image/svg+xml', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') },
        'This type of file is not accepted',
      ],
      [{ name: 'empty.pdf', type: 'application/pdf', data: Buffer.alloc(0) }, 'The file is empty'],
      [{ name: 'macros.docx', type: 'application/octet-stream', data: docm() }, 'Documents with macros are not accepted'],
      [
        { name: 'old.doc', type: 'application/msword', data: cfb([{ name: 'WordDocument' }, { name: 'Macros', storage: true }]) },
        'Documents with macros are not accepted',
      ],
      [{ name: 'setup.doc', type: 'application/msword', data: cfb([{ name: 'SummaryInformation' }]) }, 'This type of file is not accepted'],
      // PDFs are checked inside (pdf-check.test.ts has every way of hiding an action).
      [{ name: 'form.pdf', type: 'application/pdf', data: pdfWith('/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>') }, 'This PDF contains JavaScript'],
      [
        { name: 'open.pdf', type: 'application/pdf', data: pdfWith('/OpenAction << /S /Launch /F (cmd.exe) >>') },
        'This PDF contains an action that opens other files or programs',
      ],
      [
        { name: 'page.pdf', type: 'application/pdf', data: Buffer.concat([pdf(), Buffer.from('<html><script>alert(1)</script></html>')]) },
        'This file is a PDF and a web page at the same time',
      ],
    ] as const) {
      const res = await upload(id, 'Typed title, kept', file);
      assert.equal(res.statusCode, 422, `${file.name}: ${res.statusCode}`);
      assert.match(res.body, new RegExp(`href="#field-attachment-file">${message}`), file.name);
      assert.match(res.body, /id="field-attachment-title" name="title" type="text" value="Typed title, kept"/);
      assert.match(res.body, /<title>Error: /);
    }
    assert.equal((await rows(t, id)).length, 0);
    assert.equal(stored(), before, 'nothing refused is stored');
  });

  test('a legacy Word file is told apart from other compound files and accepted', async () => {
    const id = await newResource();
    const res = await upload(id, 'Old minutes', {
      name: 'minutes.DOC',
      type: 'application/octet-stream',
      data: cfb([{ name: 'WordDocument' }, { name: '1Table' }]),
    });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(
      (await rows(t, id)).map((r) => [r.file_name, r.media_type]),
      [['minutes.doc', 'application/msword']],
    );
  });

  test('a file over the limit is refused with the limit in the message, and the next upload works', async () => {
    const id = await newResource();
    const res = await upload(id, 'Too big', { name: 'big.pdf', type: 'application/pdf', data: pdf(LIMIT + 10) });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /href="#field-attachment-file">The file is too large: upload a file of at most 64 kB\./);
    const ok = await upload(id, 'Just right', { name: 'ok.pdf', type: 'application/pdf', data: pdf(LIMIT - 200) });
    assert.equal(ok.statusCode, 303);
  });

  test('a form without a title or a file says both at once', async () => {
    const id = await newResource();
    const res = await editor.upload(
      `${editing(id)}/attachments`,
      { title: '  ' },
      { field: 'file', name: '', type: 'application/octet-stream', data: Buffer.alloc(0) },
      editing(id),
    );
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /href="#field-attachment-title">Enter a title for the file\./);
    assert.match(res.body, /href="#field-attachment-file">Choose a file to upload\./);
  });

  test('the new-resource form says files come once the resource exists', async () => {
    const page = await editor.get('/en/admin/resources/new');
    assert.match(page.body, /You can add files once the resource is created\./);
    assert.doesNotMatch(page.body, /multipart\/form-data/);
  });

  test('visitors and members cannot upload, and an upload without its CSRF token is refused', async () => {
    const id = await newResource();
    const form = new FormData();
    form.append('title', 'Sneaky');
    form.append('file', new Blob([new Uint8Array(pdf())], { type: 'application/pdf' }), 'x.pdf');
    const encoded = new Response(form);
    const raw = { type: encoded.headers.get('content-type')!, body: Buffer.from(await encoded.arrayBuffer()) };
    const anonymous = await t.app.inject({ method: 'POST', url: `${editing(id)}/attachments`, headers: { 'content-type': raw.type }, payload: raw.body });
    assert.equal(anonymous.statusCode, 403);
    const cookie = [...editor.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const noToken = await t.app.inject({ method: 'POST', url: `${editing(id)}/attachments`, headers: { 'content-type': raw.type, cookie }, payload: raw.body });
    assert.equal(noToken.statusCode, 403);
    const byMember = await upload(id, 'Member file', { name: 'm.pdf', type: 'application/pdf', data: pdf() }, member).catch(() => null);
    assert.equal(byMember, null, 'a member has no editor page to take a token from');
    const fromAccount = await member.upload(
      `${editing(id)}/attachments`,
      { title: 'Member file' },
      { field: 'file', name: 'm.pdf', type: 'application/pdf', data: pdf() },
      '/en/account',
    );
    assert.equal(fromAccount.statusCode, 403);
    assert.equal((await rows(t, id)).length, 0);
  });
});

describe('downloading files', () => {
  test('a draft’s file is not public, but editors download it in the back office', async () => {
    const id = await newResource();
    await upload(id, 'Draft annex', { name: 'annex.pdf', type: 'application/pdf', data: pdf() });
    const [row] = await rows(t, id);
    assert.equal((await t.get(`/files/${row!.id}/annex.pdf`)).statusCode, 404);
    const own = await editor.get(`/en/admin/files/${row!.id}`);
    assert.equal(own.statusCode, 200);
    assert.equal(own.headers['cache-control'], 'private, no-store');
    assert.deepEqual(own.rawPayload, pdf());
    assert.equal((await member.get(`/en/admin/files/${row!.id}`)).statusCode, 403);
    assert.equal((await agent(t).get(`/en/admin/files/${row!.id}`)).statusCode, 303);
    const preview = await editor.get(`${editing(id)}/preview`);
    assert.match(preview.body, new RegExp(`href="/en/admin/files/${row!.id}" type="application/pdf">Draft annex</a>`));
    await publish(id);
    assert.equal((await t.get(`/files/${row!.id}/annex.pdf`)).statusCode, 200);
  });

  test('public downloads carry the stored type, nosniff, a safe name, a sandbox, and an ETag that answers 304', async () => {
    const id = await newResource();
    await upload(id, 'Équipe report', { name: '..\\..\\Équipe «final» 2024.pdf', type: 'text/html', data: pdf() });
    await upload(id, 'Planning sheet', { name: 'planning.docx', type: 'application/pdf', data: docx() });
    await publish(id);
    const page = await t.get(`/en/library/${await slugOf(id)}`);
    const pdfHref = publicHref(page.body, 'Équipe report')!;
    assert.match(pdfHref, /^\/files\/\d+\/equipe-final-2024\.pdf$/);
    const res = await t.get(pdfHref);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['content-disposition'], `inline; filename="equipe-final-2024.pdf"; filename*=UTF-8''%C3%89quipe%20%C2%ABfinal%C2%BB%202024.pdf`);
    assert.match(res.headers['content-security-policy'] as string, /^default-src 'none';.*sandbox$/);
    assert.match(res.headers['cache-control'] as string, /^public, max-age=\d+$/);
    assert.equal(res.headers['content-length'], String(pdf().length));
    const etag = res.headers.etag as string;
    assert.match(etag, /^"[0-9a-f]{64}"$/);
    const again = await t.get(pdfHref, { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    const part = await t.get(pdfHref, { range: 'bytes=0-4' });
    assert.equal(part.statusCode, 206);
    assert.equal(part.headers['content-range'], `bytes 0-4/${pdf().length}`);
    assert.equal(part.body, '%PDF-');
    assert.equal((await t.get(pdfHref, { range: 'bytes=99999-' })).statusCode, 416);
    const head = await t.app.inject({ method: 'HEAD', url: pdfHref });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-length'], String(pdf().length));
    assert.equal(head.body, '');
    const renamed = await t.get(pdfHref.replace(/[^/]+$/, 'other-name.pdf'));
    assert.equal(renamed.statusCode, 301);
    assert.equal(renamed.headers.location, pdfHref);

    const word = await t.get(publicHref(page.body, 'Planning sheet')!);
    assert.equal(word.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(word.headers['content-disposition'] as string, /^attachment; filename="planning\.docx"/);
    assert.equal((await t.get('/files/999999/x.pdf')).statusCode, 404);
  });

  test('the public page lists the files with their type and size in the reader’s language', async () => {
    const id = await newResource();
    await upload(id, 'Guide complet', { name: 'guide.pdf', type: 'application/pdf', data: pdf(3000) });
    await upload(id, 'Fiche', { name: 'fiche.docx', type: 'application/pdf', data: docx() });
    await publish(id);
    const slug = await slugOf(id);
    const en = (await t.get(`/en/library/${slug}`)).body;
    assert.match(en, /<h2 id="attachments-heading">Files<\/h2>/);
    assert.match(en, /Guide complet<\/a>\s*<span class="meta">PDF, 3 kB<\/span>/);
    assert.match(en, /"associatedMedia":\[\{"@type":"MediaObject","name":"Guide complet"/);
    const fr = (await t.get(`/fr/library/${slug}`)).body;
    assert.match(fr, /<h2 id="attachments-heading">Fichiers<\/h2>/);
    assert.match(fr, /Fiche<\/a>\s*<span class="meta">Document Word, 7\d\d\so<\/span>/);
    const ar = (await t.get(`/ar/library/${slug}`)).body;
    assert.match(ar, /<h2 id="attachments-heading">الملفات<\/h2>/);
  });
});

describe('deleting files', () => {
  test('deleting a file removes it from the pages and the store, and the audit log says who did it', async () => {
    const id = await newResource();
    await upload(id, 'Short-lived', { name: 'gone.pdf', type: 'application/pdf', data: pdf() });
    await upload(id, 'Kept', { name: 'kept.pdf', type: 'application/pdf', data: pdf(10) });
    await publish(id);
    const [gone] = await rows(t, id);
    const href = publicHref((await t.get(`/en/library/${await slugOf(id)}`)).body, 'Short-lived')!;
    const before = stored();
    const res = await editor.post(`${editing(id)}/attachments/${gone!.id}/delete`, {}, editing(id));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${editing(id)}?done=file-deleted#attachments`);
    assert.equal(stored(), before - 1);
    assert.equal((await t.get(href)).statusCode, 404);
    assert.doesNotMatch((await t.get(`/en/library/${await slugOf(id)}`)).body, /Short-lived/);
    const other = await newResource();
    const wrongOwner = await editor.post(`${editing(other)}/attachments/${(await rows(t, id))[0]!.id}/delete`, {}, editing(other));
    assert.equal(wrongOwner.statusCode, 404);
    const log = await t.database.db.selectFrom('audit_log').select(['action', 'subject']).where('action', 'like', 'file.%').execute();
    assert.ok(log.some((e) => e.action === 'file.added' && e.subject === 'Kept'));
    assert.ok(log.some((e) => e.action === 'file.deleted' && e.subject === 'Short-lived'));
    const admin = await signedIn(t, 'admin-audit@files.example', 'editor');
    await t.database.db.updateTable('users').set({ role: 'admin' }).where('email', '=', 'admin-audit@files.example').execute();
    assert.match((await admin.get('/en/admin/audit')).body, /Deleted the file “Short-lived” \(gone\.pdf\) from “Files test resource/);
  });

  test('deleting a resource deletes its files', async () => {
    const id = await newResource();
    await upload(id, 'One', { name: 'one.pdf', type: 'application/pdf', data: pdf(1) });
    await upload(id, 'Two', { name: 'two.png', type: 'image/png', data: await png() });
    const before = stored();
    assert.equal((await editor.post(`${editing(id)}/delete`, {}, editing(id))).statusCode, 303);
    assert.equal((await rows(t, id)).length, 0);
    assert.equal(stored(), before - 2);
  });
});

describe('case studies', () => {
  test('editors add files to a case study by its slug; its files page and the public download work', async () => {
    const cs = await t.database.db.selectFrom('case_studies').select(['id', 'slug']).where('published', '=', 1).orderBy('id').executeTakeFirstOrThrow();
    const from = `/en/admin/case-studies/${cs.slug}/attachments`;
    const res = await editor.upload(from, { title: 'Case study slides' }, { field: 'file', name: 'slides.pdf', type: 'application/pdf', data: pdf() }, from);
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    assert.equal(res.headers.location, `/en/admin/case-studies/${cs.slug}?done=file-added#attachments`);
    const page = await editor.get(`${from}?done=file-added`);
    assert.match(page.body, /Case study slides<\/bdi><\/a>/);
    assert.match(page.body, /The file is added\./);
    const bad = await editor.upload(
      from,
      { title: 'Still typed' },
      { field: 'file', name: 'x.pdf', type: 'application/pdf', data: Buffer.from('<html>') },
      from,
    );
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /href="#field-attachment-file">This type of file is not accepted/);
    assert.match(bad.body, /value="Still typed"/);
    const row = await t.database.db
      .selectFrom('attachments')
      .select(['id', 'file_name'])
      .where('owner_kind', '=', 'case-study')
      .where('owner_id', '=', cs.id)
      .executeTakeFirstOrThrow();
    assert.equal((await t.get(`/files/${row.id}/${row.file_name}`)).statusCode, 200);
    assert.equal((await editor.get('/en/admin/case-studies/no-such-case/attachments')).statusCode, 404);
  });
});

describe('markup', () => {
  test('the editor page with files and errors, the case-study files page and the public list are valid HTML', async () => {
    const id = await newResource();
    await upload(id, 'Valid file', { name: 'valid.pdf', type: 'application/pdf', data: pdf() });
    const refused = await upload(id, 'Kept title', { name: 'x.pdf', type: 'application/pdf', data: Buffer.from('<html>') });
    assert.match(refused.body, /aria-describedby="field-attachment-file-hint field-attachment-file-error" aria-invalid="true"/);
    await assertValidHtml(refused.body, 'editor page with an upload error');
    await publish(id);
    await assertValidHtml((await t.get(`/ar/library/${await slugOf(id)}`)).body, 'public resource page');
    const cs = (await t.database.db.selectFrom('case_studies').select('slug').orderBy('id').executeTakeFirstOrThrow()).slug;
    await assertValidHtml((await editor.get(`/en/admin/case-studies/${cs}/attachments`)).body, 'case-study files page');
  });
});
