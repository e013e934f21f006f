import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';
import { emptyDistribution, type CountTable, type Distribution } from './scoring.ts';

// The SQL of results: a round's answer counts (never a single answer), the scores it keeps for
// comparing centres, and what the benchmark is built from.

export async function counts(db: DB, roundId: number): Promise<CountTable> {
  const rows = await db.selectFrom('answer_counts').select(['grp', 'item', 'value', 'n']).where('round_id', '=', roundId).execute();
  const table: CountTable = new Map();
  for (const r of rows) {
    let byItem = table.get(r.grp);
    if (!byItem) table.set(r.grp, (byItem = new Map<string, Distribution>()));
    let d = byItem.get(r.item);
    if (!d) byItem.set(r.item, (d = emptyDistribution()));
    d[Number(r.value)] = Number(r.n);
  }
  return table;
}

/** Keeps the round's comparable scores; a round without an overall score has none. */
export async function writeScores(db: DB, roundId: number, scores: Record<string, number>, responses: number): Promise<void> {
  if (scores['overall:overall'] === undefined) {
    await db.deleteFrom('round_scores').where('round_id', '=', roundId).execute();
    return;
  }
  const value = JSON.stringify(scores);
  await db
    .insertInto('round_scores')
    .values({ round_id: roundId, scores: value, responses })
    .onConflict((oc) => oc.column('round_id').doUpdateSet({ scores: value, responses }))
    .execute();
}

const finished = (now: string) => sql`(r.closed_at is not null or r.closes_at <= ${now})`;

/** What the benchmark's sums are made of, counted in one cheap query (benchmark.ts). */
export async function benchmarkFingerprint(db: DB, now: string) {
  const r = await sql<{ finished: number; changed: string | null; centres: number; out: number; sectors: number }>`
    select (select count(*) from rounds r where ${finished(now)}) as finished,
      (select max(updated_at) from rounds) as changed,
      (select count(*) from centres) as centres,
      (select coalesce(sum(benchmark_opt_out), 0) from centres) as out,
      (select count(*) from centre_sectors) as sectors`.execute(db);
  return r.rows[0]!;
}

/** Each centre's latest finished round that has scores, with the centre's country; centres that opted out are left out. */
export async function latestScoredRounds(db: DB, now: string) {
  const r = await sql<{ id: number; country: string; round_id: number }>`
      with latest as (
        select r.centre_id, max(r.id) as round_id from rounds r
        where ${finished(now)} and exists (select 1 from round_scores s0 where s0.round_id = r.id)
        group by r.centre_id)
      select c.id, c.country, l.round_id
      from latest l
      join centres c on c.id = l.centre_id
      where c.benchmark_opt_out = 0`.execute(db);
  return r.rows;
}

export const centreSectors = (db: DB) => db.selectFrom('centre_sectors').select(['centre_id', 'sector']).execute();

/** The kept scores of some rounds, as JSON text. */
export const roundScores = (db: DB, roundIds: number[]) =>
  db.selectFrom('round_scores').select(['round_id', 'scores']).where('round_id', 'in', roundIds).execute();

export async function setOptOut(db: DB, centreId: number, optOut: boolean): Promise<void> {
  await db
    .updateTable('centres')
    .set({ benchmark_opt_out: optOut ? 1 : 0 })
    .where('id', '=', centreId)
    .execute();
}

/** Whether the round has a development plan yet, for the report's link to it. */
export async function planExists(db: DB, roundId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('plans').select('id').where('round_id', '=', roundId).executeTakeFirst());
}
