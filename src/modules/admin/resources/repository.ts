import type { DB } from '../../../db/database.ts';
import { resourceStations } from '../../../content/repository/reads.ts';

// Reads for editing resources (drafts included) and the revisions table.

export interface ResourceSnapshot {
  slug: string;
  type: string;
  source: string;
  link: string | null;
  year: number | null;
  published: boolean;
  translations: { lang: string; title: string | null; description: string | null; updatedAt: string }[];
  themes: string[];
  sectors: string[];
  countries: string[];
  languages: string[];
  /** "2-1" style keys */
  stations: string[];
}

export async function snapshot(db: DB, id: number): Promise<ResourceSnapshot | null> {
  const r = await db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  const [translations, themes, sectors, countries, languages, stations] = await Promise.all([
    db.selectFrom('resource_translations').selectAll().where('resource_id', '=', id).orderBy('lang').execute(),
    db.selectFrom('resource_themes').select('theme as v').where('resource_id', '=', id).orderBy('theme').execute(),
    db.selectFrom('resource_sectors').select('sector as v').where('resource_id', '=', id).orderBy('sector').execute(),
    db.selectFrom('resource_countries').select('country as v').where('resource_id', '=', id).orderBy('country').execute(),
    db.selectFrom('resource_languages').select('language as v').where('resource_id', '=', id).orderBy('language').execute(),
    resourceStations(db, id),
  ]);
  const v = (rows: { v: string }[]) => rows.map((x) => x.v);
  return {
    slug: r.slug,
    type: r.type,
    source: r.source,
    link: r.link,
    year: r.year,
    published: r.published === 1,
    translations: translations.map((t) => ({ lang: t.lang, title: t.title, description: t.description, updatedAt: t.updated_at })),
    themes: v(themes),
    sectors: v(sectors),
    countries: v(countries),
    languages: v(languages),
    stations: stations.map((s) => `${s.number}-${s.position}`),
  };
}

export function listForEditing(db: DB, q: string, limit: number) {
  let query = db
    .selectFrom('resources')
    .innerJoin('resource_translations as en', (j) => j.onRef('en.resource_id', '=', 'resources.id').on('en.lang', '=', 'en'))
    .select(['resources.id', 'resources.slug', 'resources.type', 'resources.published', 'resources.updated_at', 'en.title'])
    .orderBy('resources.updated_at', 'desc')
    .limit(limit);
  if (q) query = query.where((eb) => eb(eb.fn('lower', ['en.title']), 'like', `%${q.toLowerCase()}%`));
  return query.execute();
}

export async function translationRows(db: DB, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('resource_translations').select(['resource_id', 'lang', 'title', 'updated_at']).where('resource_id', 'in', ids).execute();
}

export async function setPublished(db: DB, id: number, published: boolean): Promise<void> {
  await db.updateTable('resources').set({ published: published ? 1 : 0, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
}

export async function deleteResource(db: DB, id: number): Promise<void> {
  await db.deleteFrom('resources').where('id', '=', id).execute();
}

export const slugTaken = async (db: DB, slug: string) => Boolean(await db.selectFrom('resources').select('id').where('slug', '=', slug).executeTakeFirst());
export const idOfSlug = async (db: DB, slug: string) => (await db.selectFrom('resources').select('id').where('slug', '=', slug).executeTakeFirst())?.id;

export { addRevision, revision, revisionsOf } from '../../../content/repository/revisions.ts';
