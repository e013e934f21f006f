import type { DB } from '../../db/database.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { User } from '../accounts/repository.ts';
import { audit } from '../admin/repository.ts';
import * as repo from './repository.ts';
import type { CommunitiesService } from './service.ts';

// Edits with their history. A post's author edits it while they may write in its community and
// its topic is open; facilitators (and administrators) edit any post that is not removed, and
// their edits of others' posts go to the audit log. Each edit keeps the text it replaces, which
// whoever may read the post can see: the history of a hidden or waiting post is its author's and
// the facilitators' only, as the post is. An edit made from an older version than the post's
// current one is refused, with the editor's text kept, rather than silently overwriting.

export type EditOutcome = 'done' | 'missing' | 'forbidden' | 'changed' | 'title-needed';

export function editingService(db: DB, o: { communities: CommunitiesService }) {
  /** A post with its community's page and what this person may do with it; null when they may not read it. */
  async function target(slug: string, postId: number, user: User | null, lang: Lang) {
    const p = await o.communities.page(slug, user, lang);
    if (!p || !p.read) return null;
    const post = await repo.editing.postToEdit(db, p.row.id, postId);
    if (!post) return null;
    const own = user !== null && post.userId === user.id;
    if (post.status !== 'shown' && !own && !p.facilitate) return null;
    const edit = user !== null && p.row.archived_at === null && post.status !== 'removed' && (p.facilitate || (own && p.write && !post.locked));
    return { p, post, own, edit };
  }

  return {
    target,

    /** Saves an edit; a post that changed since `seen` (the editor's starting version) is left as it is. */
    async edit(
      slug: string,
      postId: number,
      user: User,
      lang: Lang,
      e: { body: string; lang: string; title?: string | undefined; seen: string },
    ): Promise<{ outcome: EditOutcome; topicId?: number }> {
      const x = await target(slug, postId, user, lang);
      if (!x) return { outcome: 'missing' };
      if (!x.edit) return { outcome: 'forbidden' };
      if (x.post.opening && !e.title) return { outcome: 'title-needed' };
      const saved = await repo.editing.saveEdit(db, {
        post: x.post,
        seen: e.seen === '' ? null : e.seen,
        editorId: user.id,
        body: e.body,
        lang: e.lang,
        title: x.post.opening ? (e.title ?? null) : null,
      });
      if (!saved) return { outcome: 'changed', topicId: x.post.topicId };
      if (!x.own) await audit(db, user, 'community.post.edit', slug, { post: postId, topic: x.post.topicId });
      await o.communities.indexTopic(x.post.topicId);
      return { outcome: 'done', topicId: x.post.topicId };
    },

    /** A post with its earlier texts, for whoever may read it. */
    async history(slug: string, postId: number, user: User | null, lang: Lang) {
      const x = await target(slug, postId, user, lang);
      return x ? { ...x, revisions: await repo.editing.revisions(db, postId) } : null;
    },
  };
}

export type EditingService = ReturnType<typeof editingService>;
