import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';
import { HOLDING, LIVE, OFFER_BEFORE_MS, OFFER_FOR_MS, type RegistrationStatus } from '../lists.ts';

// The SQL of registrations, and the one rule that matters most here: a place is never given
// twice. Every function that changes an event's places takes a transaction (the service opens
// it) and starts by updating the event's row (`hold`), which locks it on PostgreSQL until the
// transaction ends and is serialised by SQLite's single writer anyway: the counts read after it
// are the truth, whatever the number of instances. `taken` on the event counts the places held.

export interface Applicant {
  userId: number | null;
  name: string;
  email: string;
  centreId: number | null;
  country: string | null;
  /** the language of their mails */
  lang: string;
}

export interface Registration extends Applicant {
  id: number;
  eventId: number;
  status: RegistrationStatus;
  offeredUntil: string | null;
  createdAt: string;
}

/** What a change did to others: the people who got a place (or an offer of one). */
export interface Promoted {
  id: number;
  email: string;
  name: string;
  lang: string;
  status: 'registered' | 'offered';
  offeredUntil: string | null;
}

type EventPlaces = {
  id: number;
  capacity: number | null;
  taken: number;
  quota_centre: number | null;
  quota_country: number | null;
  starts_at: string;
  status: string;
  approval: number;
};

const columns = ['id', 'event_id', 'user_id', 'name', 'email', 'centre_id', 'country', 'lang', 'status', 'offered_until', 'created_at'] as const;
type Row = {
  id: number;
  event_id: number;
  user_id: number | null;
  name: string;
  email: string;
  centre_id: number | null;
  country: string | null;
  lang: string;
  status: string;
  offered_until: string | null;
  created_at: string;
};
const toRegistration = (r: Row): Registration => ({
  id: r.id,
  eventId: r.event_id,
  userId: r.user_id,
  name: r.name,
  email: r.email,
  centreId: r.centre_id,
  country: r.country,
  lang: r.lang,
  status: r.status as RegistrationStatus,
  offeredUntil: r.offered_until,
  createdAt: r.created_at,
});

/** Locks the event's places for the rest of the transaction, and reads them. */
async function hold(trx: DB, eventId: number): Promise<EventPlaces | null> {
  const row = await trx
    .updateTable('events')
    .set({ taken: sql`taken` })
    .where('id', '=', eventId)
    .returning(['id', 'capacity', 'taken', 'quota_centre', 'quota_country', 'starts_at', 'status', 'approval'])
    .executeTakeFirst();
  return row ? { ...row, taken: Number(row.taken) } : null;
}

/** Whether a place is free for this person: within the capacity, and their centre's and country's quotas. */
async function fits(trx: DB, ev: EventPlaces, a: Pick<Applicant, 'centreId' | 'country'>): Promise<boolean> {
  if (ev.capacity !== null && ev.taken >= ev.capacity) return false;
  const holders = (column: 'centre_id' | 'country', value: number | string) =>
    trx
      .selectFrom('event_registrations')
      .select(sql<number>`count(*)`.as('n'))
      .where('event_id', '=', ev.id)
      .where('status', 'in', [...HOLDING])
      .where(column, '=', value)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  if (ev.quota_centre !== null && a.centreId !== null && (await holders('centre_id', a.centreId)) >= ev.quota_centre) return false;
  if (ev.quota_country !== null && a.country !== null && (await holders('country', a.country)) >= ev.quota_country) return false;
  return true;
}

const move = (trx: DB, id: number, status: RegistrationStatus, now: string, offeredUntil: string | null = null) =>
  trx.updateTable('event_registrations').set({ status, offered_until: offeredUntil, changed_at: now }).where('id', '=', id).execute();
const takePlaces = (trx: DB, eventId: number, by: number) =>
  trx
    .updateTable('events')
    .set({ taken: sql`taken + ${by}` })
    .where('id', '=', eventId)
    .execute();

/** The person's live registration for the event, if any (by address). */
export async function liveOf(db: DB, eventId: number, email: string): Promise<Registration | null> {
  const r = await db
    .selectFrom('event_registrations')
    .select(columns)
    .where('event_id', '=', eventId)
    .where('email', '=', email)
    .where('status', 'in', [...LIVE])
    .executeTakeFirst();
  return r ? toRegistration(r) : null;
}

export async function get(db: DB, id: number): Promise<Registration | null> {
  const r = await db.selectFrom('event_registrations').select(columns).where('id', '=', id).executeTakeFirst();
  return r ? toRegistration(r) : null;
}

export type RegisterResult =
  | { outcome: 'registered' | 'waiting' | 'pending'; registration: Registration }
  | { outcome: 'duplicate'; registration: Registration }
  | { outcome: 'missing' | 'cancelled' | 'started' };

/** Registers a person: a place if one is free for them, else the waiting list (or the organiser's approval first). */
export async function register(trx: DB, eventId: number, a: Applicant, now: Date): Promise<RegisterResult> {
  const ev = await hold(trx, eventId);
  if (!ev) return { outcome: 'missing' };
  if (ev.status === 'cancelled') return { outcome: 'cancelled' };
  if (Date.parse(ev.starts_at) <= now.getTime()) return { outcome: 'started' };
  const already = await liveOf(trx, eventId, a.email);
  if (already) return { outcome: 'duplicate', registration: already };
  const status: 'registered' | 'waiting' | 'pending' = ev.approval === 1 ? 'pending' : (await fits(trx, ev, a)) ? 'registered' : 'waiting';
  const at = now.toISOString();
  const row = await trx
    .insertInto('event_registrations')
    .values({
      event_id: eventId,
      user_id: a.userId,
      name: a.name,
      email: a.email,
      centre_id: a.centreId,
      country: a.country,
      lang: a.lang,
      status,
      created_at: at,
      changed_at: at,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  if (status === 'registered') await takePlaces(trx, eventId, 1);
  return { outcome: status, registration: toRegistration(row) };
}

/**
 * Gives free places to the waiting list in order (skipping people whose centre or country has its
 * quota), while places are free and the event has not started. A place freed close to the start
 * is offered, to confirm before `offered_until`.
 */
async function promote(trx: DB, ev: EventPlaces, now: Date): Promise<Promoted[]> {
  const promoted: Promoted[] = [];
  const start = Date.parse(ev.starts_at);
  if (ev.status !== 'scheduled' || start <= now.getTime()) return promoted;
  const waiting = await trx
    .selectFrom('event_registrations')
    .select(columns)
    .where('event_id', '=', ev.id)
    .where('status', '=', 'waiting')
    .orderBy('id')
    .execute();
  for (const w of waiting) {
    if (ev.capacity !== null && ev.taken >= ev.capacity) break;
    if (!(await fits(trx, ev, { centreId: w.centre_id, country: w.country }))) continue;
    const offer = start - now.getTime() < OFFER_BEFORE_MS;
    const until = offer ? new Date(Math.min(now.getTime() + OFFER_FOR_MS, start)).toISOString() : null;
    await move(trx, w.id, offer ? 'offered' : 'registered', now.toISOString(), until);
    await takePlaces(trx, ev.id, 1);
    ev.taken += 1;
    promoted.push({ id: w.id, email: w.email, name: w.name, lang: w.lang, status: offer ? 'offered' : 'registered', offeredUntil: until });
  }
  return promoted;
}

/** Cancels a live registration; a place it held goes to the next in line. */
export async function cancel(
  trx: DB,
  id: number,
  now: Date,
  to: 'cancelled' | 'declined' = 'cancelled',
): Promise<{ outcome: 'done' | 'missing'; promoted: Promoted[]; before?: Registration }> {
  const before = await get(trx, id);
  if (!before) return { outcome: 'missing', promoted: [] };
  const ev = await hold(trx, before.eventId);
  // Read again under the lock: another change may have come first.
  const reg = await get(trx, id);
  if (!ev || !reg || !LIVE.includes(reg.status)) return { outcome: 'missing', promoted: [] };
  await move(trx, id, to, now.toISOString());
  if (!HOLDING.includes(reg.status)) return { outcome: 'done', promoted: [], before: reg };
  await takePlaces(trx, ev.id, -1);
  ev.taken -= 1;
  return { outcome: 'done', promoted: await promote(trx, ev, now), before: reg };
}

/** The organiser accepts a pending registration: a place if one is free for them, else the waiting list. */
export async function approve(trx: DB, id: number, now: Date): Promise<'registered' | 'waiting' | 'missing'> {
  const first = await get(trx, id);
  const ev = first ? await hold(trx, first.eventId) : null;
  const reg = await get(trx, id);
  if (!ev || !reg || reg.status !== 'pending') return 'missing';
  if (await fits(trx, ev, reg)) {
    await move(trx, id, 'registered', now.toISOString());
    await takePlaces(trx, ev.id, 1);
    return 'registered';
  }
  await move(trx, id, 'waiting', now.toISOString());
  return 'waiting';
}

/** Confirms an offered place before its time runs out. */
export async function confirmOffer(trx: DB, id: number, now: Date): Promise<'done' | 'missing'> {
  const first = await get(trx, id);
  const ev = first ? await hold(trx, first.eventId) : null;
  const reg = await get(trx, id);
  if (!ev || !reg || reg.status !== 'offered' || (reg.offeredUntil !== null && Date.parse(reg.offeredUntil) <= now.getTime())) return 'missing';
  await move(trx, id, 'registered', now.toISOString());
  return 'done';
}

/** Offers whose time ran out, oldest first: the job lets each lapse in a transaction of its own. */
export async function lapsedOffers(db: DB, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('event_registrations')
    .select('id')
    .where('status', '=', 'offered')
    .where('offered_until', '<=', now.toISOString())
    .orderBy('offered_until')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** After the organiser raised the capacity (or removed a quota): the waiting list moves up. */
export async function fill(trx: DB, eventId: number, now: Date): Promise<Promoted[]> {
  const ev = await hold(trx, eventId);
  return ev ? promote(trx, ev, now) : [];
}

/** A waiting registration's place in line (1: next). */
export async function position(db: DB, r: Pick<Registration, 'id' | 'eventId'>): Promise<number> {
  const row = await db
    .selectFrom('event_registrations')
    .select(sql<number>`count(*)`.as('n'))
    .where('event_id', '=', r.eventId)
    .where('status', '=', 'waiting')
    .where('id', '<=', r.id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many registrations of each state an event has. */
export async function counts(db: DB, eventId: number): Promise<Record<RegistrationStatus, number>> {
  const rows = await db
    .selectFrom('event_registrations')
    .select(['status', sql<number>`count(*)`.as('n')])
    .where('event_id', '=', eventId)
    .groupBy('status')
    .execute();
  const out = { registered: 0, waiting: 0, pending: 0, offered: 0, cancelled: 0, declined: 0 };
  for (const r of rows) out[r.status as RegistrationStatus] = Number(r.n);
  return out;
}

/** An event's registrations for its organiser: live ones in order (registered and offered, pending, then the waiting list). */
export async function participants(db: DB, eventId: number) {
  const rows = await db
    .selectFrom('event_registrations as r')
    .leftJoin('centres as c', 'c.id', 'r.centre_id')
    .select(['r.id', 'r.name', 'r.email', 'r.status', 'r.country', 'r.created_at', 'r.offered_until', 'c.name as centre', 'r.user_id'])
    .where('r.event_id', '=', eventId)
    .where('r.status', 'in', [...LIVE])
    .orderBy('r.id')
    .execute();
  const rank: Record<string, number> = { registered: 0, offered: 0, pending: 1, waiting: 2 };
  return rows.sort((a, b) => rank[a.status]! - rank[b.status]! || a.id - b.id);
}

/** Everyone to tell about the event (announcements, its cancellation): registered, offered, pending and waiting. */
export async function recipients(
  db: DB,
  eventId: number,
): Promise<{ id: number; name: string; email: string; lang: string; status: string; userId: number | null }[]> {
  const rows = await db
    .selectFrom('event_registrations')
    .select(['id', 'name', 'email', 'lang', 'status', 'user_id'])
    .where('event_id', '=', eventId)
    .where('status', 'in', [...LIVE])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, lang: r.lang, status: r.status, userId: r.user_id }));
}

/** A person's live registrations (their own page, and their private calendar). */
export async function ofUser(db: DB, userId: number) {
  return db
    .selectFrom('event_registrations')
    .select(['id', 'event_id', 'status'])
    .where('user_id', '=', userId)
    .where('status', 'in', [...LIVE])
    .execute();
}
