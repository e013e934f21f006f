import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { user } from '../../test/factories/index.ts';
import { testDatabase, type TestDatabase } from '../../test/helpers/app.ts';
import { findUserById, type User } from '../modules/accounts/repository.ts';
import { addRevision } from './repository/revisions.ts';
import { createSearch } from '../modules/search/index.ts';
import { exportPack, packToZip, serialiseItem, zipToFiles, ZIP_LIMITS } from './export.ts';
import { importPack } from './import.ts';
import { readItem } from './items.ts';
import { loadContent } from './load.ts';
import { ContentError, parseContentPack, readContentPack, type Item } from './pack.ts';

// Export writes the starter-content format; import reads it back, writing only what differs.

/** A resource's lists have no order in the database: they come back sorted. */
function canonical(item: Item): Omit<Item, 'hash'> {
  const { hash: _hash, ...rest } = item;
  if (item.kind !== 'resource') return rest;
  const f = item.fields as Item<'resource'>['fields'];
  const sort = <T>(v: T[]) => [...v].sort();
  return { ...rest, fields: { ...f, themes: sort(f.themes), sectors: sort(f.sectors), countries: sort(f.countries), languages: sort(f.languages), stations: sort(f.stations), packages: sort(f.packages) } };
}

const edit = (files: Map<string, string>, path: string, change: (text: string) => string) => new Map(files).set(path, change(files.get(path)!));
const count = async (t: TestDatabase, table: 'revisions' | 'audit_log') => Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const version = async (t: TestDatabase) => (await t.database.db.selectFrom('content_meta').select('value').where('key', '=', 'content_version').executeTakeFirst())?.value;

let starter: TestDatabase;
let exported: Map<string, string>;
before(async () => {
  starter = await testDatabase({ starterContent: true });
  exported = await exportPack(starter.database.db);
});
after(() => starter.close());

describe('exporting content', () => {
  test('exporting the starter content gives the starter content back', async () => {
    const pack = await readContentPack('content');
    const back = parseContentPack(exported);
    assert.deepEqual(back.items.map((i) => i.key), pack.items.map((i) => i.key));
    for (const item of pack.items) assert.deepEqual(canonical(back.items.find((i) => i.key === item.key)!), canonical(item), item.key);
    assert.deepEqual(back.vocabularies, pack.vocabularies);
    // The same files, word for word, except that a resource's lists come back in alphabetical order.
    for (const [path, text] of exported) {
      if (path === 'vocabularies.yml' || path.startsWith('resources/')) continue;
      assert.equal(text, readFileSync(join('content', path), 'utf8'), path);
    }
    assert.equal(exported.get('resources/digcomp.en.md'), readFileSync('content/resources/digcomp.en.md', 'utf8'));
  });

  test('importing an export into an empty platform and exporting again gives the same files', async () => {
    const fresh = await testDatabase();
    try {
      const result = await importPack(fresh.database, createSearch(fresh.database), zipToFiles(packToZip(exported)), null);
      assert.equal(result.created.length, [...exported.keys()].filter((k) => k.endsWith('.en.md')).length);
      assert.deepEqual([result.updated, result.unchanged, result.kept, result.vocabularies], [[], 0, [], true]);
      assert.deepEqual(await exportPack(fresh.database.db), exported);
      const again = await importPack(fresh.database, createSearch(fresh.database), exported, null);
      assert.deepEqual([again.created, again.updated, again.unchanged, again.vocabularies], [[], [], result.created.length, false]);
    } finally {
      await fresh.close();
    }
  });

  test('a draft stays a draft, and a translation of the title alone exports only the title', async () => {
    const fresh = await testDatabase();
    try {
      let files = edit(exported, 'spotlight/ene.en.md', (text) => text.replace(/^---\n/, '---\ndraft: true\n'));
      files = files.set('resources/digcomp.fr.md', '---\ntitle: "DigComp, le cadre des compétences numériques"\n---\n');
      await importPack(fresh.database, createSearch(fresh.database), files, null);
      assert.equal((await readItem(fresh.database.db, 'spotlight', 'ene'))!.published, false);
      const found = await createSearch(fresh.database).search({ text: 'network excellence', lang: 'en', kinds: ['spotlight'], limit: 20, offset: 0 });
      assert.ok(!found.hits.some((h) => h.ref === 'spotlight:ene:'), 'a draft is not searchable');
      const out = await exportPack(fresh.database.db);
      assert.match(out.get('spotlight/ene.en.md')!, /^---\ndraft: true\nslug: ene\n/);
      assert.equal(out.get('resources/digcomp.fr.md'), '---\ntitle: "DigComp, le cadre des compétences numériques"\n---\n');
      const digcomp = (await readItem(fresh.database.db, 'resource', 'digcomp'))!.item;
      assert.deepEqual(digcomp.translations.fr, { fields: { title: 'DigComp, le cadre des compétences numériques' }, body: '' });
      assert.equal(out.get('resources/digcomp.en.md'), exported.get('resources/digcomp.en.md'));
    } finally {
      await fresh.close();
    }
  });

  test('a translation file says only what it translates', () => {
    const item: Item<'page'> = { kind: 'page', key: 'pages/about', hash: '', fields: { slug: 'about', title: 'About' }, body: 'Text.', translations: { fr: { fields: { lead: 'Pourquoi' }, body: '' } } };
    assert.deepEqual(
      [...serialiseItem(item, true)],
      [
        ['pages/about.en.md', '---\nslug: about\ntitle: "About"\n---\nText.\n'],
        ['pages/about.fr.md', '---\nlead: "Pourquoi"\n---\n'],
      ],
    );
    const bodyOnly: Item<'page'> = { ...item, translations: { ar: { fields: {}, body: 'نص.' } } };
    const files = new Map([['vocabularies.yml', 'types: {}\nthemes: {}\nsectors: {}\n'], ...serialiseItem(bodyOnly, false)]);
    assert.equal(files.get('pages/about.ar.md'), '---\n\n---\nنص.\n');
    const back = parseContentPack(files).items[0]!;
    assert.deepEqual([back.fields, back.translations], [{ draft: true, slug: 'about', title: 'About' }, bodyOnly.translations]);
  });
});

describe('importing content', () => {
  let t: TestDatabase;
  let editor: User;
  before(async () => {
    t = await testDatabase({ starterContent: true });
    const { id } = await user(t, { email: 'importer@pack.example', name: 'Ivo Importer', role: 'editor' });
    editor = (await findUserById(t.database.db, id))!;
  });
  after(() => t.close());

  test('a wrong file writes nothing and names the file and the field', async () => {
    const before = [await count(t, 'revisions'), await count(t, 'audit_log'), await version(t)];
    let files = edit(exported, 'spotlight/ene.en.md', (text) => text.replace('ENE is', 'ENE, changed, is'));
    files = edit(files, 'resources/digcomp.en.md', (text) => text.replace('slug: digcomp\n', 'slug: digcomp\nyear: twenty\n'));
    await assert.rejects(importPack(t.database, createSearch(t.database), files, editor), (e: Error) => e instanceof ContentError && /^resources\/digcomp\.en\.md: year:/.test(e.message));
    const missing = edit(exported, 'resources/digcomp.en.md', (text) => text.replace('stations: [', 'stations: [package-7-station-1, '));
    await assert.rejects(importPack(t.database, createSearch(t.database), missing, editor), /resources\/digcomp\.en\.md: station "package-7-station-1" does not exist/);
    assert.deepEqual([await count(t, 'revisions'), await count(t, 'audit_log'), await version(t)], before);
    assert.doesNotMatch((await readItem(t.database.db, 'spotlight', 'ene'))!.item.body, /changed/);
  });

  test('a changed item is updated, with a revision, an audit entry and search; the rest stays as it was', async () => {
    const search = createSearch(t.database);
    const versionBefore = await version(t);
    let files = edit(exported, 'resources/digcomp.en.md', (text) => `${text}\nIt also covers zanzibarite literacy.\n`);
    files = edit(files, 'stations/package-1-station-1.en.md', (text) => text.replace('title: "Building partnerships with the private sector"', 'title: "Building partnerships with the private sector and xylophonists"'));
    files.delete('pages/about.en.md');
    files.delete('pages/about.fr.md');
    files.delete('pages/about.ar.md');
    const result = await importPack(t.database, search, files, editor);
    assert.deepEqual(result.updated, ['stations/package-1-station-1', 'resources/digcomp']);
    assert.deepEqual([result.created, result.kept, result.vocabularies], [[], ['pages/about'], false]);
    assert.equal(result.unchanged, [...exported.keys()].filter((k) => k.endsWith('.en.md')).length - 2 - 1);

    const digcomp = (await readItem(t.database.db, 'resource', 'digcomp'))!;
    const station = (await readItem(t.database.db, 'station', 'building-partnerships-with-the-private-sector'))!;
    assert.equal(station.item.fields.title, 'Building partnerships with the private sector and xylophonists');
    const revisions = await t.database.db.selectFrom('revisions').selectAll().orderBy('id').execute();
    assert.deepEqual(revisions.map((r) => [r.kind, r.item_id, r.note, r.actor_name]), [
      ['station', station.id, 'loaded', ''],
      ['station', station.id, 'imported', 'Ivo Importer'],
      ['resource', digcomp.id, 'loaded', ''],
      ['resource', digcomp.id, 'imported', 'Ivo Importer'],
    ]);
    const beforeImport = JSON.parse(revisions[0]!.snapshot) as { item: Item<'station'> };
    assert.equal(beforeImport.item.fields.title, 'Building partnerships with the private sector', 'the state before the import can be restored');
    assert.deepEqual(JSON.parse(revisions[1]!.snapshot), { item: station.item, published: true });
    // Resources keep their revisions in the same format as every other kind, state before the import included.
    const resourceBefore = JSON.parse(revisions[2]!.snapshot) as { item: Item<'resource'> };
    assert.doesNotMatch(resourceBefore.item.body, /zanzibarite/, 'the resource as it was before the import can be restored');
    const snap = JSON.parse(revisions[3]!.snapshot) as { item: Item<'resource'>; published: boolean };
    assert.equal(snap.item.fields.slug, 'digcomp');
    assert.match(snap.item.body, /zanzibarite/);
    assert.deepEqual(snap, { item: digcomp.item, published: true });

    const entry = await t.database.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(entry.action, 'pack.imported');
    assert.deepEqual(JSON.parse(entry.details), { created: 0, updated: 2, unchanged: result.unchanged, kept: 1 });
    assert.notEqual(await version(t), versionBefore);
    const hits = await search.search({ text: 'zanzibarite', lang: 'en', limit: 10, offset: 0 });
    assert.deepEqual(hits.hits.map((h) => h.ref), ['resource:digcomp:']);
    assert.equal((await search.search({ text: 'xylophonists', lang: 'en', kinds: ['station'], limit: 10, offset: 0 })).total, 1);
    assert.ok(await readItem(t.database.db, 'page', 'about'), 'an item the pack does not have is kept');

    const again = await importPack(t.database, search, files, editor);
    assert.deepEqual([again.updated, again.created], [[], []]);
    assert.equal(await count(t, 'revisions'), 4, 'unchanged items get no revision');
  });

  test('a pack may hold only some items: references and vocabularies come from the platform', async () => {
    const files = new Map([['resources/new-guide.en.md', '---\nslug: new-guide\ntitle: "A new guide"\ntype: guideline\nsource: "Test"\nstations: [package-2-station-1]\n---\nText.\n']]);
    const result = await importPack(t.database, createSearch(t.database), files, null);
    assert.deepEqual([result.created, result.vocabularies], [['resources/new-guide'], false]);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual([audit.actor_id, audit.actor_name], [null, 'command line (content:import)']);
    const clash = new Map([['stations/package-2-station-4.en.md', '---\npackage: 2\nposition: 4\nslug: building-partnerships-with-the-private-sector\ntitle: "A fourth station"\n---\n']]);
    await assert.rejects(importPack(t.database, createSearch(t.database), clash, null), /^Error: stations\/package-2-station-4\.en\.md: slug is also used by stations\/package-1-station-1$/);
    const dangling = new Map([['vocabularies.yml', 'types: {guideline: {en: Guideline}}\nthemes: {}\nsectors: {}\n']]);
    await assert.rejects(importPack(t.database, createSearch(t.database), dangling, null), /resources\/[a-z-]+\.en\.md \(already on the platform\): type "[a-z-]+" is not in vocabularies\.yml/);
  });
});

describe('content pack zip files', () => {
  const zip = (entries: Record<string, string | Uint8Array>) => zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));
  const refused = (data: Uint8Array, pattern: RegExp) => assert.throws(() => zipToFiles(data), (e: Error) => e instanceof ContentError && pattern.test(e.message));

  test('a zip of the pack, or of its folder, gives its files; what an operating system adds is skipped', () => {
    assert.deepEqual(zipToFiles(packToZip(exported)), exported);
    const files = zipToFiles(zip({ 'intve-content/vocabularies.yml': 'types: {}', 'intve-content/pages/a.en.md': 'x', '__MACOSX/intve-content/._a.en.md': 'junk', 'intve-content/.DS_Store': 'junk' }));
    assert.deepEqual([...files.keys()], ['vocabularies.yml', 'pages/a.en.md']);
  });

  test('refuses paths out of the pack, files that are not text of the pack, and what is not a zip', () => {
    refused(zip({ '../evil.md': 'x' }), /"\.\.\/evil\.md" points outside the pack/);
    refused(zip({ 'pages/../../evil.md': 'x' }), /points outside the pack/);
    refused(zip({ '/etc/evil.md': 'x' }), /points outside the pack/);
    refused(zip({ 'C:/evil.md': 'x' }), /points outside the pack/);
    refused(zip({ 'resources\\evil.en.md': 'x' }), /points outside the pack/);
    refused(zip({ 'images/logo.png': 'x' }), /"images\/logo\.png" is not a Markdown \(\.md\) or vocabularies \(\.yml\) file/);
    refused(zip({ 'vocabularies.yml': new Uint8Array([0xe9, 0x41]) }), /"vocabularies\.yml" is not UTF-8 text/);
    refused(strToU8('not a zip at all'), /empty or not a zip file/);
  });

  test('refuses more than 5,000 entries and more than 50 MB unpacked, even when the zip lies', () => {
    const many: Record<string, string> = {};
    for (let i = 0; i <= ZIP_LIMITS.entries; i++) many[`resources/r${i}.en.md`] = 'x';
    refused(zip(many), /more than 5000 entries/);
    refused(zip({ 'resources/big.en.md': new Uint8Array(ZIP_LIMITS.bytes + 1) }), /unpacks to more than 50 MB/);
    // An entry that says it is 100 bytes and inflates to a megabyte.
    const liar = zip({ 'resources/liar.en.md': new Uint8Array(1024 * 1024) });
    new DataView(liar.buffer).setUint32(22, 100, true);
    refused(liar, /"resources\/liar\.en\.md" unpacks to more than the size it declares/);
  });
});

describe('loading content edited in the back office', () => {
  test('start-up leaves an item with a revision alone, says so once, and loads it again once it has none', async () => {
    const t = await testDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'intve-content-'));
    try {
      cpSync('content', dir, { recursive: true });
      const search = createSearch(t.database);
      await loadContent(t.database, search, dir);
      const { id } = await user(t, { email: 'owner@pack.example', name: 'Olga Owner', role: 'editor' });
      const ene = (await readItem(t.database.db, 'spotlight', 'ene'))!;
      await addRevision(t.database.db, 'spotlight', ene.id, (await findUserById(t.database.db, id))!, 'saved', { item: ene.item, published: true });

      const file = join(dir, 'spotlight/ene.en.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/\n---\n[\s\S]*$/, '\n---\nA description from the files.\n'));
      const warnings: string[] = [];
      const warn = (m: string) => warnings.push(m);
      const first = await loadContent(t.database, search, dir, { warn });
      assert.deepEqual([first.loaded, first.skipped], [0, ['spotlight/ene']]);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /spotlight\/ene .*back office.*content:import/);
      assert.equal((await readItem(t.database.db, 'spotlight', 'ene'))!.item.body, ene.item.body);
      const second = await loadContent(t.database, search, dir, { warn });
      assert.deepEqual([second.loaded, second.skipped, warnings.length], [0, [], 1], 'the same files are not reported twice');

      await t.database.db.deleteFrom('revisions').execute();
      writeFileSync(file, readFileSync(file, 'utf8').replace(/\n---\n[\s\S]*$/, '\n---\nAnother description from the files.\n'));
      const third = await loadContent(t.database, search, dir, { warn });
      assert.deepEqual([third.loaded, third.skipped], [1, []]);
      assert.equal((await readItem(t.database.db, 'spotlight', 'ene'))!.item.body, 'Another description from the files.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await t.close();
    }
  });
});
