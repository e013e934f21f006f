import type { z } from 'zod';
import type { DB } from '../db/database.ts';
import type { TranslationLang } from '../i18n/languages.ts';
import * as f from './format.ts';
import type { Item, Kind, Vocabularies } from './pack.ts';
import * as reads from './repository/reads.ts';
import { vocabularyRows } from './repository/sources.ts';

// The database read back into the content-pack format: one `Item` per package, station,
// resource, case study, spotlight item or page, exactly as `readContentPack` would give it for
// the files that describe it. Export writes these; the back office edits, compares and keeps
// revisions of them; import compares with them. Translations hold only what was translated.

export interface StoredItem<K extends Kind = Kind> {
  item: Item<K>;
  /** the row id in the item's table */
  id: number;
  published: boolean;
}

type Row = Record<string, unknown>;

/** Drops null and undefined values, so optional fields are absent as they are in a file. */
function present(o: Row): Row {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}
const list = <T>(value: unknown): T[] | undefined => (typeof value === 'string' ? (JSON.parse(value) as T[]) : undefined);

/** The English row gives the item's fields; each other language row its own translated fields. */
function assemble<K extends Kind>(
  kind: K,
  key: string,
  schema: z.ZodType,
  translationSchema: z.ZodType,
  rows: Row[],
  fields: (row: Row) => Row,
  translated: (row: Row) => Row,
  body: (row: Row) => unknown,
): Item<K> {
  const en = rows.find((r) => r.lang === 'en') ?? { lang: 'en' };
  const translations: Item['translations'] = {};
  for (const row of rows) {
    if (row.lang === 'en') continue;
    translations[row.lang as TranslationLang] = {
      fields: translationSchema.parse(present(translated(row))) as never,
      body: (body(row) as string | null) ?? '',
    };
  }
  return { kind, key, hash: '', fields: schema.parse(present(fields(en))) as never, body: (body(en) as string | null) ?? '', translations };
}

const byLang = <R extends { lang: string }>(rows: R[]) => [...rows].sort((a, b) => (a.lang === 'en' ? -1 : b.lang === 'en' ? 1 : a.lang.localeCompare(b.lang)));

async function readPackage(db: DB, slug: string): Promise<StoredItem<'package'> | null> {
  const rows = await reads.packageRows(db, slug);
  if (!rows) return null;
  const { p, texts, items, itemTexts } = rows;
  const checklist = (lang: string) =>
    items
      .map((i) => {
        const t = itemTexts.find((x) => x.item_id === i.id && x.lang === lang);
        return present({ id: i.key, text: t?.text, why: t?.why, ...(lang === 'en' ? { stations: JSON.parse(i.station_positions) as number[] } : {}) });
      })
      .filter((c) => lang === 'en' || c.text !== undefined || c.why !== undefined);
  const item = assemble(
    'package',
    `packages/package-${p.number}`,
    f.packageFile,
    f.packageTranslation,
    byLang(texts),
    (r) => ({ number: p.number, slug: p.slug, level: p.level, title: r.title, subtitle: r.subtitle, checklist: checklist('en') }),
    (r) => {
      const c = checklist(r.lang as string);
      return { title: r.title, subtitle: r.subtitle, checklist: c.length ? c : undefined };
    },
    (r) => r.introduction,
  );
  return { item, id: p.id, published: p.published === 1 };
}

async function readStation(db: DB, slug: string): Promise<StoredItem<'station'> | null> {
  const rows = await reads.stationRows(db, slug);
  if (!rows) return null;
  const { s, texts } = rows;
  const item = assemble(
    'station',
    `stations/package-${s.number}-station-${s.position}`,
    f.stationFile,
    f.stationTranslation,
    byLang(texts),
    (r) => ({
      package: s.number,
      position: s.position,
      slug: s.slug,
      title: r.title,
      lead: r.lead,
      offer: r.offer,
      challenges: list(r.challenges),
      actionGroups: list(r.action_groups),
    }),
    (r) => ({ title: r.title, lead: r.lead, offer: r.offer, challenges: list(r.challenges), actionGroups: list(r.action_groups) }),
    (r) => r.context,
  );
  return { item, id: s.id, published: s.published === 1 };
}

async function readResource(db: DB, slug: string): Promise<StoredItem<'resource'> | null> {
  const rows = await reads.resourceRows(db, slug);
  if (!rows) return null;
  const { r, texts, themes, sectors, countries, languages, stations, packages } = rows;
  // resource_packages also holds the packages of the resource's stations; the file names only the others.
  const viaStations = new Set(stations.map((s) => s.number));
  const item = assemble(
    'resource',
    `resources/${r.slug}`,
    f.resourceFile,
    f.resourceTranslation,
    byLang(texts),
    (t) => ({
      slug: r.slug,
      title: t.title,
      type: r.type,
      source: r.source,
      link: r.link,
      noLink: r.no_link,
      ask: r.ask,
      themes,
      sectors,
      countries,
      languages,
      year: r.year,
      stations: stations.map((s) => `package-${s.number}-station-${s.position}`),
      packages: packages.map((p) => p.number).filter((n) => !viaStations.has(n)),
    }),
    (t) => ({ title: t.title }),
    (t) => t.description,
  );
  return { item, id: r.id, published: r.published === 1 };
}

async function readCaseStudy(db: DB, slug: string): Promise<StoredItem<'case-study'> | null> {
  const rows = await reads.caseStudyRows(db, slug);
  if (!rows) return null;
  const { c, texts } = rows;
  const quote = (r: Row) => (r.quote_text && r.quote_speaker ? { text: r.quote_text, speaker: r.quote_speaker } : undefined);
  const item = assemble(
    'case-study',
    `case-studies/${c.slug}`,
    f.caseStudyFile,
    f.caseStudyTranslation,
    byLang(texts),
    (r) => ({
      slug: c.slug,
      package: c.number,
      centre: r.centre,
      country: c.country,
      sector: c.sector,
      title: r.title,
      lead: r.lead,
      takeaways: list(r.takeaways),
      quote: quote(r),
      link: c.link,
      year: c.year,
    }),
    (r) => ({ centre: r.centre, title: r.title, lead: r.lead, takeaways: list(r.takeaways), quote: quote(r) }),
    (r) => r.summary,
  );
  return { item, id: c.id, published: c.published === 1 };
}

async function readSpotlight(db: DB, slug: string): Promise<StoredItem<'spotlight'> | null> {
  const rows = await reads.spotlightRows(db, slug);
  if (!rows) return null;
  const { s, texts } = rows;
  const item = assemble(
    'spotlight',
    `spotlight/${s.slug}`,
    f.spotlightFile,
    f.spotlightTranslation,
    byLang(texts),
    (r) => ({ slug: s.slug, position: s.position, title: r.title, linkText: r.link_text, link: s.link }),
    (r) => ({ title: r.title, linkText: r.link_text }),
    (r) => r.description,
  );
  return { item, id: s.id, published: s.published === 1 };
}

async function readPage(db: DB, slug: string): Promise<StoredItem<'page'> | null> {
  const rows = await reads.pageRows(db, slug);
  if (!rows) return null;
  const { p, texts } = rows;
  const item = assemble(
    'page',
    `pages/${p.slug}`,
    f.pageFile,
    f.pageTranslation,
    byLang(texts),
    (r) => ({ slug: p.slug, title: r.title, lead: r.lead }),
    (r) => ({ title: r.title, lead: r.lead }),
    (r) => r.body,
  );
  return { item, id: p.id, published: p.published === 1 };
}

const readers: { [K in Kind]: (db: DB, slug: string) => Promise<StoredItem<K> | null> } = {
  package: readPackage,
  station: readStation,
  resource: readResource,
  'case-study': readCaseStudy,
  spotlight: readSpotlight,
  page: readPage,
};

/** One item as the content pack would hold it, or null when there is none with that slug. */
export function readItem<K extends Kind>(db: DB, kind: K, slug: string): Promise<StoredItem<K> | null> {
  return readers[kind](db, slug);
}

export const slugsOf = reads.slugsOf;

export const kindOrder: Kind[] = ['package', 'station', 'resource', 'case-study', 'spotlight', 'page'];

/** Every item of every kind, drafts included, in load order (what an item refers to comes first). */
export async function readAllItems(db: DB): Promise<StoredItem[]> {
  const out: StoredItem[] = [];
  for (const kind of kindOrder) {
    for (const slug of await slugsOf(db, kind)) {
      const stored = await readItem(db, kind, slug);
      if (stored) out.push(stored);
    }
  }
  return out;
}

/** The vocabularies (types, themes, sectors) with their labels, in their order. */
export async function readVocabularies(db: DB): Promise<Vocabularies> {
  const { terms, labels } = await vocabularyRows(db);
  const out: Vocabularies = { types: {}, themes: {}, sectors: {} };
  for (const t of terms) {
    const kind = t.kind as keyof Vocabularies;
    if (!out[kind]) continue;
    out[kind][t.slug] = Object.fromEntries(
      byLang(labels.filter((l) => l.kind === t.kind && l.slug === t.slug)).map((l) => [l.lang, l.label]),
    );
  }
  return out;
}
