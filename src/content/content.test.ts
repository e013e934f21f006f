import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testDatabase, type TestDatabase } from '../../test/helpers/app.ts';
import { createSearch } from '../modules/search/index.ts';
import { loadContent } from './load.ts';
import { ContentError, readContentPack, type Item } from './pack.ts';

describe('the starter content pack', () => {
  test('has both packages with six checklist points and three stations each', async () => {
    const pack = await readContentPack('content');
    const packages = pack.items.filter((i): i is Item<'package'> => i.kind === 'package');
    assert.deepEqual(packages.map((p) => p.fields.number).sort(), [1, 2]);
    for (const p of packages) assert.equal(p.fields.checklist.length, 6);
    const stations = pack.items.filter((i): i is Item<'station'> => i.kind === 'station');
    assert.equal(stations.length, 6);
    for (const s of stations) {
      assert.ok(s.fields.challenges.length >= 3, s.key);
      assert.ok(s.fields.actionGroups.length >= 4, s.key);
    }
  });

  test('keeps the exact names and sources of Package 2', async () => {
    const pack = await readContentPack('content');
    const resources = pack.items.filter((i): i is Item<'resource'> => i.kind === 'resource');
    const find = (title: string) => resources.find((r) => r.fields.title === title);
    assert.equal(find('Skills ecosystem management toolkit')?.fields.source, 'European Training Foundation');
    assert.equal(find('MOOC for WISEs sector')?.fields.source, 'B-WISE project (Blueprint)');
    assert.equal(find('Online Platform of Vocational Education - Water')?.fields.source, 'POVE Water COVE');
    const p2s3 = pack.items.find((i) => i.key === 'stations/package-2-station-3') as Item<'station'>;
    assert.ok(p2s3.fields.actionGroups.some((g) => g.actions.includes('Organise master classes on emerging trends, delivered by industry professionals.')));
    assert.equal(pack.items.filter((i) => i.kind === 'case-study').length, 4);
    assert.equal(pack.items.filter((i) => i.kind === 'spotlight').length, 5);
  });
});

describe('loading content', () => {
  let t: TestDatabase;
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  test('loads everything the first time and nothing the second time', async () => {
    const search = createSearch(t.database);
    const first = await loadContent(t.database, search, 'content');
    assert.ok(first.loaded > 40);
    const versionBefore = await t.database.db.selectFrom('content_meta').select('value').executeTakeFirstOrThrow();
    const second = await loadContent(t.database, search, 'content');
    assert.equal(second.loaded, 0);
    const versionAfter = await t.database.db.selectFrom('content_meta').select('value').executeTakeFirstOrThrow();
    assert.equal(versionAfter.value, versionBefore.value);
    const { n } = await t.database.db.selectFrom('resources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n), (await readContentPack('content')).items.filter((i) => i.kind === 'resource').length);
  });

  test('a changed file reloads that item only and bumps the content version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intve-content-'));
    try {
      cpSync('content', dir, { recursive: true });
      const search = createSearch(t.database);
      await loadContent(t.database, search, dir);
      const file = join(dir, 'spotlight/ene.en.md');
      const { readFileSync } = await import('node:fs');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/\n---\n[\s\S]*$/, '\n---\nA new description of the network.\n'));
      const result = await loadContent(t.database, search, dir);
      assert.equal(result.loaded, 1);
      const row = await t.database.db.selectFrom('spotlight_translations').select('description').where('lang', '=', 'en').where('item_id', '=', (eb) => eb.selectFrom('spotlight_items').select('id').where('slug', '=', 'ene')).executeTakeFirstOrThrow();
      assert.equal(row.description, 'A new description of the network.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a broken content pack', () => {
  const broken = async (file: string, text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'intve-content-'));
    cpSync('content', dir, { recursive: true });
    writeFileSync(join(dir, file), text);
    try {
      await readContentPack(dir);
      return null;
    } catch (error) {
      return error as Error;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  test('names the file and the field that is wrong', async () => {
    const e = await broken('resources/bad.en.md', '---\nslug: bad\ntitle: Bad\ntype: toolkit\nsource: X\nyear: twenty\n---\nText');
    assert.ok(e instanceof ContentError);
    assert.match(e.message, /resources\/bad\.en\.md: year:/);
  });

  test('refuses references to things that do not exist', async () => {
    const e = await broken('resources/bad.en.md', '---\nslug: bad\ntitle: Bad\ntype: toolkit\nsource: X\nstations: [package-9-station-1]\n---\nText');
    assert.match(e?.message ?? '', /station "package-9-station-1" does not exist/);
    const v = await broken('resources/bad.en.md', '---\nslug: bad\ntitle: Bad\ntype: leaflet\nsource: X\n---\nText');
    assert.match(v?.message ?? '', /type "leaflet" is not in vocabularies.yml/);
  });

  test('refuses a file with a control character, naming the file and the line (PostgreSQL refuses NUL in text)', async () => {
    const e = await broken('resources/bad.en.md', '---\nslug: bad\ntitle: "Bad\0 title"\ntype: toolkit\nsource: X\n---\nText');
    assert.ok(e instanceof ContentError);
    assert.match(e.message, /resources\/bad\.en\.md: line 3: a control character \(U\+0000\)/);
    const escaped = await broken('resources/bad.en.md', '---\nslug: bad\ntitle: "Bad\\0 title"\ntype: toolkit\nsource: X\n---\nText');
    assert.match(escaped?.message ?? '', /resources\/bad\.en\.md: title: a control character \(U\+0000\)/, 'written as a YAML escape');
    assert.equal(await broken('resources/fine.en.md', '---\nslug: fine\ntitle: Fine\ntype: toolkit\nsource: X\n---\nTabs\tand\r\nlines'), null);
  });

  test('refuses a translation without its English original, and a file without front matter', async () => {
    assert.match((await broken('resources/orphan.fr.md', '---\ntitle: Orphelin\n---\n'))?.message ?? '', /has no English file/);
    assert.match((await broken('resources/plain.en.md', 'Just text'))?.message ?? '', /front matter/);
  });
});
