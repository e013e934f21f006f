import { randomUUID } from 'node:crypto';
import { CronExpressionParser } from 'cron-parser';
import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';
import { backoffFactor } from '../backoff.ts';
import {
  FAILED_KEEP_SECONDS,
  WAITING_KEEP_SECONDS,
  type ClaimedJob,
  type JobCount,
  type JobProblem,
  type JobState,
  type JobStore,
  type QueueSettings,
} from '../store.ts';

// The job queue on SQLite: the `jobs` table (migration 0013), claimed by this process's worker.
// Claiming is one UPDATE … RETURNING, atomic under SQLite's single writer, so two workers on one
// file never take the same job. What pg-boss's supervisor does on PostgreSQL happens in
// maintain(), on the worker's beat: lost jobs are retried, old ones deleted, schedules fire.

const iso = (d: Date) => d.toISOString();
const later = (d: Date, seconds: number) => new Date(d.getTime() + seconds * 1000);
/** How often old jobs are deleted (expiry and schedules are checked on every beat). */
const RETENTION_EVERY_MS = 60_000;

export function sqliteJobStore(db: DB, clock: () => Date = () => new Date()): JobStore {
  const schedules = new Map<string, { cron: string; next: Date }>();
  const queues = new Map<string, QueueSettings>();
  let lastRetention = 0;

  const nextOf = (cron: string, after: Date) => CronExpressionParser.parse(cron, { currentDate: after, tz: 'UTC' }).next().toDate();

  async function insert(queue: QueueSettings, job: { payload: object; key?: string | undefined; startAfter?: Date | undefined; trx?: DB | undefined }) {
    const now = clock();
    const row = await (job.trx ?? db)
      .insertInto('jobs')
      .orIgnore()
      .values({
        id: randomUUID(),
        name: queue.name,
        payload: JSON.stringify(job.payload),
        policy: queue.unique ? 'short' : 'standard',
        singleton_key: job.key ?? null,
        retry_limit: queue.retryLimit,
        retry_delay: queue.retryDelaySeconds,
        retry_delay_max: queue.retryDelayMaxSeconds,
        expire_seconds: queue.expireInSeconds,
        start_after: iso(job.startAfter ?? now),
        created_at: iso(now),
      })
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /**
   * Ends an attempt that failed, on the row's own settings, only for the attempt that was claimed;
   * one statement, so it never holds a transaction open (another connection to the file may be
   * waiting to write).
   */
  async function fail(job: ClaimedJob, message: string) {
    const now = iso(clock());
    const wait = sql<number>`min(ifnull(retry_delay_max, 1e12), max(retry_delay, 1) * ${backoffFactor(job.retryCount)})`;
    await db
      .updateTable('jobs')
      .set({
        state: sql<string>`case when retry_count < retry_limit then 'retry' else 'failed' end`,
        start_after: sql<string>`case when retry_count < retry_limit then strftime('%Y-%m-%dT%H:%M:%fZ', ${now}, '+' || ${wait} || ' seconds') else start_after end`,
        completed_at: sql<string | null>`case when retry_count < retry_limit then null else ${now} end`,
        expires_at: null,
        error: message,
      })
      .where('id', '=', job.id)
      .where('state', '=', 'active')
      .where('retry_count', '=', job.retryCount)
      .execute();
  }

  return {
    async prepare(list, schedulesWanted) {
      for (const q of list) queues.set(q.name, q);
      const now = clock();
      for (const s of schedulesWanted) schedules.set(s.name, { cron: s.cron, next: nextOf(s.cron, now) });
      return Promise.resolve();
    },
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    insert,
    async claim(name, limit, o) {
      const now = iso(clock());
      const due = db
        .selectFrom('jobs')
        .select('id')
        .where('name', '=', name)
        .where('state', 'in', ['created', 'retry'])
        .where('start_after', '<=', o.includeDeferred ? '9999' : now)
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit);
      const rows = await db
        .updateTable('jobs')
        .set({
          state: 'active',
          retry_count: sql<number>`case when state = 'retry' then retry_count + 1 else retry_count end`,
          started_at: now,
          expires_at: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${now}, '+' || expire_seconds || ' seconds')`,
        })
        .where('id', 'in', due)
        .returning(['id', 'name', 'payload', 'retry_count', 'retry_limit', 'created_at'])
        .execute();
      return rows
        .sort((a, b) => a.created_at.localeCompare(b.created_at))
        .map((r) => ({ id: r.id, name: r.name, payload: JSON.parse(r.payload) as unknown, retryCount: r.retry_count, retryLimit: r.retry_limit }));
    },
    async done(job) {
      await db.deleteFrom('jobs').where('id', '=', job.id).where('state', '=', 'active').where('retry_count', '=', job.retryCount).execute();
    },
    fail,
    async retry(name, id) {
      const now = iso(clock());
      const r = await db
        .updateTable('jobs')
        .set({ state: 'retry', retry_limit: sql<number>`retry_limit + 1`, completed_at: null, start_after: sql<string>`max(start_after, ${now})` })
        .where('id', '=', id)
        .where('name', '=', name)
        .where('state', '=', 'failed')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async problems(limit) {
      const rows = await db
        .selectFrom('jobs')
        .selectAll()
        .where('state', 'in', ['retry', 'failed'])
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r): JobProblem => ({
        id: r.id,
        name: r.name,
        state: r.state as 'retry' | 'failed',
        payload: JSON.parse(r.payload) as unknown,
        error: r.error,
        // A job waiting to retry has made retry_count + 1 attempts; so has one that failed.
        attempts: r.retry_count + 1,
        maxAttempts: r.retry_limit + 1,
        createdAt: new Date(r.created_at),
        nextAttemptAt: r.state === 'retry' ? new Date(r.start_after) : null,
        failedAt: r.completed_at ? new Date(r.completed_at) : null,
      }));
    },
    async counts() {
      const rows = await db
        .selectFrom('jobs')
        .select(['name', 'state', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['name', 'state'])
        .execute();
      return rows.map((r): JobCount => ({ name: r.name, state: r.state as JobState, count: Number(r.n) }));
    },
    async maintain(now) {
      // Lost: claimed by a worker that never finished (the process died); tried again like a failure.
      const lost = await db
        .selectFrom('jobs')
        .select(['id', 'name', 'retry_count', 'retry_limit', 'expire_seconds'])
        .where('state', '=', 'active')
        .where('expires_at', '<=', iso(now))
        .execute();
      for (const j of lost) {
        await fail(
          { id: j.id, name: j.name, payload: null, retryCount: j.retry_count, retryLimit: j.retry_limit },
          `Not finished within ${j.expire_seconds} seconds: tried again`,
        );
      }
      if (now.getTime() - lastRetention >= RETENTION_EVERY_MS) {
        lastRetention = now.getTime();
        await db
          .deleteFrom('jobs')
          .where('state', '=', 'failed')
          .where('completed_at', '<', iso(later(now, -FAILED_KEEP_SECONDS)))
          .execute();
        await db
          .deleteFrom('jobs')
          .where('state', 'in', ['created', 'retry'])
          .where('start_after', '<', iso(later(now, -WAITING_KEEP_SECONDS)))
          .execute();
      }
      // Schedules: a time missed while the platform was down is skipped, as pg-boss does.
      for (const [name, s] of schedules) {
        if (s.next > now) continue;
        s.next = nextOf(s.cron, now);
        const queue = queues.get(name);
        if (queue) await insert(queue, { payload: {} });
      }
    },
  };
}
