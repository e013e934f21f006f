import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engine, testDatabase, type TestDatabase } from '../../../../test/helpers/app.ts';
import { addressOf } from '../../../db/database.ts';
import { noFilters } from '../../library/service.ts';
import { searchThread } from './client.ts';

// The search thread's life: what its requests get when it cannot start or has been closed, and
// that a change written from the server's thread is found through it. (Its answers are tested
// with every provider's in search.test.ts, and page by page in library.test.ts.)

describe(`the search thread (${engine})`, () => {
  let t: TestDatabase;
  before(async () => {
    t = await testDatabase({ starterContent: true });
  });
  after(() => t.close());

  test('finds what the server thread writes, and counts facets as the e-library does', async () => {
    const logged: string[] = [];
    const th = searchThread(t.database, addressOf(t.database)!, { contentVersion: () => 'v1', workerFrom: null, log: (_, m) => logged.push(m) });
    try {
      const found = await th.lookup.find({ lang: 'en', q: 'partnership', filters: noFilters(), sort: 'relevance', offset: 0, limit: 5, withFacets: true });
      assert.ok(found.total > 0 && found.ids.length === 5);
      assert.ok(found.facets.type.length > 0 && found.facets.type.every((f) => f.count > 0));
      await th.search.index([{ kind: 'station', ref: 'station:zz:', lang: 'en', title: 'Quokka apprenticeships', body: 'A rare word.', path: '/zz' }]);
      const hits = await th.search.search({ text: 'quokka', lang: 'en', limit: 5, offset: 0 });
      assert.deepEqual(
        hits.hits.map((h) => h.ref),
        ['station:zz:'],
      );
      await th.search.remove(['station:zz:']);
      assert.equal((await th.search.search({ text: 'quokka', lang: 'en', limit: 5, offset: 0 })).total, 0);
      assert.deepEqual(logged, []);
    } finally {
      await th.close();
    }
  });

  test('a thread that cannot start fails its requests with a reason instead of leaving them waiting, and the next request tries again', async () => {
    const logged: string[] = [];
    // A file where its folder should be: the thread's database does not open and the thread ends.
    const th = searchThread(t.database, { url: 'sqlite:/etc/hostname/x.db' }, { contentVersion: () => 'v', workerFrom: null, log: (_, m) => logged.push(m) });
    try {
      await assert.rejects(th.search.search({ text: 'partnership', lang: 'en', limit: 5, offset: 0 }), /search thread ended before it answered/);
      await assert.rejects(th.lookup.warm(), /search thread ended before it answered/);
      assert.ok(logged.some((m) => /search thread (failed|ended)/.test(m)));
    } finally {
      await th.close();
    }
  });

  test('after close, requests are refused at once', async () => {
    const th = searchThread(t.database, addressOf(t.database)!, { contentVersion: () => 'v', workerFrom: null, log: () => undefined });
    await th.search.warm();
    await th.close();
    await assert.rejects(th.search.search({ text: 'partnership', lang: 'en', limit: 5, offset: 0 }), /search thread is closed/);
  });
});
