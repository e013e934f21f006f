import type { DB } from '../../db/database.ts';

// The sitemap's reads: what is published, with when it last changed. A station or case study
// shows only while its package is published too.

export async function publishedResourceCount(db: DB): Promise<number> {
  const { n } = await db
    .selectFrom('resources')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('published', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export function publishedPages(db: DB) {
  return Promise.all([
    db.selectFrom('packages').select(['number', 'updated_at']).where('published', '=', 1).orderBy('number').execute(),
    db
      .selectFrom('stations')
      .innerJoin('packages', 'packages.id', 'stations.package_id')
      .select(['packages.number', 'stations.position', 'stations.updated_at'])
      .where('stations.published', '=', 1)
      .where('packages.published', '=', 1)
      .orderBy('packages.number')
      .orderBy('stations.position')
      .execute(),
    db
      .selectFrom('case_studies')
      .innerJoin('packages', 'packages.id', 'case_studies.package_id')
      .select(['case_studies.slug', 'case_studies.updated_at'])
      .where('case_studies.published', '=', 1)
      .where('packages.published', '=', 1)
      .orderBy('case_studies.slug')
      .execute(),
  ]);
}

export async function publishedCentreCount(db: DB): Promise<number> {
  const { n } = await db
    .selectFrom('centres')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('published', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** One page of published centre profiles, in the order they were added. */
export function publishedCentres(db: DB, limit: number, offset: number) {
  return db.selectFrom('centres').select(['slug', 'updated_at']).where('published', '=', 1).orderBy('id').limit(limit).offset(offset).execute();
}

/** One page of published resources, in the order they were added. */
export function publishedResources(db: DB, limit: number, offset: number) {
  return db.selectFrom('resources').select(['slug', 'updated_at']).where('published', '=', 1).orderBy('id').limit(limit).offset(offset).execute();
}
