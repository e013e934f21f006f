import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { Tables } from '../../db/schema.ts';

// The only SQL of centres: profiles, sectors, members and invitations.

export type CentreRow = Selectable<Tables['centres']>;
const now = () => new Date().toISOString();

export interface ProfileInput {
  name: string;
  country: string;
  city: string;
  website: string | null;
  type: string;
  description: string | null;
  eqfLevels: number[];
  languages: string[];
  sectors: string[];
  published: boolean;
}

const row = (p: ProfileInput) => ({
  name: p.name,
  country: p.country,
  city: p.city,
  website: p.website,
  type: p.type,
  description: p.description,
  eqf_levels: JSON.stringify(p.eqfLevels),
  languages: JSON.stringify(p.languages),
  published: p.published ? 1 : 0,
});

export const slugTaken = async (db: DB, slug: string) => Boolean(await db.selectFrom('centres').select('id').where('slug', '=', slug).executeTakeFirst());

export async function createCentre(db: DB, slug: string, p: ProfileInput, userId: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const t = now();
    const { id } = await trx
      .insertInto('centres')
      .values({ slug, ...row(p), created_by: userId, created_at: t, updated_at: t })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const sector of new Set(p.sectors)) await trx.insertInto('centre_sectors').values({ centre_id: id, sector }).execute();
    await trx.insertInto('centre_members').values({ centre_id: id, user_id: userId, role: 'admin', created_at: t }).execute();
    return id;
  });
}

export async function updateCentre(db: DB, id: number, p: ProfileInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('centres')
      .set({ ...row(p), updated_at: now() })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('centre_sectors').where('centre_id', '=', id).execute();
    for (const sector of new Set(p.sectors)) await trx.insertInto('centre_sectors').values({ centre_id: id, sector }).execute();
  });
}

export async function setLogo(db: DB, id: number, logo: string | null): Promise<void> {
  await db.updateTable('centres').set({ logo, updated_at: now() }).where('id', '=', id).execute();
}

export const findCentre = (db: DB, slug: string) =>
  db.selectFrom('centres').selectAll().where('slug', '=', slug).executeTakeFirst() as Promise<CentreRow | undefined>;
export const findCentreById = (db: DB, id: number) =>
  db.selectFrom('centres').selectAll().where('id', '=', id).executeTakeFirst() as Promise<CentreRow | undefined>;

export const sectorsOf = async (db: DB, id: number) =>
  (await db.selectFrom('centre_sectors').select('sector').where('centre_id', '=', id).orderBy('sector').execute()).map((r) => r.sector);

export const publishedCentres = (db: DB) =>
  db.selectFrom('centres').select(['slug', 'name', 'country', 'city', 'type', 'logo']).where('published', '=', 1).orderBy('name').execute();

export const centresOf = (db: DB, userId: number) =>
  db
    .selectFrom('centre_members')
    .innerJoin('centres', 'centres.id', 'centre_members.centre_id')
    .select(['centres.slug', 'centres.name', 'centre_members.role'])
    .where('centre_members.user_id', '=', userId)
    .orderBy('centres.name')
    .execute();

export const membership = (db: DB, centreId: number, userId: number) =>
  db.selectFrom('centre_members').select('role').where('centre_id', '=', centreId).where('user_id', '=', userId).executeTakeFirst();

export const members = (db: DB, centreId: number) =>
  db
    .selectFrom('centre_members')
    .innerJoin('users', 'users.id', 'centre_members.user_id')
    .select(['users.id', 'users.name', 'users.email', 'centre_members.role', 'centre_members.created_at'])
    .where('centre_members.centre_id', '=', centreId)
    .orderBy('users.name')
    .execute();

class LastAdmin extends Error {}

/**
 * Runs a change to one person's membership, undone if it would leave the centre without an
 * administrator; 'not-member' when the person is not (or no longer) a member, and nothing changed.
 */
async function keepingAnAdmin(db: DB, centreId: number, change: (trx: DB) => Promise<number>): Promise<'done' | 'last-admin' | 'not-member'> {
  try {
    return await db.transaction().execute(async (trx) => {
      if ((await change(trx)) === 0) return 'not-member' as const;
      if ((await adminCount(trx, centreId)) === 0) throw new LastAdmin();
      return 'done' as const;
    });
  } catch (error) {
    if (error instanceof LastAdmin) return 'last-admin';
    throw error;
  }
}

export const setRole = (db: DB, centreId: number, userId: number, role: string) =>
  keepingAnAdmin(db, centreId, async (trx) =>
    Number(
      (await trx.updateTable('centre_members').set({ role }).where('centre_id', '=', centreId).where('user_id', '=', userId).executeTakeFirst()).numUpdatedRows,
    ),
  );

export const removeMember = (db: DB, centreId: number, userId: number) =>
  keepingAnAdmin(db, centreId, async (trx) =>
    Number((await trx.deleteFrom('centre_members').where('centre_id', '=', centreId).where('user_id', '=', userId).executeTakeFirst()).numDeletedRows),
  );

const adminCount = async (db: DB, centreId: number) =>
  Number(
    (
      await db
        .selectFrom('centre_members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('centre_id', '=', centreId)
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow()
    ).n,
  );

export async function addMember(db: DB, centreId: number, userId: number, role: string): Promise<void> {
  await db
    .insertInto('centre_members')
    .values({ centre_id: centreId, user_id: userId, role, created_at: now() })
    .onConflict((oc) => oc.columns(['centre_id', 'user_id']).doNothing())
    .execute();
}

export async function saveInvitation(
  db: DB,
  i: { hash: string; centreId: number; email: string; role: string; invitedBy: number; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('centre_invitations')
    .values({
      hash: i.hash,
      centre_id: i.centreId,
      email: i.email,
      role: i.role,
      invited_by: i.invitedBy,
      expires_at: i.expiresAt.toISOString(),
      created_at: now(),
    })
    .execute();
}

export const findInvitation = (db: DB, hash: string) =>
  db
    .selectFrom('centre_invitations')
    .innerJoin('centres', 'centres.id', 'centre_invitations.centre_id')
    .select([
      'centre_invitations.centre_id',
      'centre_invitations.email',
      'centre_invitations.role',
      'centre_invitations.expires_at',
      'centre_invitations.used_at',
      'centres.name',
      'centres.slug',
    ])
    .where('centre_invitations.hash', '=', hash)
    .executeTakeFirst();

/** Marks an invitation used, once: a second use (or a race) gets nothing back. */
export const useInvitation = (db: DB, hash: string) =>
  db
    .updateTable('centre_invitations')
    .set({ used_at: now() })
    .where('hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now())
    .returning(['centre_id', 'email', 'role'])
    .executeTakeFirst();

export const pendingInvitations = (db: DB, centreId: number) =>
  db
    .selectFrom('centre_invitations')
    .select(['email', 'role', 'expires_at'])
    .where('centre_id', '=', centreId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now())
    .orderBy('created_at', 'desc')
    .execute();

/** A centre's administrators, with the language their account uses (whom a centre's notices go to). */
export async function centreAdmins(db: DB, centreId: number): Promise<{ email: string; name: string; lang: string }[]> {
  const rows = await db
    .selectFrom('centre_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.email', 'u.name', 'u.preferred_lang'])
    .where('m.centre_id', '=', centreId)
    .where('m.role', '=', 'admin')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({ email: r.email, name: r.name, lang: r.preferred_lang }));
}

/** Names of the centres where this person is the only administrator. */
export async function soleAdminOf(db: DB, userId: number): Promise<string[]> {
  const mine = await db
    .selectFrom('centre_members')
    .innerJoin('centres', 'centres.id', 'centre_members.centre_id')
    .select(['centres.id', 'centres.name'])
    .where('centre_members.user_id', '=', userId)
    .where('centre_members.role', '=', 'admin')
    .execute();
  const out: string[] = [];
  for (const c of mine) if ((await adminCount(db, c.id)) === 1) out.push(c.name);
  return out;
}

// What a centre brings to the network (migration 0021): offers and seeks, identifiers,
// programmes, contact roles and the signals it shows.

export interface TopicEntry {
  topic: string;
  note: string | null;
}

export interface NetworkProfile {
  offers: TopicEntry[];
  seeks: TopicEntry[];
  erasmusOid: string | null;
  euPic: string | null;
  accredited: boolean;
  eneMember: boolean;
  programmes: { title: string; sector: string | null; eqfLevel: number | null }[];
  contacts: { role: string; name: string | null }[];
  showRounds: boolean;
  showActivity: boolean;
  shareMaturity: boolean;
}

export async function networkProfileOf(db: DB, c: CentreRow): Promise<NetworkProfile> {
  const [topics, programmes, contacts] = await Promise.all([
    db.selectFrom('centre_topics').select(['side', 'topic', 'note']).where('centre_id', '=', c.id).execute(),
    db.selectFrom('centre_programmes').select(['title', 'sector', 'eqf_level']).where('centre_id', '=', c.id).orderBy('position').execute(),
    db.selectFrom('centre_contacts').select(['role', 'name']).where('centre_id', '=', c.id).execute(),
  ]);
  const side = (s: string) => topics.filter((x) => x.side === s).map((x) => ({ topic: x.topic, note: x.note }));
  return {
    offers: side('offers'),
    seeks: side('seeks'),
    erasmusOid: c.erasmus_oid,
    euPic: c.eu_pic,
    accredited: c.erasmus_accredited === 1,
    eneMember: c.ene_member === 1,
    programmes: programmes.map((p) => ({ title: p.title, sector: p.sector, eqfLevel: p.eqf_level })),
    contacts,
    showRounds: c.show_rounds === 1,
    showActivity: c.show_activity === 1,
    shareMaturity: c.share_maturity === 1,
  };
}

export async function saveNetworkProfile(db: DB, centreId: number, p: NetworkProfile): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('centres')
      .set({
        erasmus_oid: p.erasmusOid,
        eu_pic: p.euPic,
        erasmus_accredited: p.accredited ? 1 : 0,
        ene_member: p.eneMember ? 1 : 0,
        show_rounds: p.showRounds ? 1 : 0,
        show_activity: p.showActivity ? 1 : 0,
        share_maturity: p.shareMaturity ? 1 : 0,
        updated_at: now(),
      })
      .where('id', '=', centreId)
      .execute();
    await trx.deleteFrom('centre_topics').where('centre_id', '=', centreId).execute();
    const topics = [
      ...p.offers.map((t) => ({ centre_id: centreId, side: 'offers', topic: t.topic, note: t.note })),
      ...p.seeks.map((t) => ({ centre_id: centreId, side: 'seeks', topic: t.topic, note: t.note })),
    ];
    if (topics.length) await trx.insertInto('centre_topics').values(topics).execute();
    await trx.deleteFrom('centre_programmes').where('centre_id', '=', centreId).execute();
    if (p.programmes.length) {
      await trx
        .insertInto('centre_programmes')
        .values(p.programmes.map((x, position) => ({ centre_id: centreId, position, title: x.title, sector: x.sector, eqf_level: x.eqfLevel })))
        .execute();
    }
    await trx.deleteFrom('centre_contacts').where('centre_id', '=', centreId).execute();
    if (p.contacts.length)
      await trx
        .insertInto('centre_contacts')
        .values(p.contacts.map((x) => ({ centre_id: centreId, ...x })))
        .execute();
  });
}

/** How many self-assessment rounds the centre has completed (closed early or past their closing date). */
export async function completedRounds(db: DB, centreId: number): Promise<number> {
  const t = now();
  const row = await db
    .selectFrom('rounds')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('centre_id', '=', centreId)
    .where((eb) => eb.or([eb('closed_at', 'is not', null), eb('closes_at', '<=', t)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Published centres without a search document (profiles published before centres were searchable). */
export const publishedWithoutDocument = (db: DB) =>
  db
    .selectFrom('centres')
    .select('id')
    .where('published', '=', 1)
    .where(sql<boolean>`not exists (select 1 from search_documents d where d.ref = 'centre:' || centres.id || ':profile')`)
    .execute();
