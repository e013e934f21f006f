import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadContent } from '../../src/content/load.ts';
import { loadFrameworks } from '../../src/modules/assessment/framework/load.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createSearch } from '../../src/modules/search/index.ts';

// Every test file gets its own real database: a fresh SQLite file, or, when DATABASE_URL names
// a PostgreSQL server, a schema of its own that is dropped afterwards.

export const postgresUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
export const engine = postgresUrl ? 'postgres' : 'sqlite';

export interface TestDatabase {
  database: Database;
  close(): Promise<void>;
}

/** An advisory lock key of the test suite's own (any constant bigint nobody else uses). */
const SCHEMA_LOCK = 7_340_912_215;

export async function testDatabase(): Promise<TestDatabase> {
  if (postgresUrl) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = openDatabase(postgresUrl, { poolSize: 1 });
    // Kysely's migrator looks at the tables of every schema before it takes its own lock; a schema
    // another test file drops meanwhile makes that query fail ("schema … does not exist"). So
    // migrating and dropping take turns across test processes, under one advisory lock.
    const exclusively = async (work: () => Promise<void>) => {
      await sql`select pg_advisory_lock(${SCHEMA_LOCK})`.execute(admin.db);
      try {
        await work();
      } finally {
        await sql`select pg_advisory_unlock(${SCHEMA_LOCK})`.execute(admin.db);
      }
    };
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    const database = openDatabase(postgresUrl, { schema, poolSize: 5 });
    const drop = async () => {
      await database.close();
      await exclusively(async () => {
        await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
      });
      await admin.close();
    };
    try {
      await exclusively(async () => {
        await migrate(database);
      });
    } catch (error) {
      await drop();
      throw error;
    }
    return {
      database,
      close: drop,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'intve-test-'));
  const database = openDatabase(`sqlite:${join(dir, 'test.db')}`);
  await migrate(database);
  return {
    database,
    async close() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
  get(url: string, headers?: Record<string, string>): Promise<Awaited<ReturnType<FastifyInstance['inject']>>>;
}

/** The whole platform on a fresh database with the starter content loaded. */
export async function testApp(options: { content?: string; env?: Record<string, string>; database?: TestDatabase } = {}): Promise<TestApp> {
  const t = options.database ?? (await testDatabase());
  await loadContent(t.database, createSearch(t.database), options.content ?? 'content');
  await loadFrameworks(t.database, options.content ?? 'content');
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BASE_URL: 'http://localhost:3000', ...options.env });
  const app = await buildApp({ config, database: t.database, contentPollMs: 0 });
  await app.ready();
  return {
    ...t,
    app,
    get: (url, headers = {}) => app.inject({ method: 'GET', url, headers }),
    async close() {
      await app.close();
      await t.close();
    },
  };
}
