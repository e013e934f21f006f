import type { Database } from '../../../db/database.ts';
import { bumpContentVersion } from '../../../platform/content-version/repository.ts';
import { readFrameworks } from './files.ts';
import { checkLinks } from './links.ts';
import * as repo from './repository.ts';

// Frameworks from content/frameworks/ into versioned documents, at start-up. A change to the
// files publishes a new version (rounds keep the one they started with). Once editors have made
// a version in the back office, the back office owns the framework and start-up leaves it alone,
// as it does for content.

export interface FrameworkLoadResult {
  published: string[];
  unchanged: number;
  skipped: string[];
}

/**
 * Publishes a new version of each framework whose files changed. A framework with a version made
 * in the back office is skipped with a warning: editors own it from then on.
 */
export async function loadFrameworks(database: Database, dir: string, options: { warn?: (message: string) => void } = {}): Promise<FrameworkLoadResult> {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const { db } = database;
  const result: FrameworkLoadResult = { published: [], unchanged: 0, skipped: [] };
  for (const source of await readFrameworks(dir)) {
    const latest = await repo.latestVersion(db, source.document.slug);
    if (latest?.source_hash === source.hash) {
      result.unchanged++;
      continue;
    }
    if (latest && latest.source_hash === null) {
      warn(`framework "${source.document.slug}": its files changed, but editors have changed it in the back office since; start-up leaves it as it is`);
      result.skipped.push(source.document.slug);
      continue;
    }
    await checkLinks(db, source);
    await repo.publishVersion(db, source.document, source.hash, null);
    result.published.push(source.document.slug);
  }
  // Pages showing a framework are cached under the content version, on every instance.
  if (result.published.length) await bumpContentVersion(db);
  return result;
}
