import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { postgresUrl, testDatabase, type TestDatabase } from '../../../test/helpers/app.ts';
import { openDatabase, type Database } from '../../db/database.ts';
import { bumpContentVersion } from './repository.ts';
import { contentState } from './content-state.ts';

// The content version every page cache keys on: seen at once by the instance that changed it,
// and on PostgreSQL by every other instance too, through LISTEN/NOTIFY.

/** Waits for a condition, checking every 10 ms, for at most `ms`. */
async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) if (check()) return true;
  return check();
}

describe('the content version', () => {
  let t: TestDatabase;
  before(async () => {
    t = await testDatabase();
  });
  after(() => t.close());

  test('refresh reads a new version at once; without polling nothing else changes it on SQLite', async () => {
    const state = await contentState(t.database.db, 0);
    const before = state.version();
    const next = await bumpContentVersion(t.database.db);
    assert.equal(state.version(), before, 'no polling, no notification: the old version stays until refreshed');
    if (!postgresUrl) assert.equal(await state.refresh(), next);
    await state.stop();
  });

  test(
    'on PostgreSQL, another instance learns of a new version without polling',
    { skip: postgresUrl ? false : 'PostgreSQL only (SQLite runs in one process)' },
    async () => {
      const other: Database = openDatabase(t.url, { poolSize: 1 });
      const state = await contentState(other.db, 0, other.listen);
      try {
        const next = await bumpContentVersion(t.database.db);
        assert.ok(await eventually(() => state.version() === next), `expected ${next}, still ${state.version()}`);
        const again = await bumpContentVersion(t.database.db);
        assert.ok(await eventually(() => state.version() === again));
      } finally {
        await state.stop();
        await other.close();
      }
    },
  );
});
