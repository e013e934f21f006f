import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { installJobStore } from '../platform/jobs/repository/postgres.ts';
import type { Database, Dialect } from './database.ts';
import * as m0001 from './migrations/0001_content.ts';
import * as m0002 from './migrations/0002_accounts.ts';
import * as m0003 from './migrations/0003_centres.ts';
import * as m0004 from './migrations/0004_audit.ts';
import * as m0005 from './migrations/0005_revisions.ts';
import * as m0006 from './migrations/0006_publishing.ts';
import * as m0007 from './migrations/0007_files.ts';
import * as m0008 from './migrations/0008_content_notify.ts';
import * as m0009 from './migrations/0009_frameworks.ts';
import * as m0010 from './migrations/0010_rounds.ts';
import * as m0011 from './migrations/0011_resource_revisions.ts';
import * as m0012 from './migrations/0012_anonymity.ts';
import * as m0013 from './migrations/0013_jobs.ts';
import * as m0014 from './migrations/0014_round_targets.ts';
import * as m0015 from './migrations/0015_round_notices.ts';
import * as m0016 from './migrations/0016_plan_owners.ts';
import * as m0017 from './migrations/0017_certificate_validity.ts';
import * as m0018 from './migrations/0018_group_codes.ts';
import * as m0019 from './migrations/0019_resource_ask.ts';
import * as m0020 from './migrations/0020_search_log.ts';
import * as m0021 from './migrations/0021_centre_network.ts';
import * as m0022 from './migrations/0022_conversations.ts';
import * as m0023 from './migrations/0023_consortia.ts';
import * as m0024 from './migrations/0024_communities.ts';
import * as m0025 from './migrations/0025_community_moderation.ts';
import * as m0026 from './migrations/0026_notifications.ts';
import * as m0027 from './migrations/0027_digests.ts';
import * as m0028 from './migrations/0028_post_revisions.ts';
import * as m0029 from './migrations/0029_search_community.ts';
import * as m0030 from './migrations/0030_helpful_answers.ts';
import * as m0031 from './migrations/0031_community_files.ts';
import * as m0032 from './migrations/0032_events.ts';

type DialectMigration = { up(db: Parameters<Migration['up']>[0], dialect: Dialect): Promise<void> };

// Listed explicitly, in order: a migration never changes once it has landed.
const migrations: Record<string, DialectMigration> = {
  '0001_content': m0001,
  '0002_accounts': m0002,
  '0003_centres': m0003,
  '0004_audit': m0004,
  '0005_revisions': m0005,
  '0006_publishing': m0006,
  '0007_files': m0007,
  '0008_content_notify': m0008,
  '0009_frameworks': m0009,
  '0010_rounds': m0010,
  '0011_resource_revisions': m0011,
  '0012_anonymity': m0012,
  '0013_jobs': m0013,
  '0014_round_targets': m0014,
  '0015_round_notices': m0015,
  '0016_plan_owners': m0016,
  '0017_certificate_validity': m0017,
  '0018_group_codes': m0018,
  '0019_resource_ask': m0019,
  '0020_search_log': m0020,
  '0021_centre_network': m0021,
  '0022_conversations': m0022,
  '0023_consortia': m0023,
  '0024_communities': m0024,
  '0025_community_moderation': m0025,
  '0026_notifications': m0026,
  '0027_digests': m0027,
  '0028_post_revisions': m0028,
  '0029_search_community': m0029,
  '0030_helpful_answers': m0030,
  '0031_community_files': m0031,
  '0032_events': m0032,
};

class Provider implements MigrationProvider {
  private readonly dialect: Dialect;
  constructor(dialect: Dialect) {
    this.dialect = dialect;
  }
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(Object.fromEntries(Object.entries(migrations).map(([name, m]) => [name, { up: (db) => m.up(db, this.dialect) }])));
  }
}

/** Every migration this code knows, oldest first. */
export const migrationNames: readonly string[] = Object.keys(migrations);

const MIGRATION_TABLE = 'kysely_migration';
/** Kysely's bookkeeping tables: a backup leaves them out, since a restore runs the migrations itself. */
export const migrationTables: readonly string[] = [MIGRATION_TABLE, 'kysely_migration_lock'];

/**
 * Brings the schema up to date, the job queue's included, or only up to the migration `to` names
 * (a restore loads a backup at the migration it was taken at, then runs the newer ones; tests of a
 * migration's conversion of older data). On PostgreSQL, Kysely holds an advisory lock so instances
 * take turns.
 */
export async function migrate(database: Database, o: { to?: string } = {}): Promise<string[]> {
  if (database.dialect === 'postgres') await ensureUnaccent(database);
  const migrator = new Migrator({
    db: database.db,
    provider: new Provider(database.dialect),
    // Kysely looks for its bookkeeping tables across schemas unless told which one is ours.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = o.to ? await migrator.migrateTo(o.to) : await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  // The job queue's tables on PostgreSQL are pg-boss's, which creates and migrates them itself
  // (under a lock); on SQLite they are migration 0013.
  if (database.dialect === 'postgres') await installJobStore(database);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations the database has had, oldest first, including any this code does not know; none for a new database. */
export async function appliedMigrations(database: Database): Promise<string[]> {
  if (!(await hasMigrationTable(database))) return [];
  const table = database.schema ? sql.id(database.schema, MIGRATION_TABLE) : sql.id(MIGRATION_TABLE);
  return (await sql<{ name: string }>`select name from ${table} order by name`.execute(database.db)).rows.map((r) => r.name);
}

async function hasMigrationTable(database: Database): Promise<boolean> {
  const found =
    database.dialect === 'postgres'
      ? await sql`select 1 from information_schema.tables where table_schema = ${database.schema ?? sql`current_schema()`} and table_name = ${MIGRATION_TABLE}`.execute(
          database.db,
        )
      : await sql`select 1 from sqlite_master where type = 'table' and name = ${MIGRATION_TABLE}`.execute(database.db);
  return found.rows.length > 0;
}

async function ensureUnaccent(database: Database): Promise<void> {
  const installed = async () =>
    (await sql<{ n: number }>`select count(*) as n from pg_extension where extname = 'unaccent'`.execute(database.db)).rows[0]?.n === 1;
  if (await installed()) return;
  try {
    await sql`create extension if not exists unaccent with schema public`.execute(database.db);
  } catch (error) {
    // Two instances may race here; only a missing extension is fatal.
    if (!(await installed())) {
      throw new Error(
        `PostgreSQL needs the unaccent extension and this user cannot create it: run "CREATE EXTENSION unaccent;" as a superuser (${(error as Error).message})`,
        { cause: error },
      );
    }
  }
}
