import { sql } from 'kysely';
import type { DB } from '../../../db/database.ts';
import type { RequestForm } from './schemas.ts';

// The SQL of partner requests. A request is open until its author closes it, its deadline has
// passed or its cap of replies is reached; the last two are read, never written, so a request
// closes on time without a job.

export interface RequestRow {
  id: number;
  centre_id: number;
  title: string;
  purpose: string;
  description: string;
  sectors: string[];
  countries: string[];
  partner_types: string[];
  deadline: string;
  reply_cap: number | null;
  closed_at: string | null;
  created_at: string;
  centre_slug: string;
  centre_name: string;
  centre_country: string;
  replies: number;
}

const list = (text: string) => JSON.parse(text) as string[];

function base(db: DB) {
  return db
    .selectFrom('partner_requests as r')
    .innerJoin('centres as c', 'c.id', 'r.centre_id')
    .select([
      'r.id',
      'r.centre_id',
      'r.title',
      'r.purpose',
      'r.description',
      'r.sectors',
      'r.countries',
      'r.partner_types',
      'r.deadline',
      'r.reply_cap',
      'r.closed_at',
      'r.created_at',
      'c.slug as centre_slug',
      'c.name as centre_name',
      'c.country as centre_country',
      sql<number | string>`(select count(*) from conversations v where v.request_id = r.id)`.as('replies'),
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
const row = (r: Raw): RequestRow => ({
  ...r,
  sectors: list(r.sectors),
  countries: list(r.countries),
  partner_types: list(r.partner_types),
  replies: Number(r.replies),
});

/** Requests taking replies today, newest first: not closed, deadline not passed, cap not reached, from published centres. */
export async function openRequests(db: DB, today: string): Promise<RequestRow[]> {
  const rows = await base(db)
    .where('r.closed_at', 'is', null)
    .where('r.deadline', '>=', today)
    .where('c.published', '=', 1)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(5000)
    .execute();
  return rows.map(row).filter((r) => r.reply_cap === null || r.replies < r.reply_cap);
}

export async function findRequest(db: DB, id: number): Promise<RequestRow | null> {
  const r = await base(db).where('r.id', '=', id).executeTakeFirst();
  return r ? row(r) : null;
}

export async function requestsOf(db: DB, centreId: number): Promise<RequestRow[]> {
  return (await base(db).where('r.centre_id', '=', centreId).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').execute()).map(row);
}

export async function createRequest(db: DB, centreId: number, userId: number, f: RequestForm): Promise<number> {
  const { id } = await db
    .insertInto('partner_requests')
    .values({
      centre_id: centreId,
      title: f.title,
      purpose: f.purpose,
      description: f.description,
      sectors: JSON.stringify(f.sectors),
      countries: JSON.stringify(f.countries),
      partner_types: JSON.stringify(f.types),
      deadline: f.deadline,
      reply_cap: f.cap,
      created_by: userId,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function closeRequest(db: DB, id: number, userId: number): Promise<void> {
  await db
    .updateTable('partner_requests')
    .set({ closed_at: new Date().toISOString(), closed_by: userId })
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .execute();
}

/**
 * Inside a reply's transaction: whether the request still takes one. The no-op update locks its
 * row first (on both engines), so two replies racing for the last place are taken one at a time.
 */
export async function takesReply(trx: DB, id: number, today: string): Promise<boolean> {
  await trx
    .updateTable('partner_requests')
    .set((eb) => ({ closed_at: eb.ref('closed_at') }))
    .where('id', '=', id)
    .execute();
  const r = await base(trx).where('r.id', '=', id).executeTakeFirst();
  if (!r || r.closed_at || r.deadline < today) return false;
  return r.reply_cap === null || Number(r.replies) < r.reply_cap;
}

/** The replies to a request: each conversation with its replying centre and first message. */
export const repliesTo = (db: DB, requestId: number) =>
  db
    .selectFrom('conversations as v')
    .innerJoin('centres as c', 'c.id', 'v.from_centre')
    .select([
      'v.id',
      'v.created_at',
      'c.id as centre_id',
      'c.slug',
      'c.name',
      'c.city',
      'c.country',
      'c.type',
      'c.languages',
      'c.eqf_levels',
      'c.erasmus_accredited',
      'c.published',
      sql<string>`(select m.body from messages m where m.conversation_id = v.id order by m.id limit 1)`.as('first'),
    ])
    .where('v.request_id', '=', requestId)
    .orderBy('v.id')
    .execute();
