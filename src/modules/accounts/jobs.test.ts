import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { engine, runJobs, testApp, type TestApp } from '../../../test/helpers/app.ts';
import { user } from '../../../test/factories/index.ts';
import { PURGE_CRON, PURGE_JOB } from './jobs.ts';
import { getSession, saveToken, setSession } from './repository.ts';

// The hourly purge of expired sign-ins, links and rate-limit counters, a recurring job on the queue.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

describe(`the purge of expired sign-ins (${engine})`, () => {
  test('expired sessions, links and counters go when the purge runs; live ones stay', async () => {
    const person = await user(t);
    const db = t.database.db;
    const hour = 3_600_000;
    await setSession(db, 'expired-session', '{}', person.id, new Date(Date.now() - hour));
    await setSession(db, 'live-session', '{}', person.id, new Date(Date.now() + hour));
    await saveToken(db, { hash: 'expired-link', userId: person.id, purpose: 'reset', expiresAt: new Date(Date.now() - hour) });
    await saveToken(db, { hash: 'live-link', userId: person.id, purpose: 'confirm', expiresAt: new Date(Date.now() + hour) });
    await db
      .insertInto('rate_limits')
      .values({ key: 'old-counter', hits: 3, reset_at: Date.now() - hour })
      .execute();

    assert.ok(await t.jobs.enqueue(PURGE_JOB, {}));
    assert.equal(await t.jobs.enqueue(PURGE_JOB, {}), null, 'a purge already waiting is not queued twice');
    assert.equal(await runJobs(t), 1);

    const sessions = await db.selectFrom('sessions').select('id').where('user_id', '=', person.id).execute();
    assert.deepEqual(
      sessions.map((s) => s.id),
      ['live-session'],
    );
    assert.ok(await getSession(db, 'live-session'));
    const links = await db.selectFrom('account_tokens').select('hash').where('user_id', '=', person.id).execute();
    assert.deepEqual(
      links.map((l) => l.hash),
      ['live-link'],
    );
    assert.equal(await db.selectFrom('rate_limits').select('key').where('key', '=', 'old-counter').executeTakeFirst(), undefined);
  });

  test(
    'on PostgreSQL the purge is scheduled in pg-boss, every hour, whichever instance sends it',
    { skip: engine === 'postgres' ? false : 'PostgreSQL only (SQLite keeps the schedule in its worker: platform/jobs/jobs.test.ts)' },
    async () => {
      const { rows } = await sql<{
        name: string;
        cron: string;
        timezone: string;
      }>`select name, cron, timezone from pgboss.schedule where name = ${PURGE_JOB}`.execute(t.database.db);
      assert.deepEqual(rows, [{ name: PURGE_JOB, cron: PURGE_CRON, timezone: 'UTC' }]);
    },
  );
});
