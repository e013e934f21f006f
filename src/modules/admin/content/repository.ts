import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';
import type { EditableKind } from './kinds.ts';

// The few reads and writes of the content editor that the content layer does not already offer:
// lists, translation times, the rules' checks, deleting.

const tables = {
  package: { table: 'packages', translations: 'package_translations', owner: 'package_id' },
  station: { table: 'stations', translations: 'station_translations', owner: 'station_id' },
  resource: { table: 'resources', translations: 'resource_translations', owner: 'resource_id' },
  'case-study': { table: 'case_studies', translations: 'case_study_translations', owner: 'case_study_id' },
  spotlight: { table: 'spotlight_items', translations: 'spotlight_translations', owner: 'item_id' },
  page: { table: 'pages', translations: 'page_translations', owner: 'page_id' },
} as const;

/** When each language of some items was last changed, for their translation status. */
export async function translationTimes(db: DB, kind: EditableKind, ids: number[]): Promise<{ id: number; lang: string; updatedAt: string }[]> {
  if (!ids.length) return [];
  const { translations, owner } = tables[kind];
  const { rows } = await sql<{ id: number; lang: string; updated_at: string }>`select ${sql.ref(owner)} as id, lang, updated_at from ${sql.table(translations)} where ${sql.ref(owner)} in (${sql.join(ids)})`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), lang: r.lang, updatedAt: r.updated_at }));
}

export interface ListRow {
  id: number;
  slug: string;
  /** the English title, or the slug */
  title: string;
  published: boolean;
}

// Each kind's list in the order its public pages use; resources, which run to thousands, newest change first.
const listOrder: Record<EditableKind, ReturnType<typeof sql>> = {
  package: sql`item.number`,
  station: sql`p.number, item.position`,
  resource: sql`item.updated_at desc, item.id desc`,
  'case-study': sql`item.slug`,
  spotlight: sql`item.position, item.slug`,
  page: sql`item.slug`,
};

/** The items of a kind for the back office's list, drafts included, optionally those whose English title has `q`. */
export async function listForEditing(db: DB, kind: EditableKind, q: string, limit: number): Promise<ListRow[]> {
  const { table, translations, owner } = tables[kind];
  // lower() on both sides: LIKE ignores case in SQLite but not in PostgreSQL.
  const { rows } = await sql<{ id: number; slug: string; title: string | null; published: number }>`
    select item.id, item.slug, en.title, item.published from ${sql.table(table)} as item
    left join ${sql.table(translations)} as en on ${sql.ref(`en.${owner}`)} = item.id and en.lang = 'en'
    ${kind === 'station' ? sql`join packages as p on p.id = item.package_id` : sql``}
    ${q ? sql`where lower(en.title) like ${`%${q.toLowerCase()}%`}` : sql``}
    order by ${listOrder[kind]} limit ${limit}`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), slug: r.slug, title: r.title ?? r.slug, published: Number(r.published) === 1 }));
}

/** The slug of a resource by its number, the key of its editing address before there was one editor. */
export async function resourceSlug(db: DB, id: number): Promise<string | undefined> {
  return (await db.selectFrom('resources').select('slug').where('id', '=', id).executeTakeFirst())?.slug;
}

export async function deleteItem(db: DB, kind: EditableKind, id: number): Promise<void> {
  await db.deleteFrom(tables[kind].table).where('id', '=', id).execute();
}

export async function packageNumberTaken(db: DB, number: number): Promise<boolean> {
  return Boolean(await db.selectFrom('packages').select('id').where('number', '=', number).executeTakeFirst());
}

export async function nextStationPosition(db: DB, packageNumber: number): Promise<number | null> {
  const pkg = await db.selectFrom('packages').select('id').where('number', '=', packageNumber).executeTakeFirst();
  if (!pkg) return null;
  const row = await db.selectFrom('stations').select((eb) => eb.fn.max('position').as('max')).where('package_id', '=', pkg.id).executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function nextSpotlightPosition(db: DB): Promise<number> {
  const row = await db.selectFrom('spotlight_items').select((eb) => eb.fn.max('position').as('max')).executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/** Checklist ids another package already uses (the challenge checker's links name them). */
export async function checklistIdsElsewhere(db: DB, packageId: number | null, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  let q = db.selectFrom('checklist_items').select('key').where('key', 'in', ids);
  if (packageId !== null) q = q.where('package_id', '!=', packageId);
  return (await q.execute()).map((r) => r.key);
}

/** Packages (number → its station positions), drafts included. */
export async function packageStations(db: DB): Promise<Map<number, number[]>> {
  const rows = await db
    .selectFrom('packages')
    .leftJoin('stations', 'stations.package_id', 'packages.id')
    .select(['packages.number', 'stations.position'])
    .orderBy('packages.number')
    .orderBy('stations.position')
    .execute();
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const list = out.get(r.number) ?? [];
    if (r.position !== null) list.push(r.position);
    out.set(r.number, list);
  }
  return out;
}

export async function hasStationsOrCaseStudies(db: DB, packageId: number): Promise<boolean> {
  const [s, c] = await Promise.all([
    db.selectFrom('stations').select('id').where('package_id', '=', packageId).executeTakeFirst(),
    db.selectFrom('case_studies').select('id').where('package_id', '=', packageId).executeTakeFirst(),
  ]);
  return Boolean(s || c);
}

/** Whether a checklist point of the package names this station (deleting it would break the checker). */
export async function checklistNamesStation(db: DB, packageNumber: number, position: number): Promise<boolean> {
  const rows = await db
    .selectFrom('checklist_items')
    .innerJoin('packages', 'packages.id', 'checklist_items.package_id')
    .select('checklist_items.station_positions')
    .where('packages.number', '=', packageNumber)
    .execute();
  return rows.some((r) => (JSON.parse(r.station_positions) as number[]).includes(position));
}

/** The stations and case studies of a package. */
export async function childrenOf(db: DB, packageNumber: number): Promise<{ kind: 'station' | 'case-study'; slug: string }[]> {
  const [stations, studies] = await Promise.all([
    db.selectFrom('stations').innerJoin('packages', 'packages.id', 'stations.package_id').select('stations.slug').where('packages.number', '=', packageNumber).execute(),
    db.selectFrom('case_studies').innerJoin('packages', 'packages.id', 'case_studies.package_id').select('case_studies.slug').where('packages.number', '=', packageNumber).execute(),
  ]);
  return [...stations.map((s) => ({ kind: 'station' as const, slug: s.slug })), ...studies.map((c) => ({ kind: 'case-study' as const, slug: c.slug }))];
}
