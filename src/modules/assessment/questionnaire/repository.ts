import { randomBytes } from 'node:crypto';
import type { DB } from '../../../db/database.ts';
import type { StakeholderGroup } from '../framework/format.ts';

// The SQL of answering: a group's link, a personal invitation, responses and their answers. A
// response's answers are written page by page; when it is sent they are added to the group's
// pending counts and deleted, in one transaction and once (docs/decisions/0006): after that no
// row ties two answers of one person together.

export type Channel = 'link' | 'invitation';

export async function groupByLink(db: DB, hash: string): Promise<{ round_id: number; grp: StakeholderGroup; access: string } | undefined> {
  const row = await db.selectFrom('round_groups').select(['round_id', 'grp', 'access']).where('link_hash', '=', hash).executeTakeFirst();
  return row ? { round_id: row.round_id, grp: row.grp as StakeholderGroup, access: row.access } : undefined;
}

/** A group by the hash of its short code, with its link's salt (the short address leads to the link). */
export async function groupByCode(db: DB, hash: string): Promise<{ round_id: number; grp: StakeholderGroup; access: string; link_salt: string } | undefined> {
  const row = await db.selectFrom('round_groups').select(['round_id', 'grp', 'access', 'link_salt']).where('code_hash', '=', hash).executeTakeFirst();
  return row ? { ...row, grp: row.grp as StakeholderGroup } : undefined;
}

export interface InvitationRow {
  id: number;
  round_id: number;
  grp: StakeholderGroup;
  response_id: string | null;
  state: string;
}

export async function invitationByLink(db: DB, hash: string): Promise<InvitationRow | undefined> {
  const row = await db.selectFrom('invitations').select(['id', 'round_id', 'grp', 'response_id', 'state']).where('link_hash', '=', hash).executeTakeFirst();
  return row ? { ...row, grp: row.grp as StakeholderGroup } : undefined;
}

export interface ResponseRow {
  id: string;
  round_id: number;
  grp: StakeholderGroup;
  channel: Channel;
  salt: string;
  page: number;
  sent: number;
}

export interface NewResponse {
  roundId: number;
  grp: string;
  channel: Channel;
  salt: string;
  resumeHash: string;
  codeHash: string;
  /** the invitation whose link starts it: one invitation, one response */
  invitationId?: number;
}

/**
 * Adds a response with a random id. null when its code collides with another's (the caller draws
 * a new salt); { taken: true } when the invitation has a response already (a second tab).
 */
export async function createResponse(db: DB, r: NewResponse): Promise<{ id: string } | { taken: true } | null> {
  return db.transaction().execute(async (trx) => {
    const id = randomBytes(16).toString('base64url');
    const row = await trx
      .insertInto('responses')
      .values({ id, round_id: r.roundId, grp: r.grp, channel: r.channel, salt: r.salt, resume_hash: r.resumeHash, code_hash: r.codeHash })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return null;
    if (r.invitationId !== undefined) {
      const claimed = await trx
        .updateTable('invitations')
        .set({ response_id: id, state: 'started' })
        .where('id', '=', r.invitationId)
        .where('state', '=', 'invited')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) {
        await trx.deleteFrom('responses').where('id', '=', id).execute();
        return { taken: true };
      }
    }
    return { id };
  });
}

const responseColumns = ['id', 'round_id', 'grp', 'channel', 'salt', 'page', 'sent'] as const;

export async function responseBy(db: DB, column: 'resume_hash' | 'code_hash' | 'id', value: string): Promise<ResponseRow | undefined> {
  const row = await db.selectFrom('responses').select(responseColumns).where(column, '=', value).executeTakeFirst();
  return row ? { ...row, grp: row.grp as StakeholderGroup, channel: row.channel as Channel, page: Number(row.page), sent: Number(row.sent) } : undefined;
}

export async function answersOf(db: DB, responseId: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('answers').select(['item', 'value']).where('response_id', '=', responseId).execute();
  return new Map(rows.map((r) => [r.item, Number(r.value)]));
}

/**
 * Saves one page of answers and the page to come back to, in one transaction. Answers of a sent
 * response never change: false then.
 */
export async function saveAnswers(db: DB, responseId: string, answers: [string, number][], page: number): Promise<boolean> {
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

/** How a sent response came, for the report's account of it (no more than these flags). */
export interface Intake {
  /** sent from a browser signed in as a member of the centre */
  member: boolean;
  /** its address had already sent many responses to the round within the hour */
  burst: boolean;
}

/**
 * Sends a response: marks it sent, adds its answers to the group's pending counts and its flags
 * to the group's intake, and deletes its answers, in one transaction and only once (a second send,
 * from a double click or another tab, changes nothing). The group's row is locked before the
 * counts change, so a release running at the same moment takes this response whole or not at all
 * (report/repository.ts release). Counts change in a fixed order, so two sends cannot deadlock.
 */
export async function sendResponse(db: DB, r: ResponseRow, intake: Intake): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('responses').set({ sent: 1, page: 1 }).where('id', '=', r.id).where('sent', '=', 0).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await trx
      .updateTable('round_groups')
      .set((eb) => ({ sent: eb('sent', '+', 1) }))
      .where('round_id', '=', r.round_id)
      .where('grp', '=', r.grp)
      .execute();
    const answers = await trx.selectFrom('answers').select(['item', 'value']).where('response_id', '=', r.id).orderBy('item').execute();
    for (const a of answers) {
      await trx
        .insertInto('pending_counts')
        .values({ round_id: r.round_id, grp: r.grp, item: a.item, value: a.value, n: 1 })
        .onConflict((oc) => oc.columns(['round_id', 'grp', 'item', 'value']).doUpdateSet((eb) => ({ n: eb('pending_counts.n', '+', 1) })))
        .execute();
    }
    await trx
      .insertInto('intake')
      .values({ round_id: r.round_id, grp: r.grp, released: 0, channel: r.channel, member: intake.member ? 1 : 0, burst: intake.burst ? 1 : 0, n: 1 })
      .onConflict((oc) => oc.columns(['round_id', 'grp', 'released', 'channel', 'member', 'burst']).doUpdateSet((eb) => ({ n: eb('intake.n', '+', 1) })))
      .execute();
    await trx.deleteFrom('answers').where('response_id', '=', r.id).execute();
    // The invitation no longer points at the response: it only says that its person has sent.
    await trx.updateTable('invitations').set({ state: 'sent', response_id: null }).where('response_id', '=', r.id).execute();
    return true;
  });
}
