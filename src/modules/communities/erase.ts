import type { DB } from '../../db/database.ts';
import * as repo from './repository.ts';
import type { CommunitiesService } from './service.ts';

/**
 * Erases what a person wrote in communities, before their account is deleted, when they ask for
 * it (repository/erase.ts says what goes), deletes their files' bytes, and brings the search up to
 * date: topics deleted leave it, topics that lost posts are indexed again.
 */
export async function erasePosts(
  db: DB,
  o: { communities: Pick<CommunitiesService, 'indexTopic'>; forget: (storageKeys: string[]) => Promise<void> },
  userId: number,
): Promise<void> {
  const { changed, deleted, files } = await repo.erase.erasePostsOf(db, userId);
  await o.forget(files);
  for (const id of [...changed, ...deleted]) await o.communities.indexTopic(id);
}
