import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { unmigratedDatabase, type TestDatabase } from '../../../test/helpers/databases.ts';
import { oldRound } from '../../../test/helpers/migrations.ts';
import { migrate } from '../migrate.ts';

// Migration 0017 on a platform that already has certificates: each becomes valid for two years
// from its issue (the default period) and is listed on its centre's profile.

let t: TestDatabase;
before(async () => {
  t = await unmigratedDatabase();
  await migrate(t.database, { to: '0014_round_targets' });
});
after(() => t.close());

test('certificates issued before the change are valid two years from their issue and show on the profile', async () => {
  const db = t.database.db;
  const now = new Date().toISOString();
  const run = (q: ReturnType<typeof sql>) => q.execute(db);
  await oldRound(db, now);
  await run(sql`insert into certificates (code, centre_id, round_id, issued_at, summary) values ('K7QM3-XPA2B', 1, 1, '2025-03-14T09:30:00.000Z', '{}')`);

  await migrate(t.database);

  const rows = await db.selectFrom('certificates').select(['code', 'expires_at', 'on_profile']).execute();
  assert.deepEqual(
    rows.map((r) => [r.code, r.expires_at, Number(r.on_profile)]),
    [['K7QM3-XPA2B', '2027-03-14T09:30:00.000Z', 1]],
  );
});
