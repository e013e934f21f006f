import type { DB } from '../../db/database.ts';

// The only SQL of attachments: the rows, and the little the service needs to know about their
// owners (resources and case studies, by slug): a title for messages and whether it is public.

export const ownerKinds = ['resource', 'case-study'] as const;
export type OwnerKind = (typeof ownerKinds)[number];

/** What an attachment belongs to. */
export interface Owner {
  kind: OwnerKind;
  id: number;
}

export interface OwnerInfo extends Owner {
  /** the English title, for the audit log and page headings */
  title: string;
  /** how the back office addresses it: its slug */
  key: string;
  published: boolean;
}

export interface Attachment {
  id: number;
  ownerKind: OwnerKind;
  ownerId: number;
  title: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  storageKey: string;
  position: number;
  createdAt: string;
}

/** What a list of attachments shows. */
export type AttachmentItem = Pick<Attachment, 'id' | 'title' | 'fileName' | 'mediaType' | 'size'>;

type Row = {
  id: number;
  owner_kind: string;
  owner_id: number;
  title: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  position: number;
  created_at: string;
};

const toAttachment = (r: Row): Attachment => ({
  id: r.id,
  ownerKind: r.owner_kind as OwnerKind,
  ownerId: r.owner_id,
  title: r.title,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: Number(r.size),
  sha256: r.sha256,
  storageKey: r.storage_key,
  position: r.position,
  createdAt: r.created_at,
});

const columns = ['id', 'owner_kind', 'owner_id', 'title', 'file_name', 'media_type', 'size', 'sha256', 'storage_key', 'position', 'created_at'] as const;

/**
 * An owner by the slug the back office addresses it by. A resource may also be named by its
 * number, its address before there was one editor: the owner's `key` then says its slug.
 */
export async function findOwner(db: DB, kind: OwnerKind, key: string): Promise<OwnerInfo | null> {
  if (kind === 'resource') {
    const byKey = (q: ReturnType<typeof resourceOwners>) => q.executeTakeFirst();
    const r =
      (await byKey(resourceOwners(db).where('resources.slug', '=', key))) ??
      (/^\d{1,9}$/.test(key) ? await byKey(resourceOwners(db).where('resources.id', '=', Number(key))) : undefined);
    return r ? { kind, id: r.id, key: r.slug, title: r.title ?? r.slug, published: r.published === 1 } : null;
  }
  const c = await db
    .selectFrom('case_studies')
    .leftJoin('case_study_translations as en', (j) => j.onRef('en.case_study_id', '=', 'case_studies.id').on('en.lang', '=', 'en'))
    .select(['case_studies.id', 'case_studies.slug', 'case_studies.published', 'en.title'])
    .where('case_studies.slug', '=', key)
    .executeTakeFirst();
  return c ? { kind, id: c.id, key: c.slug, title: c.title ?? c.slug, published: c.published === 1 } : null;
}

const resourceOwners = (db: DB) =>
  db
    .selectFrom('resources')
    .leftJoin('resource_translations as en', (j) => j.onRef('en.resource_id', '=', 'resources.id').on('en.lang', '=', 'en'))
    .select(['resources.id', 'resources.slug', 'resources.published', 'en.title']);

/** An owner's attachments in their order, for lists. */
export async function attachmentsFor(db: DB, owner: Owner): Promise<AttachmentItem[]> {
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'title', 'file_name', 'media_type', 'size'])
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, fileName: r.file_name, mediaType: r.media_type, size: Number(r.size) }));
}

export async function countFor(db: DB, owner: Owner): Promise<number> {
  const r = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function get(db: DB, id: number): Promise<Attachment | null> {
  const r = await db.selectFrom('attachments').select(columns).where('id', '=', id).executeTakeFirst();
  return r ? toAttachment(r) : null;
}

/** An attachment whose owner is published; drafts' files are not public. */
export async function getPublished(db: DB, id: number): Promise<Attachment | null> {
  const r = await db
    .selectFrom('attachments as a')
    .select(columns.map((c) => `a.${c}` as const))
    .where('a.id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('a.owner_kind', '=', 'resource'),
          eb.exists(eb.selectFrom('resources as r').select('r.id').whereRef('r.id', '=', 'a.owner_id').where('r.published', '=', 1)),
        ]),
        eb.and([
          eb('a.owner_kind', '=', 'case-study'),
          eb.exists(eb.selectFrom('case_studies as c').select('c.id').whereRef('c.id', '=', 'a.owner_id').where('c.published', '=', 1)),
        ]),
      ]),
    )
    .executeTakeFirst();
  return r ? toAttachment(r) : null;
}

export interface NewAttachment {
  owner: Owner;
  title: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  storageKey: string;
  createdBy: number;
}

/** Adds an attachment after the owner's last one. */
export async function insert(db: DB, a: NewAttachment): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const last = await tx
      .selectFrom('attachments')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('owner_kind', '=', a.owner.kind)
      .where('owner_id', '=', a.owner.id)
      .executeTakeFirst();
    const row = await tx
      .insertInto('attachments')
      .values({
        owner_kind: a.owner.kind,
        owner_id: a.owner.id,
        title: a.title,
        file_name: a.fileName,
        media_type: a.mediaType,
        size: a.size,
        sha256: a.sha256,
        storage_key: a.storageKey,
        position: Number(last?.p ?? 0) + 1,
        created_at: new Date().toISOString(),
        created_by: a.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

export async function remove(db: DB, id: number): Promise<void> {
  await db.deleteFrom('attachments').where('id', '=', id).execute();
}

/** Deletes an owner's rows and says which stored files they named. */
export async function removeAllFor(db: DB, owner: Owner): Promise<string[]> {
  const rows = await db.deleteFrom('attachments').where('owner_kind', '=', owner.kind).where('owner_id', '=', owner.id).returning('storage_key').execute();
  return rows.map((r) => r.storage_key);
}
