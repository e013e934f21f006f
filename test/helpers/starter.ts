import { loadContent } from '../../src/content/load.ts';
import type { Database } from '../../src/db/database.ts';
import { loadFrameworks } from '../../src/modules/assessment/framework/load.ts';
import { createSearch } from '../../src/modules/search/index.ts';

export const STARTER = 'content';

/** Loads a content pack (the starter content by default) and its frameworks, as start-up does. */
export async function loadStarterContent(database: Database, dir = STARTER): Promise<void> {
  await loadContent(database, createSearch(database), dir);
  await loadFrameworks(database, dir);
}
