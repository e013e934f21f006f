import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { JobQueue } from '../../src/platform/jobs/queue.ts';
import { newDatabase, type TestDatabase } from './databases.ts';
import { loadStarterContent, STARTER } from './starter.ts';

// Every test file gets its own real database: a SQLite file, or, when DATABASE_URL names a
// PostgreSQL server, a database of its own that is dropped afterwards. During a run of the suite
// each is a copy of a template built once (test/helpers/databases.ts).

export { emptyDatabase, engine, postgresUrl, type TestDatabase } from './databases.ts';
export { loadStarterContent } from './starter.ts';

/** A migrated database with no rows; with `starterContent`, one with the starter content loaded. */
export function testDatabase(options: { starterContent?: boolean } = {}): Promise<TestDatabase> {
  return newDatabase(options.starterContent ? 'starter' : 'migrated', (d) => loadStarterContent(d));
}

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
  /** The app's job queue. Its worker is not running in tests: runJobs() runs what is due. */
  jobs: JobQueue;
  get(url: string, headers?: Record<string, string>): Promise<Awaited<ReturnType<FastifyInstance['inject']>>>;
}

export interface TestAppOptions {
  /** another content pack to load instead of the starter content (into an empty database) */
  content?: string;
  env?: Record<string, string>;
  /** a database to use (the content is loaded into it, which skips what it already has) */
  database?: Omit<TestDatabase, 'url'> & { url?: string };
  /** run the job worker, as server.ts does (tests that need two workers racing, or a shutdown) */
  jobs?: { work: boolean; pollMs?: number };
}

/** The whole platform on a database of its own with the starter content (or `content`) loaded. */
export async function testApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = options.content ?? STARTER;
  let t: TestDatabase;
  if (options.database) {
    t = { url: '', ...options.database };
    await loadStarterContent(t.database, dir);
  } else if (resolve(dir) === resolve(STARTER)) {
    t = await testDatabase({ starterContent: true });
  } else {
    t = await testDatabase();
    try {
      await loadStarterContent(t.database, dir);
    } catch (error) {
      await t.close();
      throw error;
    }
  }
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BASE_URL: 'http://localhost:3000', ...options.env });
  let app: FastifyInstance;
  try {
    app = await buildApp({ config, database: t.database, contentPollMs: 0, ...(options.jobs ? { jobs: options.jobs } : {}) });
    await app.ready();
  } catch (error) {
    if (!options.database) await t.close();
    throw error;
  }
  return {
    ...t,
    app,
    jobs: app.jobs,
    get: (url, headers = {}) => app.inject({ method: 'GET', url, headers }),
    async close() {
      await app.close();
      await t.close();
    },
  };
}

/**
 * Runs every job that is due now (mail above all), at once, as the worker would on its next beat:
 * the one way tests wait for the queue. Returns how many ran.
 */
export const runJobs = (t: { jobs: JobQueue }): Promise<number> => t.jobs.runDue();
