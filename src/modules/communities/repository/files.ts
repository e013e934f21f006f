import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';

// The SQL of files attached to posts (migration 0031). A file is stored when its form is sent,
// belongs to its uploader until their post is written (post_id null), and then to the post.
// Files without a post (a form abandoned, a post deleted) are swept, oldest first.

export interface PostFile {
  id: number;
  postId: number | null;
  fileName: string;
  mediaType: string;
  size: number;
  createdAt: string;
}

/** A file with what deciding who may download it needs: its post's and topic's state and authors. */
export interface FileAccess extends PostFile {
  communityId: number;
  sha256: string;
  storageKey: string;
  topicId: number | null;
  postStatus: string | null;
  postUserId: number | null;
  topicStatus: string | null;
  topicUserId: number | null;
}

/** A file in a community's list: who shared it, in which topic. */
export interface ListedFile extends PostFile {
  topicId: number;
  topic: string;
  author: string | null;
}

const itemColumns = ['f.id', 'f.post_id', 'f.file_name', 'f.media_type', 'f.size', 'f.created_at'] as const;
type ItemRow = { id: number; post_id: number | null; file_name: string; media_type: string; size: number; created_at: string };
const toItem = (r: ItemRow): PostFile => ({
  id: r.id,
  postId: r.post_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: Number(r.size),
  createdAt: r.created_at,
});

export async function insertPending(
  db: DB,
  f: { communityId: number; userId: number; fileName: string; mediaType: string; size: number; sha256: string; storageKey: string },
): Promise<PostFile> {
  const created = new Date().toISOString();
  const row = await db
    .insertInto('community_files')
    .values({
      community_id: f.communityId,
      user_id: f.userId,
      file_name: f.fileName,
      media_type: f.mediaType,
      size: f.size,
      sha256: f.sha256,
      storage_key: f.storageKey,
      created_at: created,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, postId: null, fileName: f.fileName, mediaType: f.mediaType, size: f.size, createdAt: created };
}

/** Of the ids given, the person's files in the community that no post has yet, in the order uploaded. */
export async function pendingOf(db: DB, communityId: number, userId: number, ids: readonly number[]): Promise<PostFile[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('community_files as f')
    .select(itemColumns)
    .where('f.id', 'in', [...ids])
    .where('f.community_id', '=', communityId)
    .where('f.user_id', '=', userId)
    .where('f.post_id', 'is', null)
    .orderBy('f.id')
    .execute();
  return rows.map(toItem);
}

/** How many files the person has waiting for a post, in any community. */
export async function pendingCount(db: DB, userId: number): Promise<number> {
  const r = await db
    .selectFrom('community_files')
    .select(sql<number>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('post_id', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Gives the person's waiting files to their post. */
export async function attach(db: DB, o: { postId: number; communityId: number; userId: number; ids: readonly number[] }): Promise<void> {
  if (o.ids.length === 0) return;
  await db
    .updateTable('community_files')
    .set({ post_id: o.postId })
    .where('id', 'in', [...o.ids])
    .where('community_id', '=', o.communityId)
    .where('user_id', '=', o.userId)
    .where('post_id', 'is', null)
    .execute();
}

/** The files of these posts, by post, in the order uploaded. */
export async function ofPosts(db: DB, postIds: readonly number[]): Promise<Map<number, PostFile[]>> {
  const out = new Map<number, PostFile[]>();
  if (postIds.length === 0) return out;
  const rows = await db
    .selectFrom('community_files as f')
    .select(itemColumns)
    .where('f.post_id', 'in', [...postIds])
    .orderBy('f.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.post_id!) ?? [];
    list.push(toItem(r));
    out.set(r.post_id!, list);
  }
  return out;
}

/** One file of a community, with its post and topic. */
export async function access(db: DB, communityId: number, id: number): Promise<FileAccess | null> {
  const r = await db
    .selectFrom('community_files as f')
    .leftJoin('community_posts as p', 'p.id', 'f.post_id')
    .leftJoin('community_topics as t', 't.id', 'p.topic_id')
    .select([
      ...itemColumns,
      'f.community_id',
      'f.sha256',
      'f.storage_key',
      'p.topic_id',
      'p.status as post_status',
      'p.user_id as post_user',
      't.status as topic_status',
      't.user_id as topic_user',
    ])
    .where('f.id', '=', id)
    .where('f.community_id', '=', communityId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    ...toItem(r),
    communityId: r.community_id,
    sha256: r.sha256,
    storageKey: r.storage_key,
    topicId: r.topic_id,
    postStatus: r.post_status,
    postUserId: r.post_user,
    topicStatus: r.topic_status,
    topicUserId: r.topic_user,
  };
}

/** A page of the files everyone reading the community sees: of shown posts in listed topics, the newest first. */
export async function listed(db: DB, communityId: number, offset: number, limit: number): Promise<{ rows: ListedFile[]; total: number }> {
  const q = db
    .selectFrom('community_files as f')
    .innerJoin('community_posts as p', 'p.id', 'f.post_id')
    .innerJoin('community_topics as t', 't.id', 'p.topic_id')
    .where('f.community_id', '=', communityId)
    .where('p.status', '=', 'shown')
    .where('t.status', 'in', ['shown', 'hidden'])
    .where('t.community_id', '=', communityId);
  const [rows, count] = await Promise.all([
    q
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .select([...itemColumns, 't.id as topic_id', 't.title', 'u.name as author'])
      .orderBy('f.id', 'desc')
      .offset(offset)
      .limit(limit)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...toItem(r), topicId: r.topic_id, topic: r.title, author: r.author })), total: Number(count.n) };
}

/** Deletes the rows of files without a post since before the time given, and says which stored bytes they named. */
export async function sweep(db: DB, before: string, limit: number): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('community_files')
      .select(['id', 'storage_key'])
      .where('post_id', 'is', null)
      .where('created_at', '<', before)
      .orderBy('created_at')
      .limit(limit)
      .execute();
    if (rows.length)
      await trx
        .deleteFrom('community_files')
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    return rows.map((r) => r.storage_key);
  });
}

/** Deletes the rows of these posts' files (their posts are about to go, or were emptied), with the bytes they named. */
export async function removeOfPosts(db: DB, postIds: readonly number[]): Promise<string[]> {
  if (postIds.length === 0) return [];
  const rows = await db
    .deleteFrom('community_files')
    .where('post_id', 'in', [...postIds])
    .returning('storage_key')
    .execute();
  return rows.map((r) => r.storage_key);
}

/** A person's files, for their export. */
export async function filesOf(db: DB, userId: number) {
  return db
    .selectFrom('community_files as f')
    .innerJoin('communities as c', 'c.id', 'f.community_id')
    .select(['c.slug as community', 'f.post_id', 'f.file_name', 'f.media_type', 'f.size', 'f.created_at'])
    .where('f.user_id', '=', userId)
    .orderBy('f.id')
    .execute();
}
