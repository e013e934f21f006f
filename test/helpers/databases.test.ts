import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrate } from '../../src/db/migrate.ts';
import { createSearch } from '../../src/modules/search/index.ts';
import { user } from '../factories/people.ts';
import { engine, testDatabase, type TestDatabase } from './app.ts';
import { TEMPLATE_ENV } from './databases.ts';

// A test's database is a copy of the run's template (or, for a file run on its own, built for
// it): it must behave as one migrated and loaded in place.

describe(`a test database with the starter content (${engine}, ${process.env[TEMPLATE_ENV] ? 'copied from the template' : 'built for this file'})`, () => {
  let t: TestDatabase;
  before(async () => {
    t = await testDatabase({ starterContent: true });
  });
  after(() => t.close());

  test('the migrations have all run: migrating again does nothing', async () => {
    assert.deepEqual(await migrate(t.database), []);
  });

  test('new rows get ids after the copied ones', async () => {
    const last = await t.database.db.selectFrom('resources').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const { id } = await t.database.db
      .insertInto('resources')
      .values({
        slug: 'after-the-copy',
        type: 'toolkit',
        source: 'Test',
        link: null,
        year: null,
        published: 1,
        created_at: '2026-01-01',
        updated_at: '2026-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.ok(id > last.id, `${id} after ${last.id}`);
    assert.ok((await user(t)).id > 0);
  });

  test('search finds the starter content and folds accents (unaccent on PostgreSQL)', async () => {
    const search = createSearch(t.database);
    const accented = await search.search({ text: 'écosystèmes', lang: 'fr', limit: 5, offset: 0 });
    const plain = await search.search({ text: 'ecosystemes', lang: 'fr', limit: 5, offset: 0 });
    assert.ok(accented.total > 0);
    assert.equal(plain.total, accented.total);
  });

  test('each test gets a database of its own', async () => {
    const other = await testDatabase({ starterContent: true });
    try {
      assert.notEqual(other.url, t.url);
      await other.database.db.deleteFrom('search_documents').execute();
      assert.ok((await createSearch(t.database).search({ text: 'skills', lang: 'en', limit: 1, offset: 0 })).total > 0);
    } finally {
      await other.close();
    }
  });
});
