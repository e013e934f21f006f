import type { DB } from '../../../db/database.ts';
import type { StakeholderGroup } from '../framework/format.ts';

// The SQL of answering: a group's link, responses and their answers. A response's answers are
// written page by page; when it is sent, its answers are added to `answer_counts` in the same
// transaction, once.

export async function groupByLink(db: DB, hash: string): Promise<{ round_id: number; grp: StakeholderGroup } | undefined> {
  const row = await db.selectFrom('round_groups').select(['round_id', 'grp']).where('link_hash', '=', hash).executeTakeFirst();
  return row ? { round_id: row.round_id, grp: row.grp as StakeholderGroup } : undefined;
}

export interface ResponseRow {
  id: number;
  round_id: number;
  grp: StakeholderGroup;
  salt: string;
  page: number;
  sent: number;
}

/** Adds a response; false when its code collides with another's (the caller draws a new salt). */
export async function createResponse(db: DB, r: { roundId: number; grp: string; salt: string; resumeHash: string; codeHash: string }): Promise<number | null> {
  const row = await db
    .insertInto('responses')
    .values({ round_id: r.roundId, grp: r.grp, salt: r.salt, resume_hash: r.resumeHash, code_hash: r.codeHash })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

const responseColumns = ['id', 'round_id', 'grp', 'salt', 'page', 'sent'] as const;

export async function responseBy(db: DB, column: 'resume_hash' | 'code_hash', hash: string): Promise<ResponseRow | undefined> {
  const row = await db.selectFrom('responses').select(responseColumns).where(column, '=', hash).executeTakeFirst();
  return row ? { ...row, grp: row.grp as StakeholderGroup, page: Number(row.page), sent: Number(row.sent) } : undefined;
}

export async function answersOf(db: DB, responseId: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('answers').select(['item', 'value']).where('response_id', '=', responseId).execute();
  return new Map(rows.map((r) => [r.item, Number(r.value)]));
}

/**
 * Saves one page of answers and the page to come back to, in one transaction. Answers of a sent
 * response never change: false then.
 */
export async function saveAnswers(db: DB, responseId: number, answers: [string, number][], page: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('responses').set({ page }).where('id', '=', responseId).where('sent', '=', 0).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    for (const [item, value] of answers) {
      await trx
        .insertInto('answers')
        .values({ response_id: responseId, item, value })
        .onConflict((oc) => oc.columns(['response_id', 'item']).doUpdateSet({ value }))
        .execute();
    }
    return true;
  });
}

/**
 * Sends a response: marks it sent and adds its answers to the round's counts, in one transaction
 * and only once (a second send, from a double click or another tab, changes nothing). Counts are
 * updated in a fixed order, so two responses sent at once cannot deadlock.
 */
export async function sendResponse(db: DB, r: ResponseRow): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('responses').set({ sent: 1 }).where('id', '=', r.id).where('sent', '=', 0).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    const answers = await trx.selectFrom('answers').select(['item', 'value']).where('response_id', '=', r.id).orderBy('item').execute();
    for (const a of answers) {
      await trx
        .insertInto('answer_counts')
        .values({ round_id: r.round_id, grp: r.grp, item: a.item, value: a.value, n: 1 })
        .onConflict((oc) => oc.columns(['round_id', 'grp', 'item', 'value']).doUpdateSet((eb) => ({ n: eb('answer_counts.n', '+', 1) })))
        .execute();
    }
    await trx
      .updateTable('round_groups')
      .set((eb) => ({ sent: eb('sent', '+', 1) }))
      .where('round_id', '=', r.round_id)
      .where('grp', '=', r.grp)
      .execute();
    return true;
  });
}
