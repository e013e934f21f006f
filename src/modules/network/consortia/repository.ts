import { sql, type Selectable } from 'kysely';
import type { DB } from '../../../db/database.ts';
import type { Tables } from '../../../db/schema.ts';
import type { PartnerStatus } from '../consortium/checklist.ts';
import type { PartnerKind } from '../consortium/partner-kinds.ts';

// The only SQL of consortia (migration 0023): consortia, their partners (a centre's name,
// country, EQF levels and identifiers read from its profile), the search for centres to invite,
// and the administrators an invitation is mailed to.

export type ConsortiumRow = Selectable<Tables['consortia']>;
const now = () => new Date().toISOString();

/** A partner as the page, the checklist and the exports see it. */
export interface Partner {
  id: number;
  /** a centre on the platform (null: an outside organisation) */
  centreId: number | null;
  slug: string | null;
  name: string;
  country: string;
  kind: PartnerKind;
  full: boolean;
  eqfLevels: number[];
  status: PartnerStatus;
  /** the coordinating centre's own row */
  coordinator: boolean;
  oid: string | null;
  pic: string | null;
}

export async function createConsortium(
  db: DB,
  c: { centreId: number; title: string; description: string | null; rules: string; userId: number; kind: PartnerKind },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const t = now();
    const { id } = await trx
      .insertInto('consortia')
      .values({ centre_id: c.centreId, title: c.title, description: c.description, rules: c.rules, created_by: c.userId, created_at: t, updated_at: t })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The coordinator is the consortium's first full partner.
    await trx
      .insertInto('consortium_partners')
      .values({
        consortium_id: id,
        centre_id: c.centreId,
        kind: c.kind,
        full_partner: 1,
        status: 'accepted',
        invited_by: c.userId,
        created_at: t,
        answered_at: t,
      })
      .execute();
    return id;
  });
}

export const findConsortium = (db: DB, id: number) =>
  db.selectFrom('consortia').selectAll().where('id', '=', id).executeTakeFirst() as Promise<ConsortiumRow | undefined>;

/** The consortia a centre coordinates, newest first. */
export const coordinatedBy = (db: DB, centreId: number) =>
  db.selectFrom('consortia').selectAll().where('centre_id', '=', centreId).orderBy('id', 'desc').execute() as Promise<ConsortiumRow[]>;

/** The consortia other centres invited this one to, with the coordinator's name and this centre's answer, newest first. */
export const invitationsTo = (db: DB, centreId: number) =>
  db
    .selectFrom('consortium_partners as p')
    .innerJoin('consortia as k', 'k.id', 'p.consortium_id')
    .innerJoin('centres as c', 'c.id', 'k.centre_id')
    .select(['k.id', 'k.title', 'c.name as coordinator', 'p.status', 'p.full_partner'])
    .where('p.centre_id', '=', centreId)
    .where('k.centre_id', '!=', centreId)
    .orderBy('k.id', 'desc')
    .execute();

/** A centre's row in a consortium, if it has one. */
export const partnerRow = (db: DB, consortiumId: number, centreId: number) =>
  db.selectFrom('consortium_partners').select(['id', 'status']).where('consortium_id', '=', consortiumId).where('centre_id', '=', centreId).executeTakeFirst();

/** The partners of some consortia, by consortium: the coordinator first, then in the order they were added. */
export async function partnersOf(db: DB, consortiumIds: readonly number[]): Promise<Map<number, Partner[]>> {
  const out = new Map<number, Partner[]>(consortiumIds.map((id) => [id, []]));
  if (!consortiumIds.length) return out;
  const rows = await db
    .selectFrom('consortium_partners as p')
    .innerJoin('consortia as k', 'k.id', 'p.consortium_id')
    .leftJoin('centres as c', 'c.id', 'p.centre_id')
    .select([
      'p.id',
      'p.consortium_id',
      'p.centre_id',
      'p.name',
      'p.country',
      'p.kind',
      'p.full_partner',
      'p.eqf_levels',
      'p.pic',
      'p.status',
      'k.centre_id as coordinator_id',
      'c.slug',
      'c.name as centre_name',
      'c.country as centre_country',
      'c.eqf_levels as centre_eqf',
      'c.erasmus_oid',
      'c.eu_pic',
    ])
    .where('p.consortium_id', 'in', [...consortiumIds])
    .orderBy('p.id')
    .execute();
  for (const r of rows) {
    const centre = r.centre_id !== null;
    const coordinator = centre && r.centre_id === r.coordinator_id;
    const p: Partner = {
      id: r.id,
      centreId: r.centre_id,
      slug: r.slug,
      name: (centre ? r.centre_name : r.name) ?? '',
      country: (centre ? r.centre_country : r.country) ?? '',
      kind: r.kind as PartnerKind,
      full: r.full_partner === 1,
      eqfLevels: JSON.parse((centre ? r.centre_eqf : r.eqf_levels) ?? '[]') as number[],
      status: r.status as PartnerStatus,
      coordinator,
      oid: centre ? r.erasmus_oid : null,
      pic: centre ? r.eu_pic : r.pic,
    };
    const list = out.get(r.consortium_id)!;
    if (coordinator) list.unshift(p);
    else list.push(p);
  }
  return out;
}

export async function addCentre(db: DB, p: { consortiumId: number; centreId: number; kind: PartnerKind; full: boolean; userId: number }): Promise<void> {
  await db
    .insertInto('consortium_partners')
    .values({
      consortium_id: p.consortiumId,
      centre_id: p.centreId,
      kind: p.kind,
      full_partner: p.full ? 1 : 0,
      status: 'invited',
      invited_by: p.userId,
      created_at: now(),
    })
    .execute();
  await touch(db, p.consortiumId);
}

export async function addOutside(
  db: DB,
  p: { consortiumId: number; name: string; country: string; kind: PartnerKind; full: boolean; eqfLevels: number[]; pic: string | null; userId: number },
): Promise<void> {
  await db
    .insertInto('consortium_partners')
    .values({
      consortium_id: p.consortiumId,
      name: p.name,
      country: p.country,
      kind: p.kind,
      full_partner: p.full ? 1 : 0,
      eqf_levels: JSON.stringify(p.eqfLevels),
      pic: p.pic,
      status: 'outside',
      invited_by: p.userId,
      created_at: now(),
    })
    .execute();
  await touch(db, p.consortiumId);
}

/** Removes a partner other than the coordinator; how many rows went (0: no such partner). */
export async function removePartner(db: DB, consortiumId: number, partnerId: number, coordinatorId: number): Promise<number> {
  const r = await db
    .deleteFrom('consortium_partners')
    .where('id', '=', partnerId)
    .where('consortium_id', '=', consortiumId)
    .where((eb) => eb.or([eb('centre_id', 'is', null), eb('centre_id', '!=', coordinatorId)]))
    .executeTakeFirst();
  if (r.numDeletedRows > 0n) await touch(db, consortiumId);
  return Number(r.numDeletedRows);
}

/** A centre's answer to its invitation: only from the states given, so two answers at once cannot both apply. */
export async function answer(db: DB, partnerId: number, from: PartnerStatus[], to: PartnerStatus): Promise<boolean> {
  const r = await db
    .updateTable('consortium_partners')
    .set({ status: to, answered_at: now() })
    .where('id', '=', partnerId)
    .where('status', 'in', from)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

const touch = (db: DB, consortiumId: number) => db.updateTable('consortia').set({ updated_at: now() }).where('id', '=', consortiumId).execute();

/** Published centres whose name contains the words asked for (any case), by name. */
export async function searchCentres(db: DB, q: string, limit: number) {
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('centres')
    .select(['id', 'slug', 'name', 'country', 'city', 'type'])
    .where('published', '=', 1)
    .where(sql<boolean>`lower(name) like ${pattern} escape '\\'`)
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** A published centre that can be invited. */
export const publishedCentre = (db: DB, id: number) =>
  db.selectFrom('centres').select(['id', 'slug', 'name', 'type']).where('id', '=', id).where('published', '=', 1).executeTakeFirst();

/**
 * How many consortia a centre takes part in (as coordinator or as a partner that accepted) that
 * have at least one other partner with it: the "partnerships" its profile shows when it opts in.
 * A number only: which consortia, and with whom, stays with their members.
 */
export async function partnershipCount(db: DB, centreId: number): Promise<number> {
  const r = await sql<{ n: number | string }>`
    select count(*) as n from consortium_partners p
    where p.centre_id = ${centreId} and p.status = 'accepted'
      and exists (select 1 from consortium_partners o where o.consortium_id = p.consortium_id and o.id <> p.id and o.status in ('accepted', 'outside'))`.execute(
    db,
  );
  return Number(r.rows[0]?.n ?? 0);
}
