import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engine, testDatabase, type TestDatabase } from '../../../../test/helpers/app.ts';
import { addressOf, openDatabase } from '../../../db/database.ts';
import { migrate } from '../../../db/migrate.ts';
import { buildsRun, buildTask, inWorker, packArrays, runBuild, transferablesOf } from '../../../platform/offthread/offthread.ts';
import { documentCount } from '../repository/documents.ts';
import { buildSearchIndex, searchIndexTask, type BuiltIndex } from './build.ts';
import { SearchIndex } from './search-index.ts';

// Whole builds of the search index, here and in a worker thread (platform/offthread): the same
// index either way, and the choice between them.

describe(`building the search index (${engine})`, () => {
  let t: TestDatabase;
  before(async () => {
    t = await testDatabase({ starterContent: true });
  });
  after(() => t.close());

  test('a worker thread builds the same index as the main thread, and it answers the same', async () => {
    const here = await buildSearchIndex(t.database.db);
    const there = await inWorker<BuiltIndex>({ address: addressOf(t.database)!, module: searchIndexTask.module.href, name: searchIndexTask.name });
    assert.ok(here.state.parts.length >= 3, 'documents in several languages');
    assert.deepEqual(there, here);
    const [a, b] = [SearchIndex.from(here.state), SearchIndex.from(there.state)];
    assert.equal(b.documents, await documentCount(t.database.db));
    for (const [q, lang] of [
      ['partnership', 'en'],
      ['centres excellence', 'fr'],
      ['الشراكة', 'ar'],
      ['partnrship', 'en'],
    ] as const) {
      const found = b.search(q, lang, { offset: 0, limit: 20 });
      assert.ok(found && found.total > 0, q);
      assert.deepEqual(found, a.search(q, lang, { offset: 0, limit: 20 }));
    }
  });

  test('an index rebuilt from its state keeps taking changes: a document added, replaced and removed', async () => {
    const index = SearchIndex.from((await buildSearchIndex(t.database.db)).state);
    index.put({ id: 9_000_001, kind: 'resource', ref: 'resource:x', lang: 'en', title: 'Zebrafish husbandry', body: 'partnership with zebrafish farms' });
    assert.equal(index.search('zebrafish', 'en', { offset: 0, limit: 5 })?.total, 1);
    assert.ok(index.search('partnership zebrafish', 'en', { offset: 0, limit: 5 })!.total >= 1);
    index.put({ id: 9_000_001, kind: 'resource', ref: 'resource:x', lang: 'en', title: 'Aquaculture', body: 'fish farms' });
    assert.equal(index.search('zebrafish', 'en', { offset: 0, limit: 5 })?.total, 0);
    index.delete(9_000_001);
    index.tidy(true);
    assert.equal(index.search('aquaculture', 'en', { offset: 0, limit: 5 })?.total, 0);
    assert.ok(index.search('partnership', 'en', { offset: 0, limit: 5 })!.total > 0);
  });

  test('a build goes to a worker thread only from `workerFrom` rows, and runs here when the worker fails', async () => {
    const count = documentCount;
    const before = { ...buildsRun };
    // A task the worker cannot find: trying it there fails, and it runs here instead.
    const missing = buildTask(searchIndexTask.module, 'noSuchFunction', buildSearchIndex);
    const failures: Error[] = [];
    const built = await runBuild(t.database, missing, { workerFrom: 0, count, onFallback: (e) => failures.push(e) });
    assert.equal(failures.length, 1);
    assert.match(failures[0]!.message, /has no function noSuchFunction/);
    assert.ok(built.state.parts.length > 0);
    // Fewer rows than workerFrom, or never: the worker is not tried at all.
    await runBuild(t.database, missing, { workerFrom: 1_000_000, count, onFallback: (e) => failures.push(e) });
    await runBuild(t.database, missing, { workerFrom: null, count, onFallback: (e) => failures.push(e) });
    assert.equal(failures.length, 1);
    await runBuild(t.database, searchIndexTask, { workerFrom: 0, count, onFallback: (e) => failures.push(e) });
    assert.equal(failures.length, 1);
    assert.deepEqual(
      { worker: buildsRun.worker - before.worker, inline: buildsRun.inline - before.inline, fallback: buildsRun.fallback - before.fallback },
      { worker: 1, inline: 2, fallback: 1 },
    );
  });

  test("the task's name is the function it runs (the worker finds it by name)", async () => {
    const mod = (await import(searchIndexTask.module.href)) as Record<string, unknown>;
    assert.equal(mod[searchIndexTask.name], searchIndexTask.run);
  });
});

test('an in-memory SQLite database builds in the main thread: a worker could not see it', async () => {
  const database = openDatabase('sqlite::memory:');
  try {
    await migrate(database);
    assert.equal(database.url, undefined);
    const failures: Error[] = [];
    const before = buildsRun.inline;
    const built = await runBuild(database, searchIndexTask, { workerFrom: 0, count: documentCount, onFallback: (e) => failures.push(e) });
    assert.deepEqual([failures.length, buildsRun.inline - before, built.state.parts.length], [0, 1, 0]);
  } finally {
    await database.close();
  }
});

test('transferablesOf lists each buffer once, in objects, arrays and maps', () => {
  const shared = new Int32Array(8);
  const other = new Float32Array(2);
  const value = { a: shared.subarray(0, 4), b: [shared.subarray(4), { c: other }], m: new Map([['k', new Uint8Array(3)]]), s: 'text', n: 1 };
  const buffers = transferablesOf(value);
  assert.equal(buffers.length, 3);
  assert.ok(buffers.includes(shared.buffer) && buffers.includes(other.buffer));
});

test('packArrays copies every typed array into one buffer, keeping values, kinds and shared arrays', () => {
  const shared = Int32Array.from([1, 2, 3]);
  const value = { a: shared, b: [Float32Array.from([0.5, 1.5]), { c: Uint8Array.from([7]) }], m: new Map([['x', shared]]), s: 'text', n: 4 };
  const packed = packArrays(value);
  assert.deepEqual(packed, value);
  assert.equal(packed.m.get('x'), packed.a, 'an array met twice stays one');
  assert.equal(transferablesOf(packed).length, 1);
  assert.ok(packed.b[0] instanceof Float32Array && packed.a.byteOffset % 8 === 0 && (packed.b[0] as Float32Array).byteOffset % 8 === 0);
  packed.a[0] = 9;
  assert.equal(shared[0], 1, 'a copy, not the original');
});
