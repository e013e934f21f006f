import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engine, testDatabase, type TestDatabase } from '../../../../test/helpers/app.ts';
import { upsertResource } from '../../../content/repository/writes.ts';
import { createSearch, rebuildSearchIndex, type SearchDocument } from '../index.ts';
import { memorySearch, type MemorySearch } from './memory.ts';

// Two instances on one database, each with its own in-memory index: what one writes, or what
// changes behind both of them (a cascade, a restore), reaches the other through the change log.

const resourceDoc = (slug: string, title: string, body: string, resourceId: number | null = null): SearchDocument => ({
  kind: 'resource',
  ref: `resource:${slug}:`,
  lang: 'en',
  title,
  body,
  path: `/library/${slug}`,
  resourceId,
});

describe(`in-memory search kept current across instances (${engine})`, () => {
  let t: TestDatabase;
  let clock = Date.now();
  let version = 'one';
  let a: MemorySearch;
  let b: MemorySearch;
  const found = async (s: MemorySearch, text: string) => (await s.search({ text, lang: 'en', limit: 10, offset: 0 })).hits.map((h) => h.ref);

  before(async () => {
    t = await testDatabase();
    const instance = () => memorySearch(t.database.db, createSearch(t.database), { contentVersion: () => version, now: () => clock });
    a = instance();
    b = instance();
    await a.index([resourceDoc('alpha', 'Alpha guide', 'Apprenticeships in hospitality')]);
    await b.warm();
  });
  after(() => t.close());

  test('what one instance writes, the other finds once the content version moves', async () => {
    await a.index([resourceDoc('beta', 'Beta toolkit', 'Apprenticeships in logistics')]);
    assert.deepEqual(await found(a, 'logistics'), ['resource:beta:']);
    assert.deepEqual(await found(b, 'logistics'), [], 'same version, nothing read yet');
    version = 'two';
    assert.deepEqual(await found(b, 'logistics'), ['resource:beta:']);
  });

  test('without a new version, the other instance catches up within a second, in the background', async () => {
    await a.index([resourceDoc('gamma', 'Gamma charter', 'Mobility of teachers')]);
    assert.deepEqual(await found(b, 'mobility'), [], 'checked less than a second ago');
    clock += 1500;
    // This search starts the check and answers from the index as it was; the next sees the change.
    await found(b, 'mobility');
    await b.refresh();
    assert.deepEqual(await found(b, 'mobility'), ['resource:gamma:']);
  });

  test('a change committed late under an earlier log number is still applied', async () => {
    // What a slow transaction on PostgreSQL leaves: b reads a later entry before an earlier one commits.
    await b.refresh();
    const logged = async (doc: SearchDocument) => {
      await createSearch(t.database).index([doc]);
      const row = await t.database.db.selectFrom('search_documents').select('id').where('ref', '=', doc.ref).executeTakeFirstOrThrow();
      return t.database.db.selectFrom('search_log').selectAll().where('doc_id', '=', row.id).executeTakeFirstOrThrow();
    };
    const slow = await logged(resourceDoc('delta', 'Delta handbook', 'Greenhouse horticulture'));
    await logged(resourceDoc('delta2', 'Delta atlas', 'Orchards'));
    await t.database.db.deleteFrom('search_log').where('seq', '=', slow.seq).execute();
    version = 'three';
    assert.deepEqual(await found(b, 'orchards'), ['resource:delta2:']);
    assert.deepEqual(await found(b, 'horticulture'), [], 'not committed yet');
    await t.database.db.insertInto('search_log').values(slow).execute();
    version = 'three, later';
    assert.deepEqual(await found(b, 'horticulture'), ['resource:delta:']);
  });

  test('after a bulk write, each log entry is read once, not again on every look', async () => {
    await b.refresh();
    const docs = Array.from({ length: 300 }, (_, i) => resourceDoc(`bulk-${i}`, `Bulk ${i}`, i === 0 ? 'Sericulture' : 'Filler'));
    await createSearch(t.database).index(docs);
    const read = b.logEntriesRead;
    version = 'bulk';
    assert.deepEqual(await found(b, 'sericulture'), ['resource:bulk-0:']);
    assert.equal(b.logEntriesRead - read, 300);
    for (let i = 0; i < 3; i++) {
      clock += 1500;
      await b.refresh();
    }
    assert.equal(b.logEntriesRead - read, 300, 'nothing read again within the late window');
    await t.database.db.deleteFrom('search_documents').where('ref', 'like', 'resource:bulk-%').execute();
  });

  test('a resource deleted in the database leaves both indexes through the cascade', async () => {
    const id = await upsertResource(t.database.db, {
      slug: 'epsilon',
      type: 'guideline',
      source: 'Test',
      link: null,
      year: 2026,
      translations: [{ lang: 'en', title: 'Epsilon', description: 'Aquaculture' }],
      themes: [],
      sectors: [],
      countries: [],
      languages: ['en'],
      stations: [],
      packages: [],
    });
    await a.index([resourceDoc('epsilon', 'Epsilon', 'Aquaculture', id)]);
    version = 'four';
    assert.deepEqual(await found(b, 'aquaculture'), ['resource:epsilon:']);
    await t.database.db.deleteFrom('resources').where('id', '=', id).execute();
    version = 'five';
    assert.deepEqual(await found(a, 'aquaculture'), []);
    assert.deepEqual(await found(b, 'aquaculture'), []);
  });

  test('after a restore rebuilds the search index, every instance starts again from the stored documents', async () => {
    // What a restore leaves: the same ids may now hold other documents.
    await t.database.db.updateTable('search_documents').set({ title: 'Zeta atlas', body: 'Viticulture' }).where('ref', '=', 'resource:alpha:').execute();
    const builds = b.builds;
    await rebuildSearchIndex(t.database.db, t.database.dialect);
    version = 'six';
    assert.deepEqual(await found(b, 'viticulture'), ['resource:alpha:']);
    assert.deepEqual(await found(b, 'hospitality'), []);
    assert.equal(b.builds, builds + 1);
    // The "rebuilt" entry is in the index already.
    await b.refresh();
    await b.refresh();
    assert.equal(b.builds, builds + 1);
  });

  test('the log forgets entries after a day; an index kept current does not need them', async () => {
    const before = await t.database.db.selectFrom('search_log').select('seq').execute();
    await t.database.db
      .updateTable('search_log')
      .set({ at: new Date(clock - 2 * 24 * 3600_000).toISOString() })
      .execute();
    await a.index([resourceDoc('eta', 'Eta notes', 'Beekeeping')]);
    const left = await t.database.db.selectFrom('search_log').select('seq').execute();
    assert.ok(before.length > 1);
    assert.equal(left.length, 1, 'only the new entry is left');
    version = 'seven';
    assert.deepEqual(await found(b, 'beekeeping'), ['resource:eta:']);
  });
});
