import type { Selectable } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { Tables } from '../../db/schema.ts';
import type { StakeholderGroup } from './framework/format.ts';

// Reading rounds, as every part of the self-assessment needs them: a round, its items and its
// groups, and a centre's rounds.

const roundColumns = ['id', 'centre_id', 'framework_version_id', 'title', 'opens_at', 'closes_at', 'closed_at', 'min_group_size', 'created_at'] as const;
export type RoundRow = Pick<Selectable<Tables['rounds']>, (typeof roundColumns)[number]>;

export async function roundsOf(db: DB, centreId: number): Promise<(RoundRow & { sent: number })[]> {
  const rows = await db
    .selectFrom('rounds')
    .select(roundColumns)
    .select((eb) =>
      eb
        .selectFrom('round_groups')
        .whereRef('round_groups.round_id', '=', 'rounds.id')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('sent'), e.lit(0)).as('s'))
        .as('sent'),
    )
    .where('centre_id', '=', centreId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, sent: Number(r.sent ?? 0) }));
}

export async function findRound(db: DB, id: number): Promise<RoundRow | undefined> {
  return db.selectFrom('rounds').select(roundColumns).where('id', '=', id).executeTakeFirst();
}

export async function roundItems(db: DB, roundId: number) {
  return db.selectFrom('round_items').select(['item', 'position', 'own_text', 'own_lang']).where('round_id', '=', roundId).orderBy('position').execute();
}

export async function roundGroups(db: DB, roundId: number) {
  const rows = await db
    .selectFrom('round_groups')
    .select(['grp', 'link_salt', 'sent', 'released', 'access', 'target'])
    .where('round_id', '=', roundId)
    .execute();
  return rows.map((r) => ({
    grp: r.grp as StakeholderGroup,
    salt: r.link_salt,
    sent: Number(r.sent),
    released: Number(r.released),
    access: r.access === 'invitation' ? ('invitation' as const) : ('link' as const),
    target: r.target === null ? null : Number(r.target),
  }));
}
