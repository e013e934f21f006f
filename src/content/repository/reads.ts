import type { DB } from '../../db/database.ts';
import type { Kind } from '../pack.ts';

// Reads of the content tables, drafts included, as rows: content/items.ts turns them back into
// the content-pack format. One function per kind, plus the slugs of each kind in list order.

export async function packageRows(db: DB, slug: string) {
  const p = await db.selectFrom('packages').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!p) return null;
  const [texts, items] = await Promise.all([
    db.selectFrom('package_translations').selectAll().where('package_id', '=', p.id).execute(),
    db.selectFrom('checklist_items').selectAll().where('package_id', '=', p.id).orderBy('position').execute(),
  ]);
  const itemTexts = items.length
    ? await db.selectFrom('checklist_item_translations').selectAll().where('item_id', 'in', items.map((i) => i.id)).execute()
    : [];
  return { p, texts, items, itemTexts };
}

export async function stationRows(db: DB, slug: string) {
  const s = await db
    .selectFrom('stations')
    .innerJoin('packages', 'packages.id', 'stations.package_id')
    .select(['stations.id', 'stations.position', 'stations.slug', 'stations.published', 'packages.number'])
    .where('stations.slug', '=', slug)
    .executeTakeFirst();
  if (!s) return null;
  const texts = await db.selectFrom('station_translations').selectAll().where('station_id', '=', s.id).execute();
  return { s, texts };
}

/** A resource's stations (package number and position), in package and station order. */
export function resourceStations(db: DB, resourceId: number) {
  return db
    .selectFrom('resource_stations')
    .innerJoin('stations', 'stations.id', 'resource_stations.station_id')
    .innerJoin('packages', 'packages.id', 'stations.package_id')
    .select(['packages.number', 'stations.position'])
    .where('resource_stations.resource_id', '=', resourceId)
    .orderBy('packages.number')
    .orderBy('stations.position')
    .execute();
}

export async function resourceRows(db: DB, slug: string) {
  const r = await db.selectFrom('resources').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!r) return null;
  const [texts, themes, sectors, countries, languages, stations, packages] = await Promise.all([
    db.selectFrom('resource_translations').selectAll().where('resource_id', '=', r.id).execute(),
    db.selectFrom('resource_themes').select('theme as value').where('resource_id', '=', r.id).execute(),
    db.selectFrom('resource_sectors').select('sector as value').where('resource_id', '=', r.id).execute(),
    db.selectFrom('resource_countries').select('country as value').where('resource_id', '=', r.id).execute(),
    db.selectFrom('resource_languages').select('language as value').where('resource_id', '=', r.id).execute(),
    resourceStations(db, r.id),
    db
      .selectFrom('resource_packages')
      .innerJoin('packages', 'packages.id', 'resource_packages.package_id')
      .select('packages.number')
      .where('resource_packages.resource_id', '=', r.id)
      .orderBy('packages.number')
      .execute(),
  ]);
  // Sorted here rather than by the database: collations order hyphens differently on each engine.
  const values = (rows: { value: string }[]) => rows.map((row) => row.value).sort();
  return { r, texts, themes: values(themes), sectors: values(sectors), countries: values(countries), languages: values(languages), stations, packages };
}

export async function caseStudyRows(db: DB, slug: string) {
  const c = await db
    .selectFrom('case_studies')
    .innerJoin('packages', 'packages.id', 'case_studies.package_id')
    .selectAll('case_studies')
    .select('packages.number')
    .where('case_studies.slug', '=', slug)
    .executeTakeFirst();
  if (!c) return null;
  const texts = await db.selectFrom('case_study_translations').selectAll().where('case_study_id', '=', c.id).execute();
  return { c, texts };
}

export async function spotlightRows(db: DB, slug: string) {
  const s = await db.selectFrom('spotlight_items').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!s) return null;
  const texts = await db.selectFrom('spotlight_translations').selectAll().where('item_id', '=', s.id).execute();
  return { s, texts };
}

export async function pageRows(db: DB, slug: string) {
  const p = await db.selectFrom('pages').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!p) return null;
  const texts = await db.selectFrom('page_translations').selectAll().where('page_id', '=', p.id).execute();
  return { p, texts };
}

/** The slugs of every item of a kind, drafts included, in the order the public pages list them. */
export async function slugsOf(db: DB, kind: Kind): Promise<string[]> {
  const rows = await (() => {
    switch (kind) {
      case 'package':
        return db.selectFrom('packages').select('slug').orderBy('number').execute();
      case 'station':
        return db
          .selectFrom('stations')
          .innerJoin('packages', 'packages.id', 'stations.package_id')
          .select('stations.slug')
          .orderBy('packages.number')
          .orderBy('stations.position')
          .execute();
      case 'resource':
        return db.selectFrom('resources').select('slug').orderBy('slug').execute();
      case 'case-study':
        return db.selectFrom('case_studies').select('slug').orderBy('slug').execute();
      case 'spotlight':
        return db.selectFrom('spotlight_items').select('slug').orderBy('position').orderBy('slug').execute();
      case 'page':
        return db.selectFrom('pages').select('slug').orderBy('slug').execute();
    }
  })();
  return rows.map((r) => r.slug);
}
