import type { DB } from '../../../db/database.ts';
import type { StakeholderGroup } from '../framework/format.ts';

// The SQL of managing rounds: starting one, its links, its dates, deleting it, and the responses
// still being filled in.

export interface NewRound {
  centreId: number;
  versionId: number;
  title: string;
  opensAt: string;
  closesAt: string;
  minGroupSize: number;
  indicators: string[];
  own: { text: string; lang: string }[];
  groups: { grp: StakeholderGroup; salt: string; hash: string }[];
  createdBy: number;
}

export async function createRound(db: DB, r: NewRound): Promise<number> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('rounds')
      .values({
        centre_id: r.centreId,
        framework_version_id: r.versionId,
        title: r.title,
        opens_at: r.opensAt,
        closes_at: r.closesAt,
        min_group_size: r.minGroupSize,
        created_by: r.createdBy,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const items = [
      ...r.indicators.map((item, n) => ({ round_id: id, item, position: n + 1, own_text: null, own_lang: null })),
      ...r.own.map((o, n) => ({ round_id: id, item: `own-${n + 1}`, position: r.indicators.length + n + 1, own_text: o.text, own_lang: o.lang })),
    ];
    await trx.insertInto('round_items').values(items).execute();
    await trx
      .insertInto('round_groups')
      .values(r.groups.map((g) => ({ round_id: id, grp: g.grp, link_salt: g.salt, link_hash: g.hash })))
      .execute();
    return id;
  });
}

/** Responses started but not sent, per group (the centre sees these while the round runs). */
export async function unsentCounts(db: DB, roundId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('responses')
    .select(['grp', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .where('sent', '=', 0)
    .groupBy('grp')
    .execute();
  return new Map(rows.map((r) => [r.grp, Number(r.n)]));
}

export async function replaceLink(db: DB, roundId: number, grp: string, salt: string, hash: string): Promise<void> {
  await db.updateTable('round_groups').set({ link_salt: salt, link_hash: hash }).where('round_id', '=', roundId).where('grp', '=', grp).execute();
}

export async function setDates(db: DB, roundId: number, dates: { closes_at?: string; closed_at?: string | null }): Promise<void> {
  await db
    .updateTable('rounds')
    .set({ ...dates, updated_at: new Date().toISOString() })
    .where('id', '=', roundId)
    .execute();
}

export async function deleteRound(db: DB, roundId: number): Promise<void> {
  await db.deleteFrom('rounds').where('id', '=', roundId).execute();
}
