import type { DB } from '../../../db/database.ts';
import type { PostStatus } from '../lists.ts';
import { postIn } from './moderation.ts';

// The SQL of edits (migration 0028): a post with what deciding on an edit needs, the edit itself
// (the text it replaces kept first, in one transaction, and only if nobody changed the post
// since the editor opened it), and a post's earlier texts.

const now = () => new Date().toISOString();

export interface PostToEdit {
  id: number;
  topicId: number;
  userId: number | null;
  author: string | null;
  body: string;
  lang: string;
  status: PostStatus;
  createdAt: string;
  editedAt: string | null;
  topicTitle: string;
  topicLang: string;
  locked: boolean;
  /** the topic's opening post: its edit may change the title */
  opening: boolean;
}

/** One post of a community, with its topic; undefined when the community has no such post. */
export async function postToEdit(db: DB, communityId: number, postId: number): Promise<PostToEdit | undefined> {
  const r = await postIn(db, communityId, postId);
  if (!r) return undefined;
  return {
    id: r.id,
    topicId: r.topic_id,
    userId: r.user_id,
    author: r.author,
    body: r.body,
    lang: r.lang,
    status: r.status as PostStatus,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    topicTitle: r.topic_title,
    topicLang: r.topic_lang,
    locked: r.locked_at !== null,
    opening: Number(r.opening_id) === r.id,
  };
}

/**
 * Replaces a post's text (and, for an opening post, its topic's title), keeping the old one
 * first. `seen` is the edit the editor started from (null: the original): when the post changed
 * since, nothing is written and the answer is false.
 */
export async function saveEdit(
  db: DB,
  e: { post: PostToEdit; seen: string | null; editorId: number; body: string; lang: string; title: string | null },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const at = now();
    let q = trx.updateTable('community_posts').set({ body: e.body, lang: e.lang, edited_at: at }).where('id', '=', e.post.id);
    q = e.seen === null ? q.where('edited_at', 'is', null) : q.where('edited_at', '=', e.seen);
    const changed = await q.executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return false;
    await trx
      .insertInto('community_post_revisions')
      .values({
        post_id: e.post.id,
        body: e.post.body,
        lang: e.post.lang,
        title: e.post.opening ? e.post.topicTitle : null,
        replaced_by: e.editorId,
        replaced_at: at,
      })
      .execute();
    if (e.post.opening && e.title !== null) await trx.updateTable('community_topics').set({ title: e.title }).where('id', '=', e.post.topicId).execute();
    return true;
  });
}

export interface Revision {
  id: number;
  body: string;
  lang: string;
  title: string | null;
  replacedBy: string | null;
  replacedAt: string;
}

/** A post's earlier texts, the newest first. */
export async function revisions(db: DB, postId: number): Promise<Revision[]> {
  const rows = await db
    .selectFrom('community_post_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.replaced_by')
    .select(['r.id', 'r.body', 'r.lang', 'r.title', 'u.name', 'r.replaced_at'])
    .where('r.post_id', '=', postId)
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, body: r.body, lang: r.lang, title: r.title, replacedBy: r.name, replacedAt: r.replaced_at }));
}
