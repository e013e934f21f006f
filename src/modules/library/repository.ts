import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { Lang } from '../../i18n/languages.ts';
import { localise, type Text } from '../../i18n/localise.ts';
import type { SearchProvider } from '../search/index.ts';
import type { FacetName, Sort } from './schemas.ts';

// The e-library's queries. Filtering, facet counts and paging run in SQL on both engines; the
// full-text part comes from the search provider as a subquery of matching resource ids.

export type Filters = Record<FacetName, string[]>;

export interface ResourceCard {
  id: number;
  slug: string;
  type: string;
  source: string;
  year: number | null;
  link: string | null;
  title: Text;
  description: Text | null;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface LibraryPage {
  items: ResourceCard[];
  total: number;
  facets: Record<FacetName, FacetCount[]>;
}

type Fragment = RawBuilder<unknown>;

/** The condition each facet adds; station values ("2-1") are resolved to ids beforehand. */
function condition(facet: FacetName, values: string[], stationIds: number[]): Fragment {
  switch (facet) {
    case 'type':
      return sql`r.type in (${sql.join(values)})`;
    case 'source':
      return sql`r.source in (${sql.join(values)})`;
    case 'year':
      return sql`r.year in (${sql.join(values.map(Number))})`;
    case 'theme':
      return sql`exists (select 1 from resource_themes x where x.resource_id = r.id and x.theme in (${sql.join(values)}))`;
    case 'sector':
      return sql`exists (select 1 from resource_sectors x where x.resource_id = r.id and x.sector in (${sql.join(values)}))`;
    case 'country':
      return sql`exists (select 1 from resource_countries x where x.resource_id = r.id and x.country in (${sql.join(values)}))`;
    case 'language':
      return sql`exists (select 1 from resource_languages x where x.resource_id = r.id and x.language in (${sql.join(values)}))`;
    case 'package':
      return sql`exists (select 1 from resource_packages x join packages p on p.id = x.package_id
        where x.resource_id = r.id and p.number in (${sql.join(values.map(Number))}))`;
    case 'station':
      return stationIds.length
        ? sql`exists (select 1 from resource_stations x where x.resource_id = r.id and x.station_id in (${sql.join(stationIds)}))`
        : sql`1 = 0`;
  }
}

/** What each facet counts: the value column and the joins that reach it. */
const facetSource: Record<FacetName, { value: Fragment; join: Fragment }> = {
  type: { value: sql`r.type`, join: sql`` },
  source: { value: sql`r.source`, join: sql`` },
  year: { value: sql`r.year`, join: sql`` },
  theme: { value: sql`f.theme`, join: sql`join resource_themes f on f.resource_id = r.id` },
  sector: { value: sql`f.sector`, join: sql`join resource_sectors f on f.resource_id = r.id` },
  country: { value: sql`f.country`, join: sql`join resource_countries f on f.resource_id = r.id` },
  language: { value: sql`f.language`, join: sql`join resource_languages f on f.resource_id = r.id` },
  package: { value: sql`fp.number`, join: sql`join resource_packages f on f.resource_id = r.id join packages fp on fp.id = f.package_id` },
  station: {
    value: sql`fp.number || '-' || fs.position`,
    join: sql`join resource_stations f on f.resource_id = r.id join stations fs on fs.id = f.station_id join packages fp on fp.id = fs.package_id`,
  },
};

async function stationIdsFor(db: DB, keys: string[]): Promise<number[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('stations')
    .innerJoin('packages', 'packages.id', 'stations.package_id')
    .select(['stations.id', 'packages.number', 'stations.position'])
    .execute();
  const wanted = new Set(keys);
  return rows.filter((r) => wanted.has(`${r.number}-${r.position}`)).map((r) => r.id);
}

export interface LibraryRequest {
  lang: Lang;
  q: string;
  filters: Filters;
  sort: Sort;
  offset: number;
  limit: number;
  /** false when only the items are needed (station pages, feeds) */
  withFacets?: boolean;
}

export async function searchLibrary(db: DB, search: SearchProvider, req: LibraryRequest): Promise<LibraryPage> {
  const matches = req.q ? search.matchingResources(req.q, req.lang) : null;
  const facets = Object.keys(facetSource) as FacetName[];
  if (req.q && !matches) return { items: [], total: 0, facets: Object.fromEntries(facets.map((f) => [f, []])) as unknown as LibraryPage['facets'] };

  const stationIds = await stationIdsFor(db, req.filters.station);
  const base = matches ? sql`resources r join (${matches}) m on m.resource_id = r.id` : sql`resources r`;
  const where = (except?: FacetName) => {
    const parts: Fragment[] = [sql`r.published = 1`];
    for (const facet of facets) {
      const values = req.filters[facet];
      if (facet !== except && values.length) parts.push(condition(facet, values, stationIds));
    }
    return sql.join(parts, sql` and `);
  };

  const order: Record<Sort, Fragment> = {
    relevance: matches ? sql`m.score, r.id` : sql`lower(coalesce(tl.title, te.title)), r.id`,
    title: sql`lower(coalesce(tl.title, te.title)), r.id`,
    newest: sql`r.created_at desc, r.id desc`,
    year: sql`case when r.year is null then 1 else 0 end, r.year desc, lower(coalesce(tl.title, te.title)), r.id`,
  };

  const pageQuery = sql<{
    id: number;
    slug: string;
    type: string;
    source: string;
    year: number | null;
    link: string | null;
    title_l: string | null;
    title_en: string | null;
    description_l: string | null;
    description_en: string | null;
  }>`select r.id, r.slug, r.type, r.source, r.year, r.link,
      tl.title as title_l, te.title as title_en, tl.description as description_l, te.description as description_en
    from ${base}
    left join resource_translations tl on tl.resource_id = r.id and tl.lang = ${req.lang}
    left join resource_translations te on te.resource_id = r.id and te.lang = 'en'
    where ${where()}
    order by ${order[req.sort]}
    limit ${req.limit} offset ${req.offset}`;

  const countQuery = sql<{ n: number }>`select count(*) as n from ${base} where ${where()}`;

  const facetQuery = (facet: FacetName) =>
    sql<{ value: string | number; n: number }>`select ${facetSource[facet].value} as value, count(*) as n
      from ${base} ${facetSource[facet].join}
      where ${where(facet)}
      group by ${facetSource[facet].value}`;

  const [page, count, ...facetRows] = await Promise.all([
    pageQuery.execute(db),
    countQuery.execute(db),
    ...(req.withFacets === false ? [] : facets.map((f) => facetQuery(f).execute(db))),
  ]);

  const items = page.rows.map((r) => {
    const rows = [
      { lang: 'en', title: r.title_en, description: r.description_en },
      ...(req.lang === 'en' ? [] : [{ lang: req.lang, title: r.title_l, description: r.description_l }]),
    ];
    const t = localise(rows, req.lang, ['title', 'description']);
    return {
      id: r.id,
      slug: r.slug,
      type: r.type,
      source: r.source,
      year: r.year,
      link: r.link,
      title: t.title ?? { value: r.slug, lang: 'en' as const },
      description: t.description,
    };
  });

  const facetCounts = Object.fromEntries(
    facets.map((f, i) => [
      f,
      (facetRows[i]?.rows ?? [])
        .filter((row) => row.value !== null)
        .map((row) => ({ value: String(row.value), count: Number(row.n) }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    ]),
  ) as LibraryPage['facets'];

  return { items, total: Number(count.rows[0]?.n ?? 0), facets: facetCounts };
}

export interface Resource extends ResourceCard {
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
  const [texts, themes, sectors, countries, languagesRows, stations] = await Promise.all([
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
    db
      .selectFrom('resource_stations')
      .innerJoin('stations', 'stations.id', 'resource_stations.station_id')
      .innerJoin('packages', 'packages.id', 'stations.package_id')
      .select(['packages.number', 'stations.position'])
      .where('resource_stations.resource_id', '=', r.id)
      .orderBy('packages.number')
      .orderBy('stations.position')
      .execute(),
  ]);
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
    themes: themes.map((x) => x.theme),
    sectors: sectors.map((x) => x.sector),
    countries: countries.map((x) => x.country),
    languages: languagesRows.map((x) => x.language),
    stations: stations.map((s) => ({ packageNumber: s.number, position: s.position })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const noFilters = (): Filters => ({
  type: [],
  package: [],
  station: [],
  theme: [],
  sector: [],
  source: [],
  country: [],
  language: [],
  year: [],
});

export function filters(partial: Partial<Filters> = {}): Filters {
  return { ...noFilters(), ...partial };
}
