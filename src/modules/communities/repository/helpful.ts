import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';

// The SQL of "helpful" and marked answers (migration 0030).

/** Marks a post helpful for a person (once), or takes it back. */
export async function setHelpful(db: DB, postId: number, userId: number, on: boolean): Promise<void> {
  if (on)
    await db
      .insertInto('community_helpful')
      .values({ post_id: postId, user_id: userId, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['post_id', 'user_id']).doNothing())
      .execute();
  else await db.deleteFrom('community_helpful').where('post_id', '=', postId).where('user_id', '=', userId).execute();
}

/** How many found each of these posts helpful, and whether the reader did. */
export async function helpfulOf(db: DB, postIds: number[], readerId: number | null): Promise<Map<number, { count: number; mine: boolean }>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('community_helpful')
    .select(['post_id', sql<number>`count(*)`.as('n'), sql<number>`max(case when user_id = ${readerId ?? 0} then 1 else 0 end)`.as('mine')])
    .where('post_id', 'in', postIds)
    .groupBy('post_id')
    .execute();
  return new Map(rows.map((r) => [r.post_id, { count: Number(r.n), mine: Number(r.mine) === 1 }]));
}

/** Marks a reply as its topic's answer, or none (null). */
export async function setAnswer(db: DB, topicId: number, postId: number | null): Promise<void> {
  await db.updateTable('community_topics').set({ answer_post_id: postId }).where('id', '=', topicId).execute();
}
