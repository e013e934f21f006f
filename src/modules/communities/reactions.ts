import type { DB } from '../../db/database.ts';
import type { User } from '../accounts/repository.ts';
import * as repo from './repository.ts';
import { canFacilitate, canRead, canWrite, type CommunitiesService } from './service.ts';

// "Helpful" and marked answers. An active member marks someone else's post, shown to everyone,
// as helpful (once; they can take it back). A topic's author, while a member, or a facilitator
// marks the reply that answered the topic (one at most; marking another moves it), and can take
// the mark back. Whoever may not gets what a missing page gets.

export type ReactionOutcome = { outcome: 'done'; topicId: number } | { outcome: 'missing' | 'forbidden' | 'own' };

export function reactionsService(db: DB, o: { communities: CommunitiesService }) {
  /** The community, the reader's membership, and one of its posts. */
  async function postIn(slug: string, postId: number, user: User) {
    const c = await o.communities.load(slug);
    if (!c) return null;
    const m = await o.communities.membershipOf(c, user);
    if (!canRead(c, user, m)) return null;
    const post = await repo.editing.postToEdit(db, c.id, postId);
    return post ? { c, m, post } : null;
  }

  return {
    async helpful(slug: string, postId: number, user: User, on: boolean): Promise<ReactionOutcome> {
      const x = await postIn(slug, postId, user);
      if (!x || x.post.status !== 'shown') return { outcome: 'missing' };
      if (x.post.userId === user.id) return { outcome: 'own' };
      if (!canWrite(x.c, x.m)) return { outcome: 'forbidden' };
      await repo.helpful.setHelpful(db, postId, user.id, on);
      return { outcome: 'done', topicId: x.post.topicId };
    },

    /** Marks a reply of the topic as its answer, or takes the mark back (postId null). */
    async answer(slug: string, topicId: number, user: User, postId: number | null): Promise<ReactionOutcome> {
      const c = await o.communities.load(slug);
      if (!c) return { outcome: 'missing' };
      const m = await o.communities.membershipOf(c, user);
      const topic = canRead(c, user, m) ? await repo.topic(db, c.id, topicId) : null;
      if (!topic || topic.status !== 'shown') return { outcome: 'missing' };
      const mayMark = canFacilitate(c, user, m) || (topic.authorId === user.id && canWrite(c, m));
      if (!mayMark) return { outcome: 'forbidden' };
      if (postId !== null) {
        const post = await repo.editing.postToEdit(db, c.id, postId);
        if (!post || post.topicId !== topicId || post.opening || post.status !== 'shown') return { outcome: 'missing' };
      }
      await repo.helpful.setAnswer(db, topicId, postId);
      return { outcome: 'done', topicId };
    },

    totals: (postIds: number[], readerId: number | null) => repo.helpful.helpfulOf(db, postIds, readerId),
    /** A topic's opening post, which cannot be its own answer. */
    opening: (topicId: number) => repo.levels.openingPost(db, topicId),
  };
}

export type ReactionsService = ReturnType<typeof reactionsService>;
