import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';

// The SQL of erasing what a person wrote in communities, when they delete their account and ask
// for their posts to go too: their replies are deleted; a topic they started goes with them unless
// others replied, in which case its opening post is emptied and marked removed (the discussion
// stays, with its title and the others' replies, the opening post a note). Earlier texts and
// files go with the posts. One transaction.

/**
 * Erases a person's posts and their files; the topics changed (to reindex), those deleted (to take
 * out of the search) and the stored files to delete.
 */
export async function erasePostsOf(db: DB, userId: number): Promise<{ changed: number[]; deleted: number[]; files: string[] }> {
  return db.transaction().execute(async (trx) => {
    // Their files, on their posts or waiting for one.
    const files = await trx
      .deleteFrom('community_files')
      .where((eb) => eb.or([eb('user_id', '=', userId), eb('post_id', 'in', eb.selectFrom('community_posts').select('id').where('user_id', '=', userId))]))
      .returning('storage_key')
      .execute();
    const started = await trx
      .selectFrom('community_topics as t')
      .select('t.id')
      .select((eb) =>
        eb
          .selectFrom('community_posts as p')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('p.topic_id', '=', 't.id')
          .where((w) => w.or([w('p.user_id', 'is', null), w('p.user_id', '!=', userId)]))
          .as('others'),
      )
      .where('t.user_id', '=', userId)
      .execute();
    const deleted = started.filter((x) => Number(x.others) === 0).map((x) => x.id);
    const kept = started.filter((x) => Number(x.others) > 0).map((x) => x.id);
    if (deleted.length) await trx.deleteFrom('community_topics').where('id', 'in', deleted).execute();
    // The opening posts of the topics others replied in: emptied, with their earlier texts gone.
    const openings = kept.length
      ? (
          await trx
            .selectFrom('community_posts as p')
            .select((eb) => eb.fn.min('p.id').as('id'))
            .where('p.topic_id', 'in', kept)
            .groupBy('p.topic_id')
            .execute()
        ).map((r) => Number(r.id))
      : [];
    if (openings.length) {
      await trx.deleteFrom('community_post_revisions').where('post_id', 'in', openings).execute();
      await trx.updateTable('community_posts').set({ body: '', status: 'removed', removed_reason: null }).where('id', 'in', openings).execute();
    }
    // Their replies elsewhere, and the topics they were in.
    const replied = await trx
      .selectFrom('community_posts')
      .select('topic_id')
      .distinct()
      .where('user_id', '=', userId)
      .where('id', 'not in', openings.length ? openings : [0])
      .execute();
    await trx
      .deleteFrom('community_posts')
      .where('user_id', '=', userId)
      .where('id', 'not in', openings.length ? openings : [0])
      .execute();
    const changed = [...new Set([...kept, ...replied.map((r) => r.topic_id)])];
    // A deleted reply, or an emptied opening post, is no topic's answer.
    if (changed.length)
      await trx
        .updateTable('community_topics as t')
        .set({ answer_post_id: null })
        .where('t.id', 'in', changed)
        .where((eb) =>
          eb.or([
            eb('t.answer_post_id', 'in', openings.length ? openings : [0]),
            eb.not(eb.exists(eb.selectFrom('community_posts as p').select('p.id').whereRef('p.id', '=', 't.answer_post_id'))),
          ]),
        )
        .execute();
    if (changed.length)
      await trx
        .updateTable('community_topics as t')
        .set({
          replies: sql`(select count(*) from community_posts p where p.topic_id = t.id and p.status != 'waiting') - 1`,
          last_post_at: sql`coalesce((select max(p.created_at) from community_posts p where p.topic_id = t.id and p.status != 'waiting'), t.last_post_at)`,
        })
        .where('t.id', 'in', changed)
        .execute();
    return { changed, deleted, files: files.map((f) => f.storage_key) };
  });
}
