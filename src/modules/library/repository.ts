import { sql } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { Lang } from '../../i18n/languages.ts';
import { localise, type Text } from '../../i18n/localise.ts';
import type { FacetRows } from './facet-index.ts';
import { attachmentsFor, type AttachmentItem } from '../files/repository.ts';
import { resourceStations } from '../../content/repository/reads.ts';

// The e-library's queries: what the in-memory facet index is built from, the cards of one page of
// results, and a resource's own page.

export interface ResourceCard {
  id: number;
  slug: string;
  type: string;
  source: string;
  year: number | null;
  link: string | null;
  title: Text;
  description: Text | null;
  updatedAt: string;
}

/** How many resources are published (whether building the facet index is worth a thread of its own). */
export async function publishedCount(db: DB): Promise<number> {
  const row = await db
    .selectFrom('resources')
    .select(sql<number | string>`count(*)`.as('n'))
    .where('published', '=', 1)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Everything the facet index needs about every published resource. */
export async function loadFacetRows(db: DB): Promise<FacetRows> {
  const [resources, titles, themes, sectors, countries, languages, stations, packages, documents] = await Promise.all([
    db.selectFrom('resources').select(['id', 'type', 'source', 'year', 'created_at']).where('published', '=', 1).execute(),
    db.selectFrom('resource_translations').select(['resource_id', 'lang', 'title']).execute(),
    db.selectFrom('resource_themes').select(['resource_id', 'theme as value']).execute(),
    db.selectFrom('resource_sectors').select(['resource_id', 'sector as value']).execute(),
    db.selectFrom('resource_countries').select(['resource_id', 'country as value']).execute(),
    db.selectFrom('resource_languages').select(['resource_id', 'language as value']).execute(),
    sql<{ resource_id: number; value: string }>`select x.resource_id, p.number || '-' || s.position as value
      from resource_stations x join stations s on s.id = x.station_id join packages p on p.id = s.package_id`.execute(db),
    sql<{ resource_id: number; value: string }>`select x.resource_id, ${sql`cast(p.number as text)`} as value
      from resource_packages x join packages p on p.id = x.package_id`.execute(db),
    db.selectFrom('search_documents').select(['id', 'resource_id', 'lang']).where('kind', '=', 'resource').where('resource_id', 'is not', null).execute(),
  ]);
  const tag = (facet: FacetRows['links'][number]['facet'], rows: { resource_id: number; value: string }[]) =>
    rows.map((r) => ({ resource_id: r.resource_id, facet, value: String(r.value) }));
  return {
    resources,
    titles,
    links: [
      ...tag('theme', themes),
      ...tag('sector', sectors),
      ...tag('country', countries),
      ...tag('language', languages),
      ...tag('station', stations.rows),
      ...tag('package', packages.rows),
    ],
    documents: documents.map((d) => ({ id: d.id, resource_id: d.resource_id!, lang: d.lang })),
  };
}

/** The cards of the given resources, in the given order, in the reader's language or English. */
export async function cardsByIds(db: DB, ids: number[], lang: Lang): Promise<ResourceCard[]> {
  if (ids.length === 0) return [];
  // One statement: each resource with its texts in the reader's language and English (a row per text).
  const rows = await db
    .selectFrom('resources as r')
    .leftJoin('resource_translations as t', (join) => join.onRef('t.resource_id', '=', 'r.id').on('t.lang', 'in', lang === 'en' ? ['en'] : [lang, 'en']))
    .select(['r.id', 'r.slug', 'r.type', 'r.source', 'r.year', 'r.link', 'r.updated_at', 't.lang', 't.title', 't.description'])
    .where('r.id', 'in', ids)
    .execute();
  const byId = new Map<number, { row: CardRow; texts: { lang: string; title: string | null; description: string | null }[] }>();
  for (const r of rows) {
    let entry = byId.get(r.id);
    if (!entry) byId.set(r.id, (entry = { row: r, texts: [] }));
    if (r.lang !== null) entry.texts.push({ lang: r.lang, title: r.title, description: r.description });
  }
  return ids.flatMap((id) => {
    const entry = byId.get(id);
    return entry ? [toCard(entry.row, entry.texts, lang)] : [];
  });
}

type CardRow = { id: number; slug: string; type: string; source: string; year: number | null; link: string | null; updated_at: string };

function toCard(r: CardRow, texts: { lang: string; title: string | null; description: string | null }[], lang: Lang): ResourceCard {
  const t = localise(texts, lang, ['title', 'description']);
  return {
    id: r.id,
    slug: r.slug,
    type: r.type,
    source: r.source,
    year: r.year,
    link: r.link,
    title: t.title ?? { value: r.slug, lang: 'en' },
    description: t.description,
    updatedAt: r.updated_at,
  };
}

export interface Resource extends ResourceCard {
  /** why there is no link (a reason key), and the publisher's site to ask at: content/format.ts */
  noLink: string | null;
  ask: string | null;
  /** files to download, in order (files module) */
  attachments: AttachmentItem[];
  themes: string[];
  sectors: string[];
  countries: string[];
  languages: string[];
  stations: { packageNumber: number; position: number }[];
  createdAt: string;
  updatedAt: string;
}

export async function getResource(db: DB, slug: string, lang: Lang): Promise<Resource | null> {
  const r = await db.selectFrom('resources').selectAll().where('slug', '=', slug).where('published', '=', 1).executeTakeFirst();
  if (!r) return null;
  const [texts, themes, sectors, countries, languagesRows, stations, attachments] = await Promise.all([
    db
      .selectFrom('resource_translations')
      .selectAll()
      .where('resource_id', '=', r.id)
      .where('lang', 'in', lang === 'en' ? ['en'] : [lang, 'en'])
      .execute(),
    db.selectFrom('resource_themes').select('theme').where('resource_id', '=', r.id).execute(),
    db.selectFrom('resource_sectors').select('sector').where('resource_id', '=', r.id).execute(),
    db.selectFrom('resource_countries').select('country').where('resource_id', '=', r.id).execute(),
    db.selectFrom('resource_languages').select('language').where('resource_id', '=', r.id).execute(),
    resourceStations(db, r.id),
    attachmentsFor(db, { kind: 'resource', id: r.id }),
  ]);
  return {
    ...toCard(r, texts, lang),
    themes: themes.map((x) => x.theme),
    sectors: sectors.map((x) => x.sector),
    countries: countries.map((x) => x.country),
    languages: languagesRows.map((x) => x.language),
    stations: stations.map((s) => ({ packageNumber: s.number, position: s.position })),
    attachments,
    noLink: r.no_link,
    ask: r.ask,
    createdAt: r.created_at,
  };
}
