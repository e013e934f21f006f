import type { DB } from '../../db/database.ts';

// Revisions of content items: every change in the back office or by an import keeps a full
// snapshot (JSON) of the item, with who and when. The snapshot is `{ item, published }`, the item
// in the content-pack format (content/items.ts); migration 0011 brought older resource revisions
// into that shape.

/** Who made a revision: a person, or the command line (no account). */
export interface RevisionActor {
  id: number | null;
  name: string;
}

export async function addRevision(db: DB, kind: string, itemId: number, actor: RevisionActor, note: string, snapshot: unknown): Promise<void> {
  await db
    .insertInto('revisions')
    .values({ kind, item_id: itemId, at: new Date().toISOString(), actor_id: actor.id, actor_name: actor.name, note, snapshot: JSON.stringify(snapshot) })
    .execute();
}

/** A revision nobody made: the state an item had from the content files before anyone edited it. */
export async function addBaseline(db: DB, kind: string, itemId: number, snapshot: unknown): Promise<void> {
  await addRevision(db, kind, itemId, { id: null, name: '' }, 'loaded', snapshot);
}

/** An item's revisions, newest first. */
export const revisionsOf = (db: DB, kind: string, itemId: number) =>
  db.selectFrom('revisions').select(['id', 'at', 'actor_name', 'note', 'snapshot']).where('kind', '=', kind).where('item_id', '=', itemId).orderBy('id', 'desc').execute();

/** Whether the back office (or an import) has kept any revision of the item. */
export async function hasRevisions(db: DB, kind: string, itemId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('revisions').select('id').where('kind', '=', kind).where('item_id', '=', itemId).limit(1).executeTakeFirst());
}

export const revision = (db: DB, id: number) => db.selectFrom('revisions').selectAll().where('id', '=', id).executeTakeFirst();
