import { createHash } from 'node:crypto';
import { constants, copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';

// Where test databases come from. A run of the whole suite (scripts/test.mjs) builds two
// templates once: "migrated" (the schema, no rows) and "starter" (with the starter content
// loaded); each test file then gets a copy, a file copy on SQLite and a database made with
// CREATE DATABASE … TEMPLATE on PostgreSQL, which takes milliseconds instead of seconds. The
// run passes its templates' location to the test processes in INTVE_TEST_TEMPLATE (a folder on
// SQLite, a database name prefix on PostgreSQL) and removes the templates and every copy at the
// end. A file run on its own, without it, builds each database the slow way, as the suite did
// before, and removes it when the test closes it.
//
// Names carry this machine and the owning process, so the next run removes what an interrupted
// one left behind (its process is gone) and never touches another live run's databases.

export const postgresUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
export const engine = postgresUrl ? 'postgres' : 'sqlite';
export const TEMPLATE_ENV = 'INTVE_TEST_TEMPLATE';

export type Flavour = 'migrated' | 'starter';

export interface TestDatabase {
  database: Database;
  /** the connection URL of this test's own database (for a second connection to it) */
  url: string;
  close(): Promise<void>;
}

/** Fills a migrated database with the starter content (given by the caller: it lives in the features). */
export type Filler = (database: Database) => Promise<void>;

const host = createHash('sha256').update(hostname()).digest('hex').slice(0, 6);
/** Every name this suite gives a database or a folder starts with it, then the owning pid. */
const PREFIX = `intve_test_${host}_`;
const TMP_PREFIX = `intve-test-${host}-`;
let copies = 0;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

// ── PostgreSQL ────────────────────────────────────────────────────────────────────────────────

const dbUrl = (name: string) => {
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  return url.toString();
};

const ident = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  return `"${name}"`;
};

/** Runs statements over one connection to the server's own database (the one DATABASE_URL names). */
async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops databases over a few connections at once (each DROP DATABASE waits for a checkpoint;
 * concurrent ones share it). `gently`: for a database its own process has just closed, whose
 * connections may still be closing (pg's pool.end() resolves before its sockets do): a plain DROP
 * waits up to 5 s for them, where WITH (FORCE) would kill them and their clients would throw.
 */
async function dropDatabases(names: string[], o: { gently?: boolean } = {}): Promise<void> {
  const queue = [...names];
  const worker = () =>
    onServer(async (client) => {
      for (let name = queue.shift(); name; name = queue.shift()) {
        await client.query(`alter database ${ident(name)} with is_template false allow_connections true`).catch(() => undefined);
        const inUse = o.gently
          ? await client.query(`drop database if exists ${ident(name)}`).then(
              () => false,
              (error: { code?: string }) => {
                if (error.code === '55006') return true;
                throw error;
              },
            )
          : true;
        if (inUse) await client.query(`drop database if exists ${ident(name)} with (force)`);
      }
    });
  await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
}

const databasesLike = async (client: pg.Client, prefix: string) =>
  (await client.query<{ datname: string }>(`select datname from pg_database where starts_with(datname, $1) order by datname`, [prefix])).rows.map(
    (r) => r.datname,
  );

/**
 * A new PostgreSQL database, empty or a copy of a template. A copy made during a run is left for
 * the run to drop once its test process has ended (Templates.reap), with others side by side: a
 * drop waits for a checkpoint, seconds on a busy machine, and drops at the same time share one.
 */
async function createPostgres(name: string, template?: string, o: { keep?: boolean } = {}): Promise<TestDatabase> {
  await onServer((c) => c.query(`create database ${ident(name)}${template ? ` template ${ident(template)} strategy = ${strategy}` : ''}`));
  const url = dbUrl(name);
  const database = openDatabase(url, { poolSize: 5 });
  return {
    database,
    url,
    async close() {
      await database.close();
      if (!o.keep) await dropDatabases([name], { gently: true });
    },
  };
}

/** WAL_LOG (PostgreSQL 15's default) copies a small database faster than FILE_COPY, which checkpoints twice. */
const strategy = process.env.INTVE_TEST_PG_STRATEGY === 'file_copy' ? 'file_copy' : 'wal_log';

// ── SQLite ────────────────────────────────────────────────────────────────────────────────────

function openSqliteCopy(path: string, removeAlso?: string): TestDatabase {
  const url = `sqlite:${path}`;
  const database = openDatabase(url);
  return {
    database,
    url,
    async close() {
      await database.close();
      for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
      if (removeAlso) rmSync(removeAlso, { recursive: true, force: true });
    },
  };
}

/** Writes a consistent, self-contained copy of a SQLite database (no WAL file beside it). */
async function snapshot(database: Database, to: string): Promise<void> {
  await sql`vacuum into ${to}`.execute(database.db);
}

// ── Both ──────────────────────────────────────────────────────────────────────────────────────

/** An empty database of its own, not even migrated (for tests of what a migration does to older data). */
export async function unmigratedDatabase(): Promise<TestDatabase> {
  if (postgresUrl) return createPostgres(`${PREFIX}${process.pid}_${++copies}`);
  const dir = mkdtempSync(join(tmpdir(), `${TMP_PREFIX}${process.pid}-`));
  return openSqliteCopy(join(dir, 'test.db'), dir);
}

/** A migrated database of its own, built from nothing (a file run on its own, and the templates). */
async function freshDatabase(): Promise<TestDatabase> {
  const t = await unmigratedDatabase();
  try {
    await migrate(t.database);
  } catch (error) {
    await t.close();
    throw error;
  }
  return t;
}

/** A database for one test: a copy of the run's template when there is one, else built here. */
export async function newDatabase(flavour: Flavour, fill: Filler): Promise<TestDatabase> {
  const location = process.env[TEMPLATE_ENV];
  if (location) {
    const n = ++copies;
    if (postgresUrl) return createPostgres(`${location}_${process.pid}_${n}`, `${location}_${flavour}`, { keep: true });
    const path = join(location, `copy-${process.pid}-${n}.db`);
    copyFileSync(join(location, `${flavour}.db`), path, constants.COPYFILE_FICLONE);
    return openSqliteCopy(path);
  }
  const t = await freshDatabase();
  if (flavour === 'starter') {
    try {
      await fill(t.database);
    } catch (error) {
      await t.close();
      throw error;
    }
  }
  return t;
}

/**
 * A database with nothing in it, not even the schema: what a restore starts from. `engine` picks
 * SQLite even when the run is on PostgreSQL (a restore from one engine into the other).
 */
export async function emptyDatabase(o: { engine?: 'sqlite' | 'postgres' } = {}): Promise<TestDatabase> {
  const location = process.env[TEMPLATE_ENV];
  if ((o.engine ?? engine) === 'postgres') {
    if (!postgresUrl) throw new Error('an empty PostgreSQL database needs DATABASE_URL to name a PostgreSQL server');
    // During a run, under the run's name, so the run drops it once this test process has ended.
    return location
      ? createPostgres(`${location}_${process.pid}_${++copies}`, undefined, { keep: true })
      : createPostgres(`${PREFIX}${process.pid}_${++copies}`);
  }
  const dir = mkdtempSync(join(tmpdir(), `${TMP_PREFIX}${process.pid}-`));
  return openSqliteCopy(join(dir, 'empty.db'), dir);
}

export interface Templates {
  /** the value for INTVE_TEST_TEMPLATE */
  location: string;
  /** Removes the copies whose test process has ended (the run calls it now and then while tests run). */
  reap(): Promise<void>;
  /** Removes the templates and every copy made from them. */
  drop(): Promise<void>;
}

const ownerOf = (name: string, prefix: string) => Number(/^(\d+)[_-]/.exec(name.slice(prefix.length))?.[1] ?? 0);

/** Builds the run's two templates, after removing what interrupted runs on this machine left behind. */
export async function buildTemplates(fill: Filler): Promise<Templates> {
  await sweep();
  if (postgresUrl) {
    const location = `${PREFIX}${process.pid}_${Date.now().toString(36)}`;
    const drop = async () => dropDatabases(await onServer((c) => databasesLike(c, location)));
    try {
      const migrated = await createPostgres(`${location}_migrated`);
      await migrate(migrated.database);
      await migrated.database.close();
      await onServer((c) => c.query(`alter database ${ident(`${location}_migrated`)} with is_template true allow_connections false`));
      const starter = await createPostgres(`${location}_starter`, `${location}_migrated`);
      await fill(starter.database);
      await starter.database.close();
      await onServer((c) => c.query(`alter database ${ident(`${location}_starter`)} with is_template true allow_connections false`));
    } catch (error) {
      await drop();
      throw error;
    }
    const reap = async () =>
      dropDatabases(
        (await onServer((c) => databasesLike(c, `${location}_`))).filter(
          (name) => /^\d+_\d+$/.test(name.slice(location.length + 1)) && !alive(ownerOf(name, `${location}_`)),
        ),
      );
    return { location, reap, drop };
  }
  const location = mkdtempSync(join(tmpdir(), `${TMP_PREFIX}${process.pid}-`));
  const drop = () => Promise.resolve(rmSync(location, { recursive: true, force: true }));
  try {
    const build = openDatabase(`sqlite:${join(location, 'build.db')}`);
    try {
      await migrate(build);
      await snapshot(build, join(location, 'migrated.db'));
      await fill(build);
      await snapshot(build, join(location, 'starter.db'));
    } finally {
      await build.close();
    }
    for (const file of ['build.db', 'build.db-wal', 'build.db-shm']) rmSync(join(location, file), { force: true });
  } catch (error) {
    await drop();
    throw error;
  }
  // A test process removes its own copies when it closes them; one that died leaves them to drop().
  return { location, reap: () => Promise.resolve(), drop };
}

/** A folder for a run's temporary files (the test processes' TMPDIR), for the run to remove; the next run removes one an interrupted run left. */
export const scratchFolder = () => mkdtempSync(join(tmpdir(), `${TMP_PREFIX}${process.pid}-tmp-`));

/** Removes the databases and folders of runs on this machine whose process is gone. */
export async function sweep(): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    if (name.startsWith(TMP_PREFIX) && !alive(ownerOf(name, TMP_PREFIX))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
  if (postgresUrl) {
    await dropDatabases((await onServer((c) => databasesLike(c, PREFIX))).filter((name) => !alive(ownerOf(name, PREFIX))));
  }
}
