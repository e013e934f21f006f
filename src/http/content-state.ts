import type { DB } from '../db/database.ts';

// The content version that rendered pages are cached under. Each instance re-reads it from the
// database at most once per interval, so a change made through any instance reaches the page
// caches of all of them within that interval; a change made here is seen at once.

export interface ContentState {
  version(): string;
  refresh(): Promise<string>;
  stop(): void;
}

export async function contentState(db: DB, intervalMs: number): Promise<ContentState> {
  const read = async () =>
    (await db.selectFrom('content_meta').select('value').where('key', '=', 'content_version').executeTakeFirst())?.value ?? 'empty';
  let current = await read();
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
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}
