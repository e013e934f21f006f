import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';

// The SQL of partner suggestions: the self-assessment scores of the centres that let matching
// use them. Only means per dimension leave this file, never an answer or a group's score.

/**
 * Each opted-in centre's mean per framework dimension from its latest finished round that has
 * scores (the same scores the benchmark compares), by centre id.
 */
export async function sharedMaturity(db: DB, now = new Date().toISOString()): Promise<Map<number, Record<string, number>>> {
  const r = await sql<{ centre_id: number; scores: string }>`
    with latest as (
      select r.centre_id, max(r.id) as round_id from rounds r
      join centres c on c.id = r.centre_id
      where c.share_maturity = 1 and (r.closed_at is not null or r.closes_at <= ${now})
        and exists (select 1 from round_scores s0 where s0.round_id = r.id)
      group by r.centre_id)
    select l.centre_id, s.scores from latest l join round_scores s on s.round_id = l.round_id`.execute(db);
  const out = new Map<number, Record<string, number>>();
  for (const row of r.rows) {
    const scores = JSON.parse(row.scores) as Record<string, number>;
    const byDimension: Record<string, number> = {};
    for (const [key, value] of Object.entries(scores)) if (key.startsWith('dimension:')) byDimension[key.slice('dimension:'.length)] = value;
    if (Object.keys(byDimension).length) out.set(Number(row.centre_id), byDimension);
  }
  return out;
}
