import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';
import { emptyDistribution, type CountTable, type Distribution } from './scoring.ts';

// The SQL of results: a round's released answer counts (never a single answer), releasing what
// is pending, how responses came in, the scores it keeps for comparing centres, and what the
// benchmark is built from.

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

/**
 * Releases the pending answers of the round's groups that `due` allows (given how many responses
 * each has pending), in one transaction: they join the released counts, with their intake, and
 * the round's `updated_at` moves so benchmarks rebuild. The groups' rows are locked first (a
 * no-op update, which locks on both engines), so a response being sent at this moment waits and
 * is either in this release whole or stays pending whole. Returns how many groups were released.
 */
export async function release(db: DB, roundId: number, due: (pending: number) => boolean): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('round_groups')
      .set((eb) => ({ released: eb.ref('released') }))
      .where('round_id', '=', roundId)
      .execute();
    const groups = await trx.selectFrom('round_groups').select(['grp', 'sent', 'released']).where('round_id', '=', roundId).orderBy('grp').execute();
    const releasing = groups.filter((g) => due(Number(g.sent) - Number(g.released)));
    for (const g of releasing) {
      const pending = await trx
        .selectFrom('pending_counts')
        .select(['item', 'value', 'n'])
        .where('round_id', '=', roundId)
        .where('grp', '=', g.grp)
        .orderBy('item')
        .orderBy('value')
        .execute();
      for (const p of pending) {
        await trx
          .insertInto('answer_counts')
          .values({ round_id: roundId, grp: g.grp, item: p.item, value: p.value, n: p.n })
          .onConflict((oc) => oc.columns(['round_id', 'grp', 'item', 'value']).doUpdateSet((eb) => ({ n: eb('answer_counts.n', '+', p.n) })))
          .execute();
      }
      await trx.deleteFrom('pending_counts').where('round_id', '=', roundId).where('grp', '=', g.grp).execute();
      const intake = await trx
        .selectFrom('intake')
        .select(['channel', 'member', 'burst', 'n'])
        .where('round_id', '=', roundId)
        .where('grp', '=', g.grp)
        .where('released', '=', 0)
        .execute();
      for (const i of intake) {
        await trx
          .insertInto('intake')
          .values({ round_id: roundId, grp: g.grp, released: 1, channel: i.channel, member: i.member, burst: i.burst, n: i.n })
          .onConflict((oc) => oc.columns(['round_id', 'grp', 'released', 'channel', 'member', 'burst']).doUpdateSet((eb) => ({ n: eb('intake.n', '+', i.n) })))
          .execute();
      }
      await trx.deleteFrom('intake').where('round_id', '=', roundId).where('grp', '=', g.grp).where('released', '=', 0).execute();
      await trx.updateTable('round_groups').set({ released: g.sent }).where('round_id', '=', roundId).where('grp', '=', g.grp).execute();
    }
    if (releasing.length) await trx.updateTable('rounds').set({ updated_at: new Date().toISOString() }).where('id', '=', roundId).execute();
    return releasing.length;
  });
}

/** Rounds whose last day has passed (or that were closed) with a group holding at least `min` unreleased responses. */
export async function roundsDueForRelease(db: DB, now: string): Promise<number[]> {
  const rows = await db
    .selectFrom('rounds as r')
    .innerJoin('round_groups as g', 'g.round_id', 'r.id')
    .select('r.id')
    .where((eb) => eb.or([eb('r.closed_at', 'is not', null), eb('r.closes_at', '<=', now)]))
    .where('g.sent', '>=', sql<number>`g.released + r.min_group_size`)
    .groupBy('r.id')
    .execute();
  return rows.map((r) => Number(r.id));
}

/** How the round's responses came, per group: released (in the report) or still pending. */
export async function intakeOf(db: DB, roundId: number) {
  const rows = await db.selectFrom('intake').select(['grp', 'released', 'channel', 'member', 'burst', 'n']).where('round_id', '=', roundId).execute();
  return rows.map((r) => ({
    grp: r.grp,
    released: Number(r.released) === 1,
    channel: r.channel,
    member: Number(r.member) === 1,
    burst: Number(r.burst) === 1,
    n: Number(r.n),
  }));
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

/** Each centre's latest finished round that has scores, with the centre's country and the responses its scores are made of; centres that opted out are left out. */
export async function latestScoredRounds(db: DB, now: string) {
  const r = await sql<{ id: number; country: string; round_id: number; responses: number }>`
      with latest as (
        select r.centre_id, max(r.id) as round_id from rounds r
        where ${finished(now)} and exists (select 1 from round_scores s0 where s0.round_id = r.id)
        group by r.centre_id)
      select c.id, c.country, l.round_id, s.responses
      from latest l
      join centres c on c.id = l.centre_id
      join round_scores s on s.round_id = l.round_id
      where c.benchmark_opt_out = 0`.execute(db);
  return r.rows;
}

export const centreSectors = (db: DB) => db.selectFrom('centre_sectors').select(['centre_id', 'sector']).execute();

/** The kept scores of some rounds, as JSON text. */
export const roundScores = (db: DB, roundIds: number[]) =>
  db.selectFrom('round_scores').select(['round_id', 'scores', 'responses']).where('round_id', 'in', roundIds).execute();

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

/** The round with released answers that has the most of them (the start-up warm-up renders its report), or null. */
export async function largestReleasedRound(db: DB): Promise<number | null> {
  const row = await db.selectFrom('round_scores').select('round_id').orderBy('responses', 'desc').orderBy('round_id', 'desc').limit(1).executeTakeFirst();
  return row ? Number(row.round_id) : null;
}
