import type { Kysely } from 'kysely';
import type { Tables } from '../../db/schema.ts';

// Writes of every content item, for the content loader, imports and the back office: one upsert
// per kind, each with its translations, which keep their row (and its updated_at) when unchanged.

type Tx = Kysely<Tables>;
const now = () => new Date().toISOString();
const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

export interface PackageInput {
  number: number;
  /** set by the back office and imports; the content loader leaves an existing item's state alone */
  published?: boolean;
  slug: string;
  level: string;
  translations: { lang: string; title: string | null; subtitle: string | null; introduction: string | null }[];
  checklist: { key: string; stations: number[]; translations: { lang: string; text: string | null; why: string | null }[] }[];
}

export async function upsertPackage(db: Tx, input: PackageInput): Promise<number> {
  const t = now();
  const state = publishing(input.published);
  const { id } = await db
    .insertInto('packages')
    .values({ number: input.number, slug: input.slug, level: input.level, updated_at: t, ...state.insert })
    .onConflict((oc) => oc.column('number').doUpdateSet({ slug: input.slug, level: input.level, updated_at: t, ...state.update }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceTranslations(db, 'package_translations', id, input.translations, t);
  await db.deleteFrom('checklist_items').where('package_id', '=', id).execute();
  let position = 0;
  for (const item of input.checklist) {
    const row = await db
      .insertInto('checklist_items')
      .values({ package_id: id, key: item.key, position: position++, station_positions: JSON.stringify(item.stations) })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const tr of item.translations) {
      await db.insertInto('checklist_item_translations').values({ item_id: row.id, ...tr }).execute();
    }
  }
  return id;
}

export interface StationInput {
  packageNumber: number;
  published?: boolean;
  position: number;
  slug: string;
  translations: {
    lang: string;
    title: string | null;
    lead: string | null;
    offer: string | null;
    context: string | null;
    challenges: string[] | undefined;
    actionGroups: { title: string; actions: string[] }[] | undefined;
  }[];
}

export async function upsertStation(db: Tx, input: StationInput): Promise<{ id: number; packageId: number }> {
  const t = now();
  const pkg = await db.selectFrom('packages').select('id').where('number', '=', input.packageNumber).executeTakeFirstOrThrow();
  const state = publishing(input.published);
  const { id } = await db
    .insertInto('stations')
    .values({ package_id: pkg.id, position: input.position, slug: input.slug, updated_at: t, ...state.insert })
    .onConflict((oc) => oc.columns(['package_id', 'position']).doUpdateSet({ slug: input.slug, updated_at: t, ...state.update }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceTranslations(
    db,
    'station_translations',
    id,
    input.translations.map(({ challenges, actionGroups, ...tr }) => ({ ...tr, challenges: json(challenges), action_groups: json(actionGroups) })),
    t,
  );
  return { id, packageId: pkg.id };
}

export interface ResourceInput {
  slug: string;
  /** set by the back office; the content loader leaves an existing resource's state alone */
  published?: boolean;
  type: string;
  source: string;
  link: string | null;
  /** why there is no link (a reason key), and where to ask for the resource; left out, neither */
  noLink?: string | null;
  ask?: string | null;
  year: number | null;
  translations: { lang: string; title: string | null; description: string | null }[];
  themes: string[];
  sectors: string[];
  countries: string[];
  languages: string[];
  /** "package-2-station-1" style keys */
  stations: { packageNumber: number; position: number }[];
  packages: number[];
}

export async function upsertResource(db: Tx, input: ResourceInput): Promise<number> {
  const t = now();
  const base = { type: input.type, source: input.source, link: input.link, no_link: input.noLink ?? null, ask: input.ask ?? null, year: input.year, updated_at: t };
  const state = publishing(input.published);
  const { id } = await db
    .insertInto('resources')
    .values({ slug: input.slug, ...base, ...state.insert, created_at: t })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ ...base, ...state.update }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceTranslations(db, 'resource_translations', id, input.translations, t);
  await replaceLinks(db, 'resource_themes', 'theme', id, input.themes);
  await replaceLinks(db, 'resource_sectors', 'sector', id, input.sectors);
  await replaceLinks(db, 'resource_countries', 'country', id, input.countries);
  await replaceLinks(db, 'resource_languages', 'language', id, input.languages);

  await db.deleteFrom('resource_stations').where('resource_id', '=', id).execute();
  await db.deleteFrom('resource_packages').where('resource_id', '=', id).execute();
  const packageIds = new Set<number>();
  for (const s of input.stations) {
    const row = await db
      .selectFrom('stations')
      .innerJoin('packages', 'packages.id', 'stations.package_id')
      .select(['stations.id', 'stations.package_id'])
      .where('packages.number', '=', s.packageNumber)
      .where('stations.position', '=', s.position)
      .executeTakeFirstOrThrow();
    await db.insertInto('resource_stations').values({ resource_id: id, station_id: row.id }).execute();
    packageIds.add(row.package_id);
  }
  for (const n of input.packages) {
    const row = await db.selectFrom('packages').select('id').where('number', '=', n).executeTakeFirstOrThrow();
    packageIds.add(row.id);
  }
  for (const package_id of packageIds) {
    await db.insertInto('resource_packages').values({ resource_id: id, package_id }).execute();
  }
  return id;
}

type TranslationTable = 'package_translations' | 'station_translations' | 'resource_translations' | 'case_study_translations' | 'spotlight_translations' | 'page_translations';
const owners: Record<TranslationTable, string> = {
  package_translations: 'package_id',
  station_translations: 'station_id',
  resource_translations: 'resource_id',
  case_study_translations: 'case_study_id',
  spotlight_translations: 'item_id',
  page_translations: 'page_id',
};

/**
 * Writes an item's translations, keeping a language's row (and its updated_at) when its text is
 * unchanged: the back office shows a translation as outdated when the English changed after it.
 */
async function replaceTranslations(db: Tx, table: TranslationTable, id: number, rows: ({ lang: string } & Record<string, string | null>)[], t: string): Promise<void> {
  const owner = owners[table];
  // One dynamic table; the rows' columns are checked by each caller's input type.
  const q = db as unknown as Kysely<Record<string, Record<string, string | number | null>>>;
  const existing = await q.selectFrom(table).selectAll().where(owner, '=', id).execute();
  const wanted = new Set(rows.map((r) => r.lang));
  for (const old of existing) {
    if (!wanted.has(old.lang as string)) await q.deleteFrom(table).where(owner, '=', id).where('lang', '=', old.lang!).execute();
  }
  for (const row of rows) {
    const old = existing.find((e) => e.lang === row.lang);
    if (old && Object.entries(row).every(([k, v]) => old[k] === v)) continue;
    if (old) await q.updateTable(table).set({ ...row, updated_at: t }).where(owner, '=', id).where('lang', '=', row.lang).execute();
    else await q.insertInto(table).values({ ...row, [owner]: id, updated_at: t }).execute();
  }
}

/** Insert sets the state (a new item is published unless told otherwise); update changes it only when given. */
const publishing = (published: boolean | undefined) => ({
  insert: { published: published === false ? 0 : 1 },
  update: published === undefined ? {} : { published: published ? 1 : 0 },
});

type LinkTable = 'resource_themes' | 'resource_sectors' | 'resource_countries' | 'resource_languages';
async function replaceLinks(db: Tx, table: LinkTable, column: string, id: number, values: string[]): Promise<void> {
  await db.deleteFrom(table).where('resource_id', '=', id).execute();
  for (const value of new Set(values)) {
    await db.insertInto(table).values({ resource_id: id, [column]: value }).execute();
  }
}

export interface CaseStudyInput {
  slug: string;
  published?: boolean;
  packageNumber: number;
  country: string;
  sector: string | null;
  link: string | null;
  year: number | null;
  translations: {
    lang: string;
    centre: string | null;
    title: string | null;
    lead: string | null;
    takeaways: string[] | undefined;
    quote_text: string | null;
    quote_speaker: string | null;
    summary: string | null;
  }[];
}

export async function upsertCaseStudy(db: Tx, input: CaseStudyInput): Promise<number> {
  const t = now();
  const pkg = await db.selectFrom('packages').select('id').where('number', '=', input.packageNumber).executeTakeFirstOrThrow();
  const base = { package_id: pkg.id, country: input.country, sector: input.sector, link: input.link, year: input.year, updated_at: t };
  const state = publishing(input.published);
  const { id } = await db
    .insertInto('case_studies')
    .values({ slug: input.slug, ...base, ...state.insert })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ ...base, ...state.update }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceTranslations(
    db,
    'case_study_translations',
    id,
    input.translations.map(({ takeaways, ...tr }) => ({ ...tr, takeaways: json(takeaways) })),
    t,
  );
  return id;
}

export interface SpotlightInput {
  slug: string;
  published?: boolean;
  position: number;
  link: string | null;
  translations: { lang: string; title: string | null; link_text: string | null; description: string | null }[];
}

export async function upsertSpotlight(db: Tx, input: SpotlightInput): Promise<number> {
  const t = now();
  const base = { position: input.position, link: input.link, updated_at: t };
  const state = publishing(input.published);
  const { id } = await db
    .insertInto('spotlight_items')
    .values({ slug: input.slug, ...base, ...state.insert })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ ...base, ...state.update }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceTranslations(db, 'spotlight_translations', id, input.translations, t);
  return id;
}

export interface PageInput {
  slug: string;
  published?: boolean;
  translations: { lang: string; title: string | null; lead: string | null; body: string | null }[];
}

export async function upsertPage(db: Tx, input: PageInput): Promise<number> {
  const t = now();
  const state = publishing(input.published);
  const { id } = await db
    .insertInto('pages')
    .values({ slug: input.slug, updated_at: t, ...state.insert })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ updated_at: t, ...state.update }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceTranslations(db, 'page_translations', id, input.translations, t);
  return id;
}
