import type { Kysely } from 'kysely';
import type { Dialect } from '../database.ts';

// One revision format: resources' revisions become `{ item, published }`, the item in the
// content-pack format, as every other kind keeps them. Until now a resource's revision held its
// own snapshot (slug, type, source, link, year, published, translations with their times, the
// facets, and stations as "2-1"). The conversion is plain JSON, written out here rather than
// imported, so this migration never changes with the code. Rows already in the new shape are
// left alone, so running it again changes nothing. Immutable once landed.

interface OldSnapshot {
  slug: string;
  type: string;
  source: string;
  link: string | null;
  year: number | null;
  published: boolean;
  translations: { lang: string; title: string | null; description: string | null }[];
  themes: string[];
  sectors: string[];
  countries: string[];
  languages: string[];
  stations: string[];
}

/** The old snapshot as content/items.ts reads the same resource: absent optional fields, sorted facets, English first. */
function convert(old: OldSnapshot): { item: unknown; published: boolean } {
  const en = old.translations.find((t) => t.lang === 'en');
  const translations: Record<string, { fields: { title?: string }; body: string }> = {};
  for (const t of [...old.translations].filter((x) => x.lang !== 'en').sort((a, b) => a.lang.localeCompare(b.lang))) {
    translations[t.lang] = { fields: t.title ? { title: t.title } : {}, body: t.description ?? '' };
  }
  const fields = {
    slug: old.slug,
    title: en?.title ?? old.slug,
    type: old.type,
    source: old.source,
    ...(old.link === null ? {} : { link: old.link }),
    themes: [...old.themes].sort(),
    sectors: [...old.sectors].sort(),
    countries: [...old.countries].sort(),
    languages: [...old.languages].sort(),
    ...(old.year === null ? {} : { year: old.year }),
    stations: old.stations.map((s) => s.replace(/^(\d+)-(\d+)$/, 'package-$1-station-$2')),
    // The old snapshot did not keep packages named besides the stations' (the old editor cleared them).
    packages: [],
  };
  return { item: { kind: 'resource', key: `resources/${old.slug}`, hash: '', fields, body: en?.description ?? '', translations }, published: old.published };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's table types
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  const rows = (await db.selectFrom('revisions').select(['id', 'snapshot']).where('kind', '=', 'resource').orderBy('id').execute()) as {
    id: number;
    snapshot: string;
  }[];
  for (const row of rows) {
    const snapshot = JSON.parse(row.snapshot) as Record<string, unknown>;
    if ('item' in snapshot) continue;
    await db
      .updateTable('revisions')
      .set({ snapshot: JSON.stringify(convert(snapshot as unknown as OldSnapshot)) })
      .where('id', '=', row.id)
      .execute();
  }
}
