import type { DB } from '../../../db/database.ts';

// The SQL of development plans: one plan per round, its focus areas (criteria, in order) and its
// actions.

export const planStatuses = ['planned', 'started', 'done'] as const;
export type PlanStatus = (typeof planStatuses)[number];

export interface PlanAction {
  id: number;
  criterion: string;
  indicator: string | null;
  source: string | null;
  title: string;
  owner: string;
  due_on: string | null;
  status: PlanStatus;
  notes: string | null;
}

export interface Plan {
  id: number;
  focus: string[];
  actions: PlanAction[];
  updated_at: string;
}

/** An action as written: everything but its id. */
export type ActionInput = Omit<PlanAction, 'id'>;

export async function getPlan(db: DB, roundId: number): Promise<Plan | null> {
  const plan = await db.selectFrom('plans').select(['id', 'updated_at']).where('round_id', '=', roundId).executeTakeFirst();
  if (!plan) return null;
  const [focus, actions] = await Promise.all([
    db.selectFrom('plan_focus').select('criterion').where('plan_id', '=', plan.id).orderBy('position').execute(),
    db
      .selectFrom('plan_actions')
      .select(['id', 'criterion', 'indicator', 'source', 'title', 'owner', 'due_on', 'status', 'notes'])
      .where('plan_id', '=', plan.id)
      .orderBy('id')
      .execute(),
  ]);
  return {
    id: plan.id,
    updated_at: plan.updated_at,
    focus: focus.map((f) => f.criterion),
    actions: actions.map((x) => ({ ...x, status: x.status as PlanStatus })),
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
    .values({ plan_id: planId, ...a, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('plans').set({ updated_at: now }).where('id', '=', planId).execute();
  return id;
}

export async function updateAction(db: DB, planId: number, actionId: number, a: ActionInput): Promise<boolean> {
  const now = new Date().toISOString();
  const r = await db
    .updateTable('plan_actions')
    .set({ ...a, updated_at: now })
    .where('id', '=', actionId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  await db.updateTable('plans').set({ updated_at: now }).where('id', '=', planId).execute();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteAction(db: DB, planId: number, actionId: number): Promise<boolean> {
  const r = await db.deleteFrom('plan_actions').where('id', '=', actionId).where('plan_id', '=', planId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
