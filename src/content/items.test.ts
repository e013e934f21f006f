import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDatabase, type TestDatabase } from '../../test/helpers/app.ts';
import { readAllItems, readItem, readVocabularies } from './items.ts';
import { readContentPack, type Item } from './pack.ts';

// The database read back into the pack format gives what the files said: the basis of export,
// revisions and the back office's comparisons.

/** A resource's lists (themes, stations…) have no order of their own in the database: they come back sorted. */
function canonical(item: Item): Omit<Item, 'hash'> {
  const { hash: _hash, ...rest } = item;
  if (item.kind !== 'resource') return rest;
  const f = item.fields as Item<'resource'>['fields'];
  return { ...rest, fields: { ...f, themes: [...f.themes].sort(), sectors: [...f.sectors].sort(), countries: [...f.countries].sort(), languages: [...f.languages].sort(), stations: [...f.stations].sort(), packages: [...f.packages].sort() } };
}

describe('reading content back in the pack format', () => {
  let t: TestDatabase;
  before(async () => {
    t = await testDatabase({ starterContent: true });
  });
  after(() => t.close());

  test('every starter item comes back as its files describe it', async () => {
    const pack = await readContentPack('content');
    const stored = await readAllItems(t.database.db);
    assert.equal(stored.length, pack.items.length);
    for (const item of pack.items) {
      const back = stored.find((s) => s.item.key === item.key);
      assert.ok(back, item.key);
      assert.deepEqual(canonical(back.item), canonical(item), item.key);
      assert.equal(back.published, true);
    }
  });

  test('the vocabularies come back with their labels in order', async () => {
    const pack = await readContentPack('content');
    const vocab = await readVocabularies(t.database.db);
    assert.deepEqual(vocab, pack.vocabularies);
    assert.deepEqual(Object.keys(vocab.themes), Object.keys(pack.vocabularies.themes));
  });

  test('an unknown slug is null', async () => {
    assert.equal(await readItem(t.database.db, 'station', 'no-such-station'), null);
  });
});
