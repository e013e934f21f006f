import type { DB } from '../../db/database.ts';
import { bumpContentVersion, readContentVersion } from './repository.ts';

// The content version that rendered pages are cached under. A change made here is seen at once.
// On PostgreSQL, a trigger announces every new version (migration 0008) and each instance listens,
// so a change made through any instance, the loader or an import reaches the page caches of all of
// them at once. Each instance also re-reads the version once per interval, which is the only path
// on SQLite (one process) and a safety net on PostgreSQL.

export interface ContentState {
  version(): string;
  /** Reads the version from the database now (after someone else changed it). */
  refresh(): Promise<string>;
  /** Content changed here: a new version, seen by this instance at once and announced to the others. */
  changed(): Promise<string>;
  stop(): Promise<void>;
}

type Listen = (channel: string, onMessage: (payload: string) => void) => Promise<() => Promise<void>>;

export async function contentState(db: DB, intervalMs: number, listen?: Listen): Promise<ContentState> {
  const read = () => readContentVersion(db);
  let current = await read();
  // A notification carries the new version; an empty one (after a reconnection) means "read it".
  const unlisten = listen
    ? await listen('intve_content', (payload) => {
        if (payload) current = payload;
        else
          read().then(
            (v) => (current = v),
            () => undefined,
          );
      })
    : null;
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          read().then(
            (v) => (current = v),
            () => undefined, // a failed read keeps the last version; /readyz reports the database
          );
        }, intervalMs)
      : null;
  timer?.unref();
  return {
    version: () => current,
    async refresh() {
      current = await read();
      return current;
    },
    async changed() {
      current = await bumpContentVersion(db);
      return current;
    },
    async stop() {
      if (timer) clearInterval(timer);
      await unlisten?.();
    },
  };
}
