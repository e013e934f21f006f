import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { z } from 'zod';
import { engine, testDatabase, type TestDatabase } from '../../../test/helpers/app.ts';
import { openDatabase, type Database } from '../../db/database.ts';
import { backoffFactor, retryWaitSeconds } from './backoff.ts';
import { createJobQueue, type JobDefinition, type JobQueue, type JobQueueOptions } from './queue.ts';
import { sqliteJobStore } from './repository/sqlite.ts';

// The job queue on the engine under test (SQLite, or PostgreSQL with DATABASE_URL): the same
// definitions, retries and guarantees on both. The worker is started only where a test needs it;
// the others run due jobs with runDue(), so nothing here waits on a clock.

const quiet = { warn: () => undefined, error: () => undefined };

let t: TestDatabase;
before(async () => {
  t = await testDatabase();
});
after(() => t.close());

/** A definition that records what it ran, and fails while `failures` says so. */
function recorder(name: string, o: Partial<JobDefinition<{ n: number }>> & { failures?: number } = {}) {
  const ran: { n: number; attempt: number }[] = [];
  let failures = o.failures ?? 0;
  const definition: JobDefinition<{ n: number }> = {
    name,
    payload: z.object({ n: z.number() }),
    retryDelaySeconds: 30,
    ...o,
    run(payload, job) {
      ran.push({ n: payload.n, attempt: job.attempt });
      if (failures-- > 0) return Promise.reject(new Error(`refused, attempt ${job.attempt}`));
      return Promise.resolve();
    },
  };
  return { definition, ran };
}

const queues: JobQueue[] = [];
async function queueOf(database: Database, definitions: JobDefinition<{ n: number }>[], o: Partial<JobQueueOptions> = {}) {
  const q = createJobQueue(database, { log: quiet, ...o });
  for (const d of definitions) q.define(d);
  await q.open();
  queues.push(q);
  return q;
}
beforeEach(async () => {
  for (const q of queues.splice(0)) await q.close(0);
});
after(async () => {
  for (const q of queues.splice(0)) await q.close(0);
});

describe(`the job queue (${engine})`, () => {
  test('a job queued runs once, with its payload, and nothing of it is kept once done', async () => {
    const r = recorder('test.once');
    const q = await queueOf(t.database, [r.definition]);
    assert.ok(await q.enqueue('test.once', { n: 1 }));
    assert.equal(await q.runDue(), 1);
    assert.equal(await q.runDue(), 0);
    assert.deepEqual(r.ran, [{ n: 1, attempt: 1 }]);
    assert.deepEqual(
      (await q.counts()).filter((c) => c.name === 'test.once'),
      [],
    );
  });

  test('a job that fails twice and then succeeds runs three times, each retry after a longer wait, and is kept as nothing after', async () => {
    const r = recorder('test.flaky', { failures: 2, retryDelaySeconds: 30, retryLimit: 5 });
    const q = await queueOf(t.database, [r.definition]);
    await q.enqueue('test.flaky', { n: 7 });
    const before = Date.now();
    await q.runDue();
    let [problem] = (await q.problems()).filter((p) => p.name === 'test.flaky');
    assert.equal(problem?.state, 'retry');
    assert.equal(problem.error, 'refused, attempt 1');
    assert.equal(problem.attempts, 1);
    assert.equal(problem.maxAttempts, 6);
    const firstWait = problem.nextAttemptAt!.getTime() - before;
    assert.ok(firstWait >= 29_000 && firstWait <= 61_000, `first retry waits 30–60 s, not ${firstWait} ms`);
    assert.equal(await q.runDue(), 0, 'not tried again before its time');

    await q.runDue({ includeDeferred: true });
    [problem] = (await q.problems()).filter((p) => p.name === 'test.flaky');
    assert.equal(problem?.attempts, 2);
    assert.equal(problem.error, 'refused, attempt 2');
    const secondWait = problem.nextAttemptAt!.getTime() - Date.now();
    assert.ok(secondWait >= 59_000 && secondWait <= 121_000, `second retry waits 60–120 s, not ${secondWait} ms`);

    await q.runDue({ includeDeferred: true });
    assert.deepEqual(
      r.ran.map((x) => x.attempt),
      [1, 2, 3],
    );
    assert.deepEqual(
      (await q.problems()).filter((p) => p.name === 'test.flaky'),
      [],
      'done: no longer listed',
    );
  });

  test('a job out of attempts is kept as failed, with its error, and an administrator can give it one more', async () => {
    const r = recorder('test.doomed', { failures: 3, retryLimit: 1, describe: (p) => `number ${p.n}` });
    const q = await queueOf(t.database, [r.definition]);
    const id = (await q.enqueue('test.doomed', { n: 3 }))!;
    await q.runDue();
    await q.runDue({ includeDeferred: true });
    const [failed] = (await q.problems()).filter((p) => p.name === 'test.doomed');
    assert.equal(failed?.id, id);
    assert.equal(failed.state, 'failed');
    assert.equal(failed.attempts, 2);
    assert.equal(failed.maxAttempts, 2);
    assert.equal(failed.error, 'refused, attempt 2');
    assert.equal(failed.summary, 'number 3');
    assert.ok(failed.failedAt);
    assert.ok((await q.counts()).some((c) => c.name === 'test.doomed' && c.state === 'failed' && c.count === 1));

    assert.equal(await q.runDue({ includeDeferred: true }), 0, 'a failed job is not run again by itself');
    assert.equal(await q.retry('test.doomed', id), true);
    assert.equal(await q.retry('test.doomed', id), false, 'only a failed job can be retried');
    // (Its last wait was skipped above, so it is not due before that time: as in pg-boss.)
    await q.runDue({ includeDeferred: true });
    const [again] = (await q.problems()).filter((p) => p.name === 'test.doomed');
    assert.equal(again?.state, 'failed');
    assert.equal(again.attempts, 3, 'it had exactly one more attempt');
    assert.equal(again.error, 'refused, attempt 3');
  });

  test('a unique job is not queued twice while one waits, per key; once it has run, it can be queued again', async () => {
    const r = recorder('test.unique', { unique: true });
    const q = await queueOf(t.database, [r.definition]);
    assert.ok(await q.enqueue('test.unique', { n: 1 }));
    assert.equal(await q.enqueue('test.unique', { n: 2 }), null);
    assert.ok(await q.enqueue('test.unique', { n: 3 }, { key: 'round-5' }));
    assert.equal(await q.enqueue('test.unique', { n: 4 }, { key: 'round-5' }), null);
    await q.runDue();
    assert.deepEqual(r.ran.map((x) => x.n).sort(), [1, 3]);
    assert.ok(await q.enqueue('test.unique', { n: 5 }, { key: 'round-5' }));
  });

  test('a job queued in a transaction exists only if the transaction commits', async () => {
    const r = recorder('test.trx');
    const q = await queueOf(t.database, [r.definition]);
    await assert.rejects(
      t.database.db.transaction().execute(async (trx) => {
        await q.enqueue('test.trx', { n: 1 }, { trx });
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    await t.database.db.transaction().execute(async (trx) => {
      await q.enqueue('test.trx', { n: 2 }, { trx });
    });
    await q.runDue();
    assert.deepEqual(
      r.ran.map((x) => x.n),
      [2],
    );
  });

  test('a payload the definition does not accept fails the job without reaching the handler', async () => {
    const r = recorder('test.schema', { retryLimit: 0 });
    const q = await queueOf(t.database, [r.definition]);
    await q.enqueue('test.schema', { n: 'one' });
    await q.runDue();
    assert.deepEqual(r.ran, []);
    const [failed] = (await q.problems()).filter((p) => p.name === 'test.schema');
    assert.equal(failed?.state, 'failed');
    assert.equal(failed.error, "The job's data is not valid: n: Invalid input: expected number, received string");
  });

  test('jobs survive a restart: queued through one connection, run through another opened later', async () => {
    const first = openDatabase(t.url, { poolSize: 1 });
    const r = recorder('test.durable');
    const q1 = createJobQueue(first, { log: quiet });
    q1.define(r.definition);
    await q1.open();
    await q1.enqueue('test.durable', { n: 42 });
    await q1.close();
    await first.close();

    const second = openDatabase(t.url, { poolSize: 1 });
    try {
      const q2 = createJobQueue(second, { log: quiet });
      q2.define(r.definition);
      await q2.open();
      assert.equal(await q2.runDue(), 1);
      await q2.close();
    } finally {
      await second.close();
    }
    assert.deepEqual(r.ran, [{ n: 42, attempt: 1 }]);
  });

  test('a job still running when the worker stops is tried again later, not lost', async () => {
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const runs: number[] = [];
    const slow: JobDefinition<{ n: number }> = {
      name: 'test.slow',
      payload: z.object({ n: z.number() }),
      run: (_p, job) => {
        runs.push(job.attempt);
        if (job.attempt > 1) return Promise.resolve();
        started();
        return new Promise<void>((resolve) => (release = resolve));
      },
    };
    const q = createJobQueue(t.database, { log: quiet, work: true, pollMs: 10 });
    q.define(slow);
    await q.open();
    await q.enqueue('test.slow', { n: 1 });
    await running;
    await q.close(20);
    release();

    const later = await queueOf(t.database, [slow]);
    const [waiting] = (await later.problems()).filter((p) => p.name === 'test.slow');
    assert.equal(waiting?.state, 'retry');
    assert.match(waiting.error ?? '', /stopped before this job finished/);
    await later.runDue({ includeDeferred: true });
    assert.deepEqual(runs, [1, 2]);
    assert.deepEqual(
      (await later.problems()).filter((p) => p.name === 'test.slow'),
      [],
    );
  });

  test('two workers on one database run every job exactly once', async () => {
    const seen: number[] = [];
    const shared = (): JobDefinition<{ n: number }> => ({
      name: 'test.shared',
      payload: z.object({ n: z.number() }),
      run: async (p) => {
        seen.push(p.n);
        await new Promise((r) => setTimeout(r, 1));
      },
    });
    const other = openDatabase(t.url, { poolSize: 2 });
    try {
      const a = await queueOf(t.database, [shared()], { work: true, pollMs: 5, batchSize: 2 });
      const b = await queueOf(other, [shared()], { work: true, pollMs: 5, batchSize: 2 });
      for (let n = 0; n < 40; n++) await (n % 2 ? a : b).enqueue('test.shared', { n });
      for (const end = Date.now() + 20_000; Date.now() < end && seen.length < 40;) await new Promise((r) => setTimeout(r, 10));
      await a.close();
      await b.close();
      assert.equal(seen.length, 40, `every job ran once: ${seen.length} runs`);
      assert.equal(new Set(seen).size, 40);
    } finally {
      await other.close();
    }
  });
});

describe('retry waits (pg-boss’s backoff, used on SQLite)', () => {
  test('each retry waits between half and all of twice the one before, never more than the maximum', () => {
    assert.equal(backoffFactor(0, 0), 1);
    assert.equal(backoffFactor(0, 1), 2);
    assert.equal(backoffFactor(3, 0), 8);
    assert.equal(retryWaitSeconds(0, 30, 3600, 0.5), 45);
    assert.equal(retryWaitSeconds(10, 30, 3600, 1), 3600);
    assert.equal(retryWaitSeconds(1, 0, null, 0), 2, 'a delay of 0 counts as 1 second, as in pg-boss');
  });
});

describe('on SQLite, the worker’s own supervision', { skip: engine === 'sqlite' ? false : 'SQLite only: pg-boss supervises on PostgreSQL' }, () => {
  test('a job whose worker died is taken back after its expiry, and a schedule sends its job once each time it comes due', async () => {
    let now = new Date('2026-03-02T10:00:30.000Z');
    const store = sqliteJobStore(t.database.db, () => now);
    const r = recorder('test.cron', { unique: true, expireInSeconds: 60 });
    const q = createJobQueue(t.database, { log: quiet, store });
    q.define(r.definition);
    q.schedule('test.cron', '*/5 * * * *');
    await q.open();
    queues.push(q);
    await store.maintain!(now);
    assert.equal(await q.runDue({ includeDeferred: true }), 0, 'nothing before 10:05');
    now = new Date('2026-03-02T10:05:01.000Z');
    await store.maintain!(now);
    await store.maintain!(now);
    const [claimed] = await store.claim('test.cron', 5, { includeDeferred: false });
    assert.ok(claimed, 'one job at 10:05');
    assert.deepEqual(await store.claim('test.cron', 5, { includeDeferred: false }), [], 'and only one');
    // Its worker dies: the job stays claimed until it expires, then it is tried again.
    now = new Date('2026-03-02T10:05:30.000Z');
    await store.maintain!(now);
    assert.equal((await q.counts()).find((c) => c.name === 'test.cron')?.state, 'active');
    now = new Date('2026-03-02T10:06:02.000Z');
    await store.maintain!(now);
    const [lost] = (await q.problems()).filter((p) => p.name === 'test.cron');
    assert.equal(lost?.state, 'retry');
    assert.match(lost.error ?? '', /Not finished within 60 seconds/);
  });
});
