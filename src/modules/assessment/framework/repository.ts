import type { DB } from '../../../db/database.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { FrameworkDocument } from './document.ts';

// Frameworks and their versions (a published version never changes: a new one is added), and
// what a framework's links point at: stations, their actions, resources.

/** The framework rounds are started on. */
export const DEFAULT_FRAMEWORK = 'vocational-excellence';

export interface FrameworkVersion {
  id: number;
  slug: string;
  version: number;
  status: string;
  document: FrameworkDocument;
  source_hash: string | null;
  published_at: string | null;
}

const versions = (db: DB) =>
  db
    .selectFrom('framework_versions')
    .innerJoin('frameworks', 'frameworks.id', 'framework_versions.framework_id')
    .select([
      'framework_versions.id',
      'frameworks.slug',
      'framework_versions.version',
      'framework_versions.status',
      'framework_versions.document',
      'framework_versions.source_hash',
      'framework_versions.published_at',
    ]);

const parsed = (row: { document: string } & Omit<FrameworkVersion, 'document'>): FrameworkVersion => ({
  ...row,
  document: JSON.parse(row.document) as FrameworkDocument,
});

/** The newest version of a framework, draft or published. */
export async function latestVersion(db: DB, slug: string): Promise<FrameworkVersion | null> {
  const row = await versions(db).where('frameworks.slug', '=', slug).orderBy('framework_versions.version', 'desc').executeTakeFirst();
  return row ? parsed(row) : null;
}

/** The version rounds start with now: the newest published one. */
export async function currentVersion(db: DB, slug: string): Promise<FrameworkVersion | null> {
  const row = await versions(db)
    .where('frameworks.slug', '=', slug)
    .where('framework_versions.status', '=', 'published')
    .orderBy('framework_versions.version', 'desc')
    .executeTakeFirst();
  return row ? parsed(row) : null;
}

export async function versionById(db: DB, id: number): Promise<FrameworkVersion | null> {
  const row = await versions(db).where('framework_versions.id', '=', id).executeTakeFirst();
  return row ? parsed(row) : null;
}

/** Adds the next version of a framework (creating the framework on its first one), published at once. */
export async function publishVersion(db: DB, document: FrameworkDocument, sourceHash: string | null, createdBy: number | null): Promise<number> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const framework =
      (await trx.selectFrom('frameworks').select('id').where('slug', '=', document.slug).executeTakeFirst()) ??
      (await trx.insertInto('frameworks').values({ slug: document.slug, created_at: now }).returning('id').executeTakeFirstOrThrow());
    const last = await trx
      .selectFrom('framework_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('framework_id', '=', framework.id)
      .executeTakeFirst();
    const { id } = await trx
      .insertInto('framework_versions')
      .values({
        framework_id: framework.id,
        version: Number(last?.v ?? 0) + 1,
        status: 'published',
        document: JSON.stringify(document),
        source_hash: sourceHash,
        created_at: now,
        published_at: now,
        created_by: createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  });
}

/** Titles of published resources in the reader's language, or English. */
export async function resourceTitles(db: DB, slugs: string[], lang: string): Promise<Map<string, { value: string; lang: Lang }>> {
  if (!slugs.length) return new Map();
  const rows = await db
    .selectFrom('resources')
    .innerJoin('resource_translations', 'resource_translations.resource_id', 'resources.id')
    .select(['resources.slug', 'resource_translations.lang', 'resource_translations.title'])
    .where('resources.slug', 'in', slugs)
    .where('resources.published', '=', 1)
    .where('resource_translations.lang', 'in', [lang, 'en'])
    .execute();
  const out = new Map<string, { value: string; lang: Lang }>();
  for (const r of rows) {
    if (!r.title) continue;
    if (r.lang === lang || !out.has(r.slug)) out.set(r.slug, { value: r.title, lang: r.lang as Lang });
  }
  return out;
}

/** Every version of a framework, newest first (without their documents). */
export async function versionsOf(db: DB, slug: string) {
  return db
    .selectFrom('framework_versions')
    .innerJoin('frameworks', 'frameworks.id', 'framework_versions.framework_id')
    .leftJoin('users', 'users.id', 'framework_versions.created_by')
    .select([
      'framework_versions.id',
      'framework_versions.version',
      'framework_versions.status',
      'framework_versions.source_hash',
      'framework_versions.created_at',
      'framework_versions.published_at',
      'users.name as author',
    ])
    .where('frameworks.slug', '=', slug)
    .orderBy('framework_versions.version', 'desc')
    .execute();
}

/** What framework links may point at: every station's action groups (in English), and every resource's slug. */
export async function linkTargets(db: DB) {
  const [stations, resources] = await Promise.all([
    db
      .selectFrom('stations')
      .innerJoin('packages', 'packages.id', 'stations.package_id')
      .innerJoin('station_translations', (j) => j.onRef('station_translations.station_id', '=', 'stations.id').on('station_translations.lang', '=', 'en'))
      .select(['packages.number', 'stations.position', 'station_translations.action_groups'])
      .execute(),
    db.selectFrom('resources').select('slug').execute(),
  ]);
  return { stations, resources: resources.map((r) => r.slug) };
}

export const frameworkSlugs = async (db: DB): Promise<string[]> =>
  (await db.selectFrom('frameworks').select('slug').orderBy('slug').execute()).map((f) => f.slug);

/**
 * Saves the framework's draft: the one draft row is created on the first change (numbered after
 * the newest version) and rewritten on later ones.
 */
export async function saveDraft(db: DB, document: FrameworkDocument, userId: number): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const framework = await trx.selectFrom('frameworks').select('id').where('slug', '=', document.slug).executeTakeFirstOrThrow();
    const draft = await trx
      .selectFrom('framework_versions')
      .select('id')
      .where('framework_id', '=', framework.id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (draft) {
      await trx
        .updateTable('framework_versions')
        .set({ document: JSON.stringify(document), created_by: userId, created_at: now })
        .where('id', '=', draft.id)
        .execute();
      return;
    }
    const last = await trx
      .selectFrom('framework_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('framework_id', '=', framework.id)
      .executeTakeFirst();
    await trx
      .insertInto('framework_versions')
      .values({
        framework_id: framework.id,
        version: Number(last?.v ?? 0) + 1,
        status: 'draft',
        document: JSON.stringify(document),
        source_hash: null,
        created_at: now,
        published_at: null,
        created_by: userId,
      })
      .execute();
  });
}

/** Publishes the draft as the framework's next version; false when there is none. */
export async function publishDraft(db: DB, slug: string): Promise<number | null> {
  const draft = await versions(db).where('frameworks.slug', '=', slug).where('framework_versions.status', '=', 'draft').executeTakeFirst();
  if (!draft) return null;
  await db
    .updateTable('framework_versions')
    .set({ status: 'published', published_at: new Date().toISOString() })
    .where('id', '=', draft.id)
    .where('status', '=', 'draft')
    .execute();
  return draft.version;
}

export async function discardDraft(db: DB, slug: string): Promise<void> {
  const framework = await db.selectFrom('frameworks').select('id').where('slug', '=', slug).executeTakeFirst();
  if (framework) await db.deleteFrom('framework_versions').where('framework_id', '=', framework.id).where('status', '=', 'draft').execute();
}
