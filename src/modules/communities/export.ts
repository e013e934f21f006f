import type { DB } from '../../db/database.ts';
import * as repo from './repository.ts';

// What a person's data export (/{lang}/account/data.json) holds of communities: their
// memberships, posts (with their state, and why a facilitator removed one), the files they
// attached (named and described; the bytes are downloaded from the posts), notification levels and
// digest choice.

export async function exportFor(db: DB, userId: number) {
  const [memberships, posts, digest, levels, files] = await Promise.all([
    repo.membershipsOf(db, userId),
    repo.postsBy(db, userId),
    repo.digest.digestOf(db, userId),
    repo.levels.chosenBy(db, userId),
    repo.files.filesOf(db, userId),
  ]);
  return {
    digest: digest ? { frequency: digest.frequency, last: digest.lastSentAt } : null,
    levels: levels.map((l) => ({ community: l.slug, ...(l.topic_id === null ? {} : { topic: l.topic_id }), level: l.level })),
    memberships: memberships.map((m) => ({ community: m.slug, role: m.role, status: m.status, since: m.created_at })),
    posts: posts.map((p) => ({
      community: p.community,
      topic: p.topic,
      lang: p.lang,
      written: p.created_at,
      body: p.body,
      state: p.status,
      ...(p.removed_reason ? { removedBecause: p.removed_reason } : {}),
    })),
    files: files.map((f) => ({
      community: f.community,
      name: f.file_name,
      type: f.media_type,
      size: Number(f.size),
      uploaded: f.created_at,
      onPost: f.post_id !== null,
    })),
  };
}
