import type { DB } from '../../../db/database.ts';

// The SQL of development plans: one plan per round, its focus areas (criteria, in order), its
// actions (owned by a member of the centre or by a name), their progress notes, and the overdue
// reminders already sent.

export const planStatuses = ['planned', 'started', 'done'] as const;
export type PlanStatus = (typeof planStatuses)[number];

export interface ActionNote {
  id: number;
  author_id: number | null;
  author_name: string;
  body: string;
  created_at: string;
}

export interface PlanAction {
  id: number;
  criterion: string;
  indicator: string | null;
  source: string | null;
  title: string;
  /** the owner's name: the member's name as it now is, or the free-text name */
  owner: string;
  /** the member of the centre who owns the action, or null for a free-text owner */
  owner_user_id: number | null;
  due_on: string | null;
  status: PlanStatus;
  notes: string | null;
  /** progress notes, newest first */
  progress: ActionNote[];
}

export interface Plan {
  id: number;
  focus: string[];
  actions: PlanAction[];
  updated_at: string;
}

/** An action as written. */
export interface ActionInput {
  criterion: string;
  indicator: string | null;
  source: string | null;
  title: string;
  owner: string;
  owner_user_id?: number | null;
  due_on: string | null;
  status: PlanStatus;
  notes: string | null;
}

export async function getPlan(db: DB, roundId: number): Promise<Plan | null> {
  const plan = await db.selectFrom('plans').select(['id', 'updated_at']).where('round_id', '=', roundId).executeTakeFirst();
  if (!plan) return null;
  const [focus, actions, notes] = await Promise.all([
    db.selectFrom('plan_focus').select('criterion').where('plan_id', '=', plan.id).orderBy('position').execute(),
    db
      .selectFrom('plan_actions')
      .leftJoin('users', 'users.id', 'plan_actions.owner_user_id')
      .select([
        'plan_actions.id',
        'criterion',
        'indicator',
        'source',
        'title',
        'owner',
        'users.name as owner_now',
        'owner_user_id',
        'due_on',
        'status',
        'notes',
      ])
      .where('plan_id', '=', plan.id)
      .orderBy('plan_actions.id')
      .execute(),
    db
      .selectFrom('plan_action_notes')
      .innerJoin('plan_actions', 'plan_actions.id', 'plan_action_notes.action_id')
      .select(['plan_action_notes.id', 'action_id', 'author_id', 'author_name', 'body', 'plan_action_notes.created_at'])
      .where('plan_actions.plan_id', '=', plan.id)
      .orderBy('plan_action_notes.created_at', 'desc')
      .orderBy('plan_action_notes.id', 'desc')
      .execute(),
  ]);
  return {
    id: plan.id,
    updated_at: plan.updated_at,
    focus: focus.map((f) => f.criterion),
    actions: actions.map(({ owner_now, ...x }) => ({
      ...x,
      owner: owner_now ?? x.owner,
      status: x.status as PlanStatus,
      progress: notes.filter((n) => n.action_id === x.id).map(({ action_id: _, ...n }) => n),
    })),
  };
}

/** Creates the round's plan, or changes its focus areas; actions of a focus area dropped go with it. */
export async function setFocus(db: DB, roundId: number, focus: string[]): Promise<number> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('plans').select('id').where('round_id', '=', roundId).executeTakeFirst();
    const id =
      found?.id ?? (await trx.insertInto('plans').values({ round_id: roundId, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    await trx.deleteFrom('plan_focus').where('plan_id', '=', id).execute();
    await trx
      .insertInto('plan_focus')
      .values(focus.map((criterion, i) => ({ plan_id: id, criterion, position: i + 1 })))
      .execute();
    await trx.deleteFrom('plan_actions').where('plan_id', '=', id).where('criterion', 'not in', focus).execute();
    await trx.updateTable('plans').set({ updated_at: now }).where('id', '=', id).execute();
    return id;
  });
}

export async function addAction(db: DB, planId: number, a: ActionInput): Promise<number> {
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto('plan_actions')
    .values({ plan_id: planId, ...a, owner_user_id: a.owner_user_id ?? null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('plans').set({ updated_at: now }).where('id', '=', planId).execute();
  return id;
}

/** Changes an action; a new due date (or none) forgets the overdue reminder sent for the old one. */
export async function updateAction(db: DB, planId: number, actionId: number, a: ActionInput): Promise<boolean> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('plan_actions')
      .set({ ...a, owner_user_id: a.owner_user_id ?? null, updated_at: now })
      .where('id', '=', actionId)
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    let stale = trx.deleteFrom('plan_action_reminders').where('action_id', '=', actionId);
    if (a.due_on) stale = stale.where('due_on', '<>', a.due_on);
    await stale.execute();
    await trx.updateTable('plans').set({ updated_at: now }).where('id', '=', planId).execute();
    return true;
  });
}

export async function deleteAction(db: DB, planId: number, actionId: number): Promise<boolean> {
  const r = await db.deleteFrom('plan_actions').where('id', '=', actionId).where('plan_id', '=', planId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function addNote(db: DB, actionId: number, author: { id: number; name: string }, body: string): Promise<void> {
  await db
    .insertInto('plan_action_notes')
    .values({ action_id: actionId, author_id: author.id, author_name: author.name, body, created_at: new Date().toISOString() })
    .execute();
}

/** A person to write to: their address and language. */
export interface Recipient {
  id: number;
  name: string;
  email: string;
  preferred_lang: string;
}

/** The centre's members, by name: those an action may be given to. */
export const centreMembers = (db: DB, centreId: number): Promise<(Recipient & { role: string })[]> =>
  db
    .selectFrom('centre_members')
    .innerJoin('users', 'users.id', 'centre_members.user_id')
    .select(['users.id', 'users.name', 'users.email', 'users.preferred_lang', 'centre_members.role'])
    .where('centre_members.centre_id', '=', centreId)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();

/** An action past its due date whose reminder for that date has not been sent, with where it is. */
export interface OverdueAction {
  id: number;
  title: string;
  due_on: string;
  owner_user_id: number | null;
  round_id: number;
  round_title: string;
  centre_id: number;
  centre_name: string;
  centre_slug: string;
}

/** Actions not done whose due date is before `today` (YYYY-MM-DD) and who have had no reminder for that date. */
export const overdueUnreminded = (db: DB, today: string, limit = 500): Promise<OverdueAction[]> =>
  db
    .selectFrom('plan_actions')
    .innerJoin('plans', 'plans.id', 'plan_actions.plan_id')
    .innerJoin('rounds', 'rounds.id', 'plans.round_id')
    .innerJoin('centres', 'centres.id', 'rounds.centre_id')
    .leftJoin('plan_action_reminders as sent', (j) => j.onRef('sent.action_id', '=', 'plan_actions.id').onRef('sent.due_on', '=', 'plan_actions.due_on'))
    .select([
      'plan_actions.id',
      'plan_actions.title',
      'plan_actions.owner_user_id',
      'rounds.id as round_id',
      'rounds.title as round_title',
      'centres.id as centre_id',
      'centres.name as centre_name',
      'centres.slug as centre_slug',
    ])
    .select((e) => e.fn.coalesce('plan_actions.due_on', e.val('')).as('due_on'))
    .where('plan_actions.status', '<>', 'done')
    .where('plan_actions.due_on', 'is not', null)
    .where('plan_actions.due_on', '<', today)
    .where('sent.action_id', 'is', null)
    .orderBy('plan_actions.id')
    .limit(limit)
    .execute();

/**
 * Records that the reminder for an action's due date is being sent; false when it already was
 * (by this instance or another): the primary key decides, and only the first one sends.
 */
export async function claimReminder(db: DB, actionId: number, dueOn: string): Promise<boolean> {
  const r = await db
    .insertInto('plan_action_reminders')
    .values({ action_id: actionId, due_on: dueOn, sent_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['action_id', 'due_on']).doNothing())
    .returning('action_id')
    .executeTakeFirst();
  return r !== undefined;
}
