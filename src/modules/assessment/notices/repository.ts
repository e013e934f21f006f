import type { DB } from '../../../db/database.ts';

// The SQL of a round's notices (docs/decisions/0010): which rounds and groups are due one, the
// centre's administrators to tell, and claiming a notice, once, for good.

export type NoticeKind = 'minimum' | 'closing' | 'closed' | 'reminder';

/**
 * Claims a notice: true for the one caller that records it, false when it was already recorded
 * (another run, or another instance). Inside the caller's transaction, with the mail it queues.
 */
export async function claimNotice(db: DB, roundId: number, kind: NoticeKind, grp = ''): Promise<boolean> {
  const row = await db
    .insertInto('round_notices')
    .values({ round_id: roundId, kind, grp, sent_at: new Date().toISOString() })
    .onConflict((oc) => oc.doNothing())
    .returning('round_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The notices a round has had, as "kind:group" ("closing:", "minimum:learners"). */
export async function noticesOf(db: DB, roundId: number): Promise<string[]> {
  const rows = await db.selectFrom('round_notices').select(['kind', 'grp']).where('round_id', '=', roundId).execute();
  return rows.map((r) => `${r.kind}:${r.grp}`);
}

/** Groups of rounds still open that have reached the round's minimum and whose centre was not told. */
export async function groupsAtMinimum(db: DB, now: string): Promise<{ round_id: number; grp: string }[]> {
  return db
    .selectFrom('round_groups as g')
    .innerJoin('rounds as r', 'r.id', 'g.round_id')
    .select(['g.round_id', 'g.grp'])
    .where('r.closed_at', 'is', null)
    .where('r.closes_at', '>', now)
    .whereRef('g.sent', '>=', 'r.min_group_size')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('round_notices as n')
            .select('n.round_id')
            .whereRef('n.round_id', '=', 'g.round_id')
            .where('n.kind', '=', 'minimum')
            .whereRef('n.grp', '=', 'g.grp'),
        ),
      ),
    )
    .orderBy('g.round_id')
    .execute();
}

/** Rounds open now that close before `until` and have not had this round-wide notice. */
export async function roundsClosingBefore(db: DB, now: string, until: string, kind: NoticeKind): Promise<number[]> {
  const rows = await db
    .selectFrom('rounds as r')
    .select('r.id')
    .where('r.closed_at', 'is', null)
    .where('r.opens_at', '<=', now)
    .where('r.closes_at', '>', now)
    .where('r.closes_at', '<=', until)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('round_notices as n').select('n.round_id').whereRef('n.round_id', '=', 'r.id').where('n.kind', '=', kind))))
    .orderBy('r.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Rounds that closed (early, or on their date) since `since`, whose centre was not told. */
export async function roundsClosedSince(db: DB, since: string, now: string): Promise<number[]> {
  const rows = await db
    .selectFrom('rounds as r')
    .select('r.id')
    .where((eb) =>
      eb.or([
        eb.and([eb('r.closed_at', 'is not', null), eb('r.closed_at', '>=', since)]),
        eb.and([eb('r.closed_at', 'is', null), eb('r.closes_at', '<=', now), eb('r.closes_at', '>=', since)]),
      ]),
    )
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('round_notices as n').select('n.round_id').whereRef('n.round_id', '=', 'r.id').where('n.kind', '=', 'closed'))),
    )
    .orderBy('r.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Groups answering by invitation, of rounds open now that close before `until`, not reminded automatically yet. */
export async function invitationGroupsClosingBefore(db: DB, now: string, until: string): Promise<{ round_id: number; grp: string }[]> {
  return db
    .selectFrom('round_groups as g')
    .innerJoin('rounds as r', 'r.id', 'g.round_id')
    .select(['g.round_id', 'g.grp'])
    .where('g.access', '=', 'invitation')
    .where('r.closed_at', 'is', null)
    .where('r.opens_at', '<=', now)
    .where('r.closes_at', '>', now)
    .where('r.closes_at', '<=', until)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('round_notices as n')
            .select('n.round_id')
            .whereRef('n.round_id', '=', 'g.round_id')
            .where('n.kind', '=', 'reminder')
            .whereRef('n.grp', '=', 'g.grp'),
        ),
      ),
    )
    .orderBy('g.round_id')
    .execute();
}
