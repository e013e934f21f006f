import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import type { Tables } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';
export type DB = Kysely<Tables>;

export interface Database {
  db: DB;
  dialect: Dialect;
  /** PostgreSQL only: the schema in use when not the default one */
  schema?: string;
  /**
   * The address another thread can open the same database with (platform/offthread); none for an
   * in-memory SQLite database, which only its own connection sees.
   */
  url?: string;
  /** true when the database answers a trivial query */
  ping(): Promise<boolean>;
  /**
   * PostgreSQL only: calls `onMessage` with each notification on `channel` (scoped to the schema in
   * use), over a connection of its own that reconnects after failures; after a reconnection it
   * calls `onMessage('')`, since notifications may have been missed. Resolves to a stop function.
   */
  listen?: (channel: string, onMessage: (payload: string) => void) => Promise<() => Promise<void>>;
  /** For metrics: PostgreSQL's connection pool; SQLite's file sizes. */
  stats(): DatabaseStats;
  /**
   * SQLite only: writes a consistent copy of the whole database into a new file with SQLite's
   * online backup API, while other connections go on reading and writing.
   */
  snapshot?: (to: string) => Promise<void>;
  close(): Promise<void>;
}

/** Whether an error is a unique constraint refusing a row (another request inserted the same key first), on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export interface DatabaseStats {
  pool?: { max: number; total: number; idle: number; waiting: number };
  sqlite?: { databaseBytes: number; walBytes: number };
}

// PostgreSQL returns BIGINT (count(*)) as text by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface OpenOptions {
  /** PostgreSQL only: the schema to use (tests create one each). */
  schema?: string;
  poolSize?: number;
}

/** What another thread needs to open the same database (platform/offthread, search/thread). */
export interface DatabaseAddress {
  url: string;
  schema?: string;
}

/** The database's address for another thread; null for an in-memory SQLite database, which only its own connection sees. */
export function addressOf(database: Database): DatabaseAddress | null {
  return database.url ? { url: database.url, ...(database.schema ? { schema: database.schema } : {}) } : null;
}

/** Opens a connection of this thread's own to a database another thread gave the address of. */
export function openAddress(address: DatabaseAddress, poolSize: number): Database {
  return openDatabase(address.url, { ...(address.schema ? { schema: address.schema } : {}), poolSize });
}

/** Opens SQLite (`sqlite:path` or `sqlite::memory:`) or PostgreSQL (`postgres://…`). */
export function openDatabase(url: string, options: OpenOptions = {}): Database {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  return openPostgres(url, options);
}

function openSqlite(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const handle = new SQLite(path);
  // WAL with synchronous=FULL: every commit is on disk (fsync of the log) before it is
  // acknowledged, so a power cut loses nothing a person was told was saved (NORMAL could lose the
  // last commits). It costs about a millisecond per commit here; reads cost nothing more. README,
  // "Durability on SQLite".
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: preparedOnce(handle) }) });
  return {
    db,
    dialect: 'sqlite',
    ...(path === ':memory:' ? {} : { url: `sqlite:${resolve(path)}` }),
    ping: () => Promise.resolve(handle.open && handle.prepare('select 1 as ok').get() !== undefined),
    stats: () => ({
      sqlite: {
        databaseBytes: Number(handle.pragma('page_count', { simple: true })) * Number(handle.pragma('page_size', { simple: true })),
        walBytes: path === ':memory:' ? 0 : fileSize(`${path}-wal`),
      },
    }),
    // All pages in one step, so under one read transaction: a step-by-step copy would start over
    // each time another process writes, and might never finish on a busy platform.
    snapshot: async (to) => {
      await handle.backup(to, { progress: () => 0x7fffffff });
    },
    close: () => db.destroy(),
  };
}

/** How many compiled statements SQLite keeps per database: every statement the platform runs, with room to spare. */
const STATEMENTS = 500;

/**
 * The database as Kysely's SQLite dialect sees it, keeping each statement it compiles: compiling
 * costs more than running most of the platform's queries (0.2 ms of a search's 4 ms). The least
 * recently used goes past STATEMENTS. No statement is read by two queries at once: Kysely runs
 * one query at a time on its one SQLite connection, a stream (the backup's) included.
 */
function preparedOnce(handle: SQLite.Database): SqliteDialectConfig['database'] {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => handle.close(),
    prepare(sql: string) {
      const statement = kept.get(sql);
      if (statement) {
        kept.delete(sql);
        kept.set(sql, statement);
        return statement;
      }
      const fresh = handle.prepare(sql);
      kept.set(sql, fresh);
      if (kept.size > STATEMENTS) kept.delete(kept.keys().next().value!);
      return fresh;
    },
  };
}

function openPostgres(url: string, options: OpenOptions): Database {
  const connection = {
    connectionString: url,
    connectionTimeoutMillis: 5000,
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)},public` } : {}),
  };
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    url,
    ...(options.schema ? { schema: options.schema } : {}),
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    listen: (channel, onMessage) => listen(connection, channel, onMessage),
    stats: () => ({ pool: { max: pool.options.max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } }),
    close: () => db.destroy(),
  };
}

async function listen(connection: pg.ClientConfig, channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const open = async (): Promise<void> => {
    const c = new pg.Client(connection);
    const lost = () => {
      if (stopped || client !== c) return;
      client = null;
      c.end().catch(() => undefined);
      retry = setTimeout(() => void reopen(), 1000);
      retry.unref();
    };
    c.on('error', lost);
    c.on('end', lost);
    await c.connect();
    const { rows } = await c.query<{ s: string }>('select current_schema() as s');
    const name = quoteIdent(`${channel}_${rows[0]!.s}`);
    c.on('notification', (n) => {
      if (n.channel === name) onMessage(n.payload ?? '');
    });
    await c.query(`listen ${name}`);
    client = c;
  };
  const reopen = async () => {
    try {
      await open();
      onMessage('');
    } catch {
      if (!stopped) {
        retry = setTimeout(() => void reopen(), 5000);
        retry.unref();
      }
    }
  };
  await open();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
    client = null;
  };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe schema name: ${name}`);
  return name;
}
