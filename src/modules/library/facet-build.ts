import type { Database, DB } from '../../db/database.ts';
import { languages } from '../../i18n/languages.ts';
import { buildTask, runBuild, type BuildOptions } from '../../platform/offthread/offthread.ts';
import { facetState, type FacetState } from './facet-index.ts';
import { loadFacetRows, publishedCount } from './repository.ts';

// Building the e-library's facet index from the database, in a worker thread (platform/offthread)
// for a large library or in the server's own thread for a small one.

export async function buildFacetState(db: DB): Promise<FacetState> {
  return facetState(await loadFacetRows(db), languages);
}

export const facetIndexTask = buildTask(new URL(import.meta.url), 'buildFacetState', buildFacetState);

/** The facet index's build for an app: in a worker thread from `workerFrom` published resources. */
export function facetBuilder(database: Database, o: Omit<BuildOptions, 'count'>): () => Promise<FacetState> {
  return () => runBuild(database, facetIndexTask, { ...o, count: publishedCount });
}
