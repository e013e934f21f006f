import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';
import type { DirectoryRow } from './directory-index.ts';

// The directory's SQL: every published centre with what it filters on, a fingerprint that moves
// whenever any of that changes, and the cards of one page of results.

const list = (text: string) => JSON.parse(text) as unknown[];

/** Every published centre as the directory index takes it. */
export async function directoryRows(db: DB, now = new Date().toISOString()): Promise<DirectoryRow[]> {
  const [centres, sectors, topics, certificates, documents] = await Promise.all([
    db
      .selectFrom('centres')
      .select(['id', 'name', 'country', 'type', 'eqf_levels', 'languages', 'erasmus_accredited', 'ene_member', 'updated_at'])
      .where('published', '=', 1)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('centre_sectors')
      .innerJoin('centres', 'centres.id', 'centre_sectors.centre_id')
      .select(['centre_sectors.centre_id', 'centre_sectors.sector'])
      .where('centres.published', '=', 1)
      .execute(),
    db
      .selectFrom('centre_topics')
      .innerJoin('centres', 'centres.id', 'centre_topics.centre_id')
      .select(['centre_topics.centre_id', 'centre_topics.side', 'centre_topics.topic'])
      .where('centres.published', '=', 1)
      .execute(),
    db
      .selectFrom('certificates')
      .select(['centre_id', sql<string | null>`max(coalesce(expires_at, '9999-12-31'))`.as('until')])
      .where('on_profile', '=', 1)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .groupBy('centre_id')
      .execute(),
    db.selectFrom('search_documents').select(['id', 'ref']).where('kind', '=', 'centre').execute(),
  ]);
  const byCentre = <T>(rows: T[], key: (r: T) => number) => {
    const m = new Map<number, T[]>();
    for (const r of rows) {
      const k = key(r);
      const l = m.get(k);
      if (l) l.push(r);
      else m.set(k, [r]);
    }
    return m;
  };
  const sectorsOf = byCentre(sectors, (r) => r.centre_id);
  const topicsOf = byCentre(topics, (r) => r.centre_id);
  const until = new Map(certificates.map((c) => [c.centre_id, c.until]));
  const docOf = new Map(documents.map((d) => [Number(/^centre:(\d+):/.exec(d.ref)?.[1]), d.id]));
  return centres.map((c) => ({
    id: c.id,
    name: c.name,
    country: c.country,
    type: c.type,
    sectors: (sectorsOf.get(c.id) ?? []).map((s) => s.sector),
    eqfLevels: list(c.eqf_levels) as number[],
    languages: list(c.languages) as string[],
    offers: (topicsOf.get(c.id) ?? []).filter((t) => t.side === 'offers').map((t) => t.topic),
    seeks: (topicsOf.get(c.id) ?? []).filter((t) => t.side === 'seeks').map((t) => t.topic),
    accredited: c.erasmus_accredited === 1,
    eneMember: c.ene_member === 1,
    certificateUntil: until.get(c.id) ?? null,
    updatedAt: c.updated_at,
    docId: docOf.get(c.id) ?? null,
  }));
}

/**
 * What the directory index was built from, in a few numbers: any change to a centre (its
 * updated_at moves), a centre added or removed, a certificate issued, withdrawn or shown or hidden
 * changes it. Cheap enough to read once a second.
 */
export async function directoryFingerprint(db: DB): Promise<string> {
  const [c, x] = await Promise.all([
    db
      .selectFrom('centres')
      .select([sql<number | string>`count(*)`.as('n'), sql<string | null>`max(updated_at)`.as('at'), sql<number | string | null>`sum(published)`.as('p')])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('certificates')
      .select([
        sql<number | string>`count(*)`.as('n'),
        sql<string | null>`max(issued_at)`.as('issued'),
        sql<string | null>`max(revoked_at)`.as('revoked'),
        sql<number | string | null>`sum(on_profile)`.as('shown'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return [c.n, c.at, c.p, x.n, x.issued, x.revoked, x.shown].map((v) => String(v ?? '')).join('|');
}

export interface DirectoryCard {
  id: number;
  slug: string;
  name: string;
  city: string;
  country: string;
  type: string;
  logo: string | null;
  offers: string[];
  seeks: string[];
  accredited: boolean;
  eneMember: boolean;
}

/** The cards of a page of results, in the order of the ids given. */
export async function directoryCards(db: DB, ids: number[]): Promise<DirectoryCard[]> {
  if (ids.length === 0) return [];
  const [rows, topics] = await Promise.all([
    db
      .selectFrom('centres')
      .select(['id', 'slug', 'name', 'city', 'country', 'type', 'logo', 'erasmus_accredited', 'ene_member'])
      .where('id', 'in', ids)
      .execute(),
    db.selectFrom('centre_topics').select(['centre_id', 'side', 'topic']).where('centre_id', 'in', ids).execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const mine = topics.filter((t) => t.centre_id === id);
    return [
      {
        id,
        slug: r.slug,
        name: r.name,
        city: r.city,
        country: r.country,
        type: r.type,
        logo: r.logo,
        offers: mine.filter((t) => t.side === 'offers').map((t) => t.topic),
        seeks: mine.filter((t) => t.side === 'seeks').map((t) => t.topic),
        accredited: r.erasmus_accredited === 1,
        eneMember: r.ene_member === 1,
      },
    ];
  });
}
