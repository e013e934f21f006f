import type { DB } from '../../db/database.ts';
import * as repo from './repository.ts';
import type { CommunitiesService } from './service.ts';

/**
 * Erases what a person wrote in communities, before their account is deleted, when they ask for
 * it (repository/erase.ts says what goes), and brings the search up to date: topics deleted leave
 * it, topics that lost posts are indexed again.
 */
export async function erasePosts(db: DB, communities: Pick<CommunitiesService, 'indexTopic'>, userId: number): Promise<void> {
  const { changed, deleted } = await repo.erase.erasePostsOf(db, userId);
  for (const id of [...changed, ...deleted]) await communities.indexTopic(id);
}
