import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Mode, OrganiserKind } from '../lists.ts';

// The SQL of events and their texts (migration 0032). An event has texts in one or more
// languages; lists read them for the page's language, else English, else the first written.

export interface EventInput {
  organiserKind: OrganiserKind;
  communityId: number | null;
  centreId: number | null;
  mode: Mode;
  place: string | null;
  country: string | null;
  joinUrl: string | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  lang: string;
  theme: string | null;
  capacity: number | null;
  approval: boolean;
  quotaCentre: number | null;
  quotaCountry: number | null;
  recordingUrl: string | null;
  texts: { lang: Lang; title: string; description: string }[];
}

export type EventRow = Awaited<ReturnType<typeof rowBySlug>> & {};
export type TextRow = { event_id: number; lang: string; title: string; description: string };

const eventColumns = [
  'e.id',
  'e.slug',
  'e.organiser_kind',
  'e.community_id',
  'e.centre_id',
  'e.created_by',
  'e.mode',
  'e.place',
  'e.country',
  'e.join_url',
  'e.starts_at',
  'e.ends_at',
  'e.time_zone',
  'e.lang',
  'e.theme',
  'e.capacity',
  'e.approval',
  'e.quota_centre',
  'e.quota_country',
  'e.taken',
  'e.sequence',
  'e.status',
  'e.cancelled_at',
  'e.cancel_reason',
  'e.recording_url',
  'e.created_at',
  'e.updated_at',
  'c.slug as community_slug',
  'ce.slug as centre_slug',
  'ce.name as centre_name',
] as const;

const events = (db: DB) =>
  db.selectFrom('events as e').leftJoin('communities as c', 'c.id', 'e.community_id').leftJoin('centres as ce', 'ce.id', 'e.centre_id').select(eventColumns);

async function rowBySlug(db: DB, slug: string) {
  return events(db).where('e.slug', '=', slug).executeTakeFirst();
}
export const bySlug = rowBySlug;
export const byId = (db: DB, id: number) => events(db).where('e.id', '=', id).executeTakeFirst();

export async function texts(db: DB, ids: readonly number[]): Promise<TextRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('event_translations')
    .select(['event_id', 'lang', 'title', 'description'])
    .where('event_id', 'in', [...ids])
    .execute();
}

const values = (e: EventInput, now: string) => ({
  organiser_kind: e.organiserKind,
  community_id: e.communityId,
  centre_id: e.centreId,
  mode: e.mode,
  place: e.place,
  country: e.country,
  join_url: e.joinUrl,
  starts_at: e.startsAt,
  ends_at: e.endsAt,
  time_zone: e.timeZone,
  lang: e.lang,
  theme: e.theme,
  capacity: e.capacity,
  approval: e.approval ? 1 : 0,
  quota_centre: e.quotaCentre,
  quota_country: e.quotaCountry,
  recording_url: e.recordingUrl,
  updated_at: now,
});

async function putTexts(trx: DB, id: number, list: EventInput['texts']): Promise<void> {
  await trx.deleteFrom('event_translations').where('event_id', '=', id).execute();
  if (list.length)
    await trx
      .insertInto('event_translations')
      .values(list.map((x) => ({ event_id: id, ...x })))
      .execute();
}

/** Creates an event with its texts; the slug must be free (a unique violation says it is not). */
export async function create(db: DB, slug: string, e: EventInput, userId: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const row = await trx
      .insertInto('events')
      .values({ slug, ...values(e, now), created_by: userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await putTexts(trx, row.id, e.texts);
    return row.id;
  });
}

/** Saves an event's changes (inside the caller's transaction); calendars see a new sequence. */
export async function update(trx: DB, id: number, e: EventInput): Promise<void> {
  await trx
    .updateTable('events')
    .set({ ...values(e, new Date().toISOString()), sequence: sql`sequence + 1` })
    .where('id', '=', id)
    .execute();
  await putTexts(trx, id, e.texts);
}

export async function cancelEvent(trx: DB, id: number, reason: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('events')
    .set({ status: 'cancelled', cancelled_at: now.toISOString(), cancel_reason: reason, sequence: sql`sequence + 1`, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface ListFilter {
  theme: string[];
  mode: string[];
  language: string[];
  country: string[];
  community: string[];
  past: boolean;
}

/** A page of events: upcoming ones soonest first (those under way included), past ones latest first. */
export async function list(db: DB, f: ListFilter, now: Date, offset: number, limit: number) {
  let q = db.selectFrom('events as e').leftJoin('communities as c', 'c.id', 'e.community_id');
  q = f.past ? q.where('e.ends_at', '<=', now.toISOString()) : q.where('e.ends_at', '>', now.toISOString());
  if (f.theme.length) q = q.where('e.theme', 'in', f.theme);
  if (f.mode.length) q = q.where('e.mode', 'in', f.mode);
  if (f.language.length) q = q.where('e.lang', 'in', f.language);
  if (f.country.length) q = q.where('e.country', 'in', f.country);
  if (f.community.length) q = q.where('c.slug', 'in', f.community);
  const [rows, count] = await Promise.all([
    q
      .leftJoin('centres as ce', 'ce.id', 'e.centre_id')
      .select(eventColumns)
      .orderBy('e.starts_at', f.past ? 'desc' : 'asc')
      .orderBy('e.id')
      .offset(offset)
      .limit(limit)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The events that overlap an interval (a month's view), soonest first. */
export async function between(db: DB, from: string, to: string) {
  return events(db).where('e.starts_at', '<', to).where('e.ends_at', '>', from).orderBy('e.starts_at').orderBy('e.id').execute();
}

/** A community's or the platform's upcoming and recent events, for calendar feeds. */
export async function forFeed(db: DB, o: { communityId?: number; since: string; limit: number }) {
  let q = events(db).where('e.ends_at', '>', o.since);
  if (o.communityId !== undefined) q = q.where('e.community_id', '=', o.communityId);
  return q.orderBy('e.starts_at').limit(o.limit).execute();
}

/** The events with these ids (a person's calendar). */
export async function withIds(db: DB, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return events(db)
    .where('e.id', 'in', [...ids])
    .orderBy('e.starts_at')
    .execute();
}

/** Events starting within the window that have not had this reminder, for the reminder job; marks them. */
export async function dueReminders(trx: DB, which: 'reminded_day_at' | 'reminded_hour_at', now: Date, aheadMs: number): Promise<number[]> {
  const rows = await trx
    .updateTable('events')
    .set({ [which]: now.toISOString() })
    .where('status', '=', 'scheduled')
    .where(which, 'is', null)
    .where('starts_at', '>', now.toISOString())
    .where('starts_at', '<=', new Date(now.getTime() + aheadMs).toISOString())
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The distinct countries and communities that events have, for the list's filters. */
export async function facets(db: DB) {
  const [countries, communities] = await Promise.all([
    db.selectFrom('events').select('country').distinct().where('country', 'is not', null).execute(),
    db.selectFrom('events as e').innerJoin('communities as c', 'c.id', 'e.community_id').select(['c.id', 'c.slug']).distinct().execute(),
  ]);
  return { countries: countries.map((r) => r.country!).sort(), communities };
}

/** The person's private calendar token, made on first use; `replace` gives a new one. */
export async function feedToken(db: DB, userId: number, fresh: string, replace: boolean): Promise<string> {
  const now = new Date().toISOString();
  if (replace) await db.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute();
  await db
    .insertInto('calendar_feeds')
    .values({ user_id: userId, token: fresh, created_at: now })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  const row = await db.selectFrom('calendar_feeds').select('token').where('user_id', '=', userId).executeTakeFirstOrThrow();
  return row.token;
}

export async function userOfFeed(db: DB, token: string): Promise<number | null> {
  const row = await db.selectFrom('calendar_feeds').select('user_id').where('token', '=', token).executeTakeFirst();
  return row?.user_id ?? null;
}
