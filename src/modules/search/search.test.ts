import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { addressOf } from '../../db/database.ts';
import { engine, testDatabase, testApp, type TestApp, type TestDatabase } from '../../../test/helpers/app.ts';
import { createSearch, createSearchEngine, type SearchProvider } from './index.ts';
import { analyse, fold } from './analyse.ts';
import { searchThread, type SearchThread } from './thread/client.ts';

// The same expectations for every provider: the in-memory index and the database's own, on
// SQLite by default and on PostgreSQL when DATABASE_URL names one.

// 'memory, worker': the in-memory index built in a worker thread (platform/offthread), as a large library's is.
// 'search thread': the provider the server uses by default, which asks the search thread (search/thread).
for (const kind of ['memory', 'memory, worker', 'search thread', 'database'] as const)
  describe(`full-text search provider (${kind}, ${engine})`, () => {
    const threads: SearchThread[] = [];
    after(() => Promise.all(threads.map((th) => th.close())));
    const memory = (): SearchProvider => {
      if (kind !== 'search thread')
        return createSearchEngine(t.database, { engine: 'memory', contentVersion: () => 'v', workerFrom: kind === 'memory' ? null : 0 });
      const th = searchThread(t.database, addressOf(t.database)!, { contentVersion: () => 'v', workerFrom: null, log: (_, m) => assert.fail(m) });
      threads.push(th);
      return th.search;
    };
    let t: TestDatabase;
    let search: SearchProvider;
    before(async () => {
      t = await testDatabase();
      search = kind === 'database' ? createSearch(t.database) : memory();
      await search.index([
        {
          kind: 'station',
          ref: 'station:a:',
          lang: 'en',
          title: 'Building partnerships',
          body: 'Companies and schools work together in regional skills ecosystems.',
          path: '/a',
        },
        {
          kind: 'station',
          ref: 'station:a:',
          lang: 'fr',
          title: 'Construire des partenariats',
          body: 'Les entreprises et les écoles coopèrent dans des écosystèmes régionaux.',
          path: '/a',
        },
        { kind: 'resource', ref: 'resource:b:', lang: 'en', title: 'Tracer studies guide', body: 'How to follow graduates after training.', path: '/b' },
        {
          kind: 'action',
          ref: 'station:a:action:1:1',
          lang: 'en',
          title: 'Organise study visits',
          body: 'Innovation hubs and field labs.',
          path: '/a#actions-1',
        },
        { kind: 'resource', ref: 'resource:c:', lang: 'ar', title: 'دليل الشراكات', body: 'الشراكات مع الشركات في التعليم المهني', path: '/c' },
        { kind: 'resource', ref: 'resource:c:', lang: 'en', title: 'Partnership guide', body: 'Working with companies in vocational education.', path: '/c' },
      ]);
    });
    after(() => t.close());

    test('finds word forms: "partnership" matches "partnerships"', async () => {
      const { hits } = await search.search({ text: 'partnership', lang: 'en', limit: 10, offset: 0 });
      assert.deepEqual(hits.map((h) => h.ref).sort(), ['resource:c:', 'station:a:']);
    });

    test('every word must match', async () => {
      const { hits } = await search.search({ text: 'tracer graduates', lang: 'en', limit: 10, offset: 0 });
      assert.deepEqual(
        hits.map((h) => h.ref),
        ['resource:b:'],
      );
      assert.equal((await search.search({ text: 'tracer partnerships', lang: 'en', limit: 10, offset: 0 })).total, 0);
    });

    test('French search folds accents and stems French words', async () => {
      for (const text of ['écosystème', 'ecosystemes', 'partenariat']) {
        const { hits } = await search.search({ text, lang: 'fr', limit: 10, offset: 0 });
        assert.deepEqual(
          hits.map((h) => [h.ref, h.lang]),
          [['station:a:', 'fr']],
          text,
        );
      }
    });

    test('a reader in French also finds items that exist only in English, each item once', async () => {
      const { hits, total } = await search.search({ text: 'tracer', lang: 'fr', limit: 10, offset: 0 });
      assert.equal(total, 1);
      assert.equal(hits[0]!.lang, 'en');
      const both = await search.search({ text: 'partnerships', lang: 'fr', limit: 10, offset: 0 });
      assert.equal(new Set(both.hits.map((h) => h.ref)).size, both.hits.length);
    });

    test('Arabic search matches another form of the same word (singular "الشراكة" finds plural "الشراكات")', async () => {
      for (const text of ['الشراكة', 'مهنية']) {
        const { hits } = await search.search({ text, lang: 'ar', limit: 10, offset: 0 });
        assert.deepEqual(
          hits.map((h) => [h.ref, h.lang]),
          [['resource:c:', 'ar']],
          text,
        );
      }
    });

    test('a title match ranks above a body match', async () => {
      await search.index([{ kind: 'resource', ref: 'resource:d:', lang: 'en', title: 'Regional roundtables', body: 'Visits to hubs.', path: '/d' }]);
      const { hits } = await search.search({ text: 'hubs', lang: 'en', limit: 10, offset: 0 });
      assert.ok(hits.length >= 2);
      const { hits: titled } = await search.search({ text: 'visits', lang: 'en', limit: 10, offset: 0 });
      assert.equal(titled[0]!.ref, 'station:a:action:1:1');
    });

    test('kinds narrow the search and paging reports the full total', async () => {
      const { hits } = await search.search({ text: 'partnerships', lang: 'en', kinds: ['resource'], limit: 10, offset: 0 });
      assert.deepEqual(
        hits.map((h) => h.ref),
        ['resource:c:'],
      );
      const page2 = await search.search({ text: 'partnerships', lang: 'en', limit: 1, offset: 1 });
      assert.equal(page2.hits.length, 1);
      assert.equal(page2.total, 2);
    });

    test('stop words alone find nothing rather than everything', async () => {
      assert.equal((await search.search({ text: 'the and of', lang: 'en', limit: 10, offset: 0 })).total, 0);
    });

    test('re-indexing replaces a document and removing takes it out', async () => {
      await search.index([{ kind: 'resource', ref: 'resource:b:', lang: 'en', title: 'Graduate surveys', body: 'Follow-up of alumni.', path: '/b' }]);
      assert.equal((await search.search({ text: 'tracer', lang: 'en', limit: 10, offset: 0 })).total, 0);
      assert.equal((await search.search({ text: 'alumni', lang: 'en', limit: 10, offset: 0 })).total, 1);
      await search.remove(['resource:b:']);
      assert.equal((await search.search({ text: 'alumni', lang: 'en', limit: 10, offset: 0 })).total, 0);
    });

    test('rebuilding the index from the stored documents (as a restore does) finds and ranks as before', async () => {
      const queries = [
        { text: 'partnership', lang: 'en' as const },
        { text: 'écoles', lang: 'fr' as const },
        { text: 'study visits', lang: 'en' as const },
        // the plural without the article finds "الشراكات" only through the Arabic normalisation
        { text: 'شراكات', lang: 'ar' as const },
      ];
      const results = () => Promise.all(queries.map((q) => search.search({ ...q, limit: 10, offset: 0 })));
      const found = await results();
      assert.ok(found.every((r) => r.total > 0));
      // What a restore starts from: the documents without the engine's index.
      if (kind === 'database') {
        if (engine === 'postgres') await sql`update search_documents set tsv = ''::tsvector`.execute(t.database.db);
        else await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(t.database.db);
        assert.ok((await results()).every((r) => r.total === 0));
      }
      assert.ok((await search.rebuild()) > 0);
      assert.deepEqual(await results(), found);
      // Another instance builds its own index from the same rows and answers the same.
      if (kind !== 'database') {
        const other = memory();
        assert.deepEqual(await Promise.all(queries.map((q) => other.search({ ...q, limit: 10, offset: 0 }))), found);
      }
    });

    test('query syntax characters are treated as plain text', async () => {
      for (const text of ['"partner', 'partner*', 'a OR b', 'NEAR(x y)', "'; drop table x; --", '(((']) {
        await search.search({ text, lang: 'en', limit: 10, offset: 0 });
      }
    });
  });

describe('text analysis', () => {
  test('folds accents, case, tashkeel and tatweel', () => {
    assert.equal(fold('Éducation'), 'education');
    assert.equal(fold('عَرَبِيّـة'), 'عربية');
  });
  test('drops stop words and stems in the given language', () => {
    assert.deepEqual(analyse('The partnerships with companies', 'en'), ['partnership', 'compani']);
    assert.deepEqual(analyse('Les partenariats', 'fr'), ['partenariat']);
  });
});

describe(`site search page (${engine})`, () => {
  let app: TestApp;
  before(async () => {
    app = await testApp();
  });
  after(() => app.close());

  test('finds stations, actions, case studies and resources', async () => {
    const res = await app.get('/en/search?q=hackathons');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /class="kicker">Action</);
    assert.match(res.body, /href="\/en\/packages\/2\/stations\/3#actions-\d"/);
    assert.match(res.body, /<mark>/);
    const cases = await app.get('/en/search?q=tourism');
    assert.match(cases.body, /href="\/en\/case-studies\/tourx"/);
  });

  test('an empty result explains what to try next, and the page is not indexed', async () => {
    const res = await app.get('/en/search?q=qqqzzz');
    assert.match(res.body, /class="empty-state"/);
    assert.match(res.body, /<meta name="robots" content="noindex">/);
  });

  test('the query is escaped where it is shown', async () => {
    const res = await app.get(`/en/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.match(res.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });
});
