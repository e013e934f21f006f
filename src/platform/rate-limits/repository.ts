import { sql } from 'kysely';
import type { DB } from '../../db/database.ts';

// One atomic upsert per hit, so every instance counts against the same window.

export async function hit(db: DB, key: string, windowMs: number): Promise<{ hits: number; resetAt: number }> {
  const t = Date.now();
  const r = await sql<{ hits: number; reset_at: number }>`
    insert into rate_limits (key, hits, reset_at) values (${key}, 1, ${t + windowMs})
    on conflict (key) do update set
      hits = case when rate_limits.reset_at <= ${t} then 1 else rate_limits.hits + 1 end,
      reset_at = case when rate_limits.reset_at <= ${t} then ${t + windowMs} else rate_limits.reset_at end
    returning hits, reset_at`.execute(db);
  const row = r.rows[0]!;
  return { hits: Number(row.hits), resetAt: Number(row.reset_at) };
}

export async function clearHits(db: DB, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

export async function peekHits(db: DB, key: string): Promise<number> {
  const row = await db.selectFrom('rate_limits').select('hits').where('key', '=', key).where('reset_at', '>', Date.now()).executeTakeFirst();
  return row ? Number(row.hits) : 0;
}

export async function refundHit(db: DB, key: string): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set((eb) => ({ hits: eb('hits', '-', 1) }))
    .where('key', '=', key)
    .where('hits', '>', 0)
    .where('reset_at', '>', Date.now())
    .execute();
}
