import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// The job queue on SQLite (platform/jobs, decision 0007): one row per job, claimed by the
// in-process worker. The columns and states follow pg-boss, which keeps the queue on PostgreSQL in
// a schema of its own (pgboss) and migrates it itself, so this migration does nothing there.
// Immutable once landed.
//
// state: created → active → (deleted when done) | retry → active … | failed (kept for administrators).
// policy 'short': at most one job per name and singleton_key waits in 'created' (pg-boss's index).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'sqlite') return;
  const raw = (text: string) => sql.raw(text).execute(db);
  await raw(`create table jobs (id text primary key, name text not null, payload text not null,
    state text not null default 'created', policy text not null default 'standard', singleton_key text,
    retry_limit integer not null, retry_count integer not null default 0, retry_delay integer not null,
    retry_delay_max integer, expire_seconds integer not null, start_after text not null,
    started_at text, expires_at text, completed_at text, error text, created_at text not null)`);
  await raw(`create index jobs_due on jobs (name, state, start_after)`);
  await raw(`create index jobs_expiry on jobs (state, expires_at)`);
  await raw(`create unique index jobs_short on jobs (name, ifnull(singleton_key, '')) where state = 'created' and policy = 'short'`);
}
