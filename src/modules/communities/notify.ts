import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import type { JobDefinition } from '../../platform/jobs/queue.ts';
import type { NewNotification } from '../notifications/repository.ts';
import type { NotificationsService } from '../notifications/service.ts';
import type { Level } from './lists.ts';
import * as repo from './repository.ts';

// Who hears of a new post, and how: the job `communities.notify` runs once a post is shown (at
// once, or when a facilitator approves it), outside the writer's request. Each active member of
// the community but its writer gets at most one notification, the most pressing that applies:
//   mentioned by "@Their Name"           → mention (mail), unless they muted the topic or community
//   a reply in a topic they started      → reply (mail), unless muted or watching first posts only
//   watching                             → topic or post (mail)
//   watching first posts, a new topic    → topic (mail)
//   tracking                             → post (in the platform only)
// A person's level for the topic wins over their level for the community; with neither, normal.

export const NOTIFY_JOB = 'communities.notify';

/** A person's level for a topic: theirs for the topic, else theirs for the community, else normal. */
export const effectiveLevel = (m: { communityLevel: Level | null; topicLevel: Level | null }): Level => m.topicLevel ?? m.communityLevel ?? 'normal';

/**
 * The people a post mentions, among those given: "@" followed by a person's full name (any case),
 * not followed by a letter or digit; where names share a beginning, the longest wins.
 */
export function mentioned<T extends { userId: number; name: string }>(body: string, people: readonly T[]): Set<number> {
  const found = new Set<number>();
  if (!body.includes('@') || people.length === 0) return found;
  const lower = body.toLocaleLowerCase();
  // People by the first letters of their name, so each "@" looks at a few names, not all.
  const byStart = new Map<string, T[]>();
  for (const p of people) {
    const key = p.name.toLocaleLowerCase().slice(0, 2);
    byStart.set(key, [...(byStart.get(key) ?? []), p]);
  }
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    const candidates = byStart.get(lower.slice(at + 1, at + 3)) ?? [];
    let best: T | null = null;
    for (const p of candidates) {
      const name = p.name.toLocaleLowerCase();
      if (!lower.startsWith(name, at + 1)) continue;
      const next = lower.charAt(at + 1 + name.length);
      if (next && /[\p{L}\p{N}]/u.test(next)) continue;
      if (!best || name.length > best.name.length) best = p;
    }
    if (best) found.add(best.userId);
  }
  return found;
}

export interface ShownPost {
  id: number;
  topicId: number;
  communityId: number;
  authorId: number | null;
  topicAuthorId: number | null;
  body: string;
  /** the topic's opening post: a new topic */
  opening: boolean;
}

/** The notifications a post gives its community's members (rules above). */
export function noticesFor(post: ShownPost, members: readonly repo.levels.AudienceMember[]): NewNotification[] {
  const mentions = mentioned(post.body, members);
  const out: NewNotification[] = [];
  for (const m of members) {
    if (m.userId === post.authorId) continue;
    const level = effectiveLevel(m);
    if (level === 'muted') continue;
    const base = { userId: m.userId, communityId: post.communityId, topicId: post.topicId, postId: post.id, actorId: post.authorId };
    if (mentions.has(m.userId)) out.push({ ...base, kind: 'mention', mail: true });
    else if (!post.opening && m.userId === post.topicAuthorId && level !== 'first-posts') out.push({ ...base, kind: 'reply', mail: true });
    else if (level === 'watching') out.push({ ...base, kind: post.opening ? 'topic' : 'post', mail: true });
    else if (level === 'first-posts' && post.opening) out.push({ ...base, kind: 'topic', mail: true });
    else if (level === 'tracking') out.push({ ...base, kind: post.opening ? 'topic' : 'post', mail: false });
  }
  return out;
}

/** Tells a shown post's community (the job's work); how many people were told. */
export async function notifyPost(db: DB, notifications: Pick<NotificationsService, 'notify'>, postId: number): Promise<number> {
  const p = await repo.levels.postForNotices(db, postId);
  if (!p || p.status !== 'shown') return 0;
  const post: ShownPost = {
    id: p.id,
    topicId: p.topic_id,
    communityId: p.community_id,
    authorId: p.user_id,
    topicAuthorId: p.topic_author,
    body: p.body,
    opening: p.id === p.opening_id,
  };
  return notifications.notify(noticesFor(post, await repo.levels.audience(db, post.communityId, post.topicId)));
}

export const notifyJob = (db: DB, notifications: Pick<NotificationsService, 'notify'>): JobDefinition<{ postId: number }> => ({
  name: NOTIFY_JOB,
  payload: z.object({ postId: z.number().int().positive() }),
  retryLimit: 5,
  describe: (p) => `post ${p.postId}`,
  run: async (p) => {
    await notifyPost(db, notifications, p.postId);
  },
});
