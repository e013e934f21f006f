import type { DB } from '../../../db/database.ts';
import type { StakeholderGroup } from '../framework/format.ts';

// The SQL of managing rounds: starting one, its links, its dates, deleting it, the responses
// still being filled in, and personal invitations (whose addresses go when the round closes).

export interface NewRound {
  centreId: number;
  versionId: number;
  title: string;
  opensAt: string;
  closesAt: string;
  minGroupSize: number;
  indicators: string[];
  own: { text: string; lang: string }[];
  /** each group, its link, how people reach it and the responses hoped for (null: no target) */
  groups: { grp: StakeholderGroup; salt: string; hash: string; codeHash: string; access: 'link' | 'invitation'; target?: number | null }[];
  createdBy: number;
}

export async function createRound(db: DB, r: NewRound): Promise<number> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('rounds')
      .values({
        centre_id: r.centreId,
        framework_version_id: r.versionId,
        title: r.title,
        opens_at: r.opensAt,
        closes_at: r.closesAt,
        min_group_size: r.minGroupSize,
        created_by: r.createdBy,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const items = [
      ...r.indicators.map((item, n) => ({ round_id: id, item, position: n + 1, own_text: null, own_lang: null })),
      ...r.own.map((o, n) => ({ round_id: id, item: `own-${n + 1}`, position: r.indicators.length + n + 1, own_text: o.text, own_lang: o.lang })),
    ];
    await trx.insertInto('round_items').values(items).execute();
    await trx
      .insertInto('round_groups')
      .values(
        r.groups.map((g) => ({
          round_id: id,
          grp: g.grp,
          link_salt: g.salt,
          link_hash: g.hash,
          code_hash: g.codeHash,
          access: g.access,
          target: g.target ?? null,
        })),
      )
      .execute();
    return id;
  });
}

/** Responses started but not sent, per group (the centre sees these while the round runs). */
export async function unsentCounts(db: DB, roundId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('responses')
    .select(['grp', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .where('sent', '=', 0)
    .groupBy('grp')
    .execute();
  return new Map(rows.map((r) => [r.grp, Number(r.n)]));
}

export async function replaceLink(db: DB, roundId: number, grp: string, salt: string, hash: string, codeHash: string): Promise<void> {
  await db
    .updateTable('round_groups')
    .set({ link_salt: salt, link_hash: hash, code_hash: codeHash })
    .where('round_id', '=', roundId)
    .where('grp', '=', grp)
    .execute();
}

/** Groups without the hash of their short code (made before there were short codes), with their link's salt. */
export async function groupsWithoutCode(db: DB): Promise<{ round_id: number; grp: string; link_salt: string }[]> {
  return db.selectFrom('round_groups').select(['round_id', 'grp', 'link_salt']).where('code_hash', 'is', null).execute();
}

export async function setCodeHash(db: DB, roundId: number, grp: string, codeHash: string): Promise<void> {
  await db.updateTable('round_groups').set({ code_hash: codeHash }).where('round_id', '=', roundId).where('grp', '=', grp).execute();
}

export async function setDates(db: DB, roundId: number, dates: { closes_at?: string; closed_at?: string | null }): Promise<void> {
  await db
    .updateTable('rounds')
    .set({ ...dates, updated_at: new Date().toISOString() })
    .where('id', '=', roundId)
    .execute();
}

export async function deleteRound(db: DB, roundId: number): Promise<void> {
  await db.deleteFrom('rounds').where('id', '=', roundId).execute();
}

export interface NewInvitation {
  email: string;
  /** the language of the person's mails */
  lang: string;
  salt: string;
  hash: string;
}

/** Adds invitations to a group; addresses already invited to it are skipped. Returns those added. */
export async function addInvitations(db: DB, roundId: number, grp: string, message: string | null, invitations: NewInvitation[]): Promise<NewInvitation[]> {
  const now = new Date().toISOString();
  const added: NewInvitation[] = [];
  await db.transaction().execute(async (trx) => {
    for (const i of invitations) {
      const row = await trx
        .insertInto('invitations')
        .values({ round_id: roundId, grp, email: i.email, salt: i.salt, link_hash: i.hash, lang: i.lang, message, created_at: now, mailed_at: now })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) added.push(i);
    }
  });
  return added;
}

/** Per group: how many were invited, started without sending, and sent. */
export async function invitationCounts(db: DB, roundId: number): Promise<Map<string, { invited: number; started: number; sent: number }>> {
  const rows = await db
    .selectFrom('invitations')
    .select(['grp', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .groupBy(['grp', 'state'])
    .execute();
  const out = new Map<string, { invited: number; started: number; sent: number }>();
  for (const r of rows) {
    const c = out.get(r.grp) ?? { invited: 0, started: 0, sent: 0 };
    c.invited += Number(r.n);
    if (r.state === 'started') c.started += Number(r.n);
    if (r.state === 'sent') c.sent += Number(r.n);
    out.set(r.grp, c);
  }
  return out;
}

/** Those invited to a group who have not sent, with what their reminder needs; the group's last reminder is set to now, in one transaction. */
export async function takeReminders(
  db: DB,
  roundId: number,
  grp: string,
  notSince: string,
): Promise<{ email: string; salt: string; lang: string }[] | 'too-soon'> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const claimed = await trx
      .updateTable('round_groups')
      .set({ reminded_at: now })
      .where('round_id', '=', roundId)
      .where('grp', '=', grp)
      .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<', notSince)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return 'too-soon';
    const rows = await trx
      .selectFrom('invitations')
      .select(['email', 'salt', 'lang'])
      .where('round_id', '=', roundId)
      .where('grp', '=', grp)
      .where('state', '!=', 'sent')
      .where('email', 'is not', null)
      .execute();
    await trx.updateTable('invitations').set({ mailed_at: now }).where('round_id', '=', roundId).where('grp', '=', grp).where('state', '!=', 'sent').execute();
    return rows.map((r) => ({ email: r.email!, salt: r.salt, lang: r.lang }));
  });
}

/** When a group's invitations were last reminded. */
export async function remindedAt(db: DB, roundId: number): Promise<Map<string, string>> {
  const rows = await db.selectFrom('round_groups').select(['grp', 'reminded_at']).where('round_id', '=', roundId).execute();
  return new Map(rows.flatMap((r) => (r.reminded_at ? [[r.grp, r.reminded_at] as const] : [])));
}

/** Whether any invitation of the round still holds an address. */
export async function holdsAddresses(db: DB, roundId: number): Promise<boolean> {
  return Boolean(await db.selectFrom('invitations').select('id').where('round_id', '=', roundId).where('email', 'is not', null).limit(1).executeTakeFirst());
}

/** Erases the addresses of invitations to rounds that are closed (docs/decisions/0006); how many were erased. */
export async function eraseClosedAddresses(db: DB, now: string, roundId?: number): Promise<number> {
  let q = db
    .updateTable('invitations')
    .set({ email: null })
    .where('email', 'is not', null)
    .where('round_id', 'in', (eb) =>
      eb
        .selectFrom('rounds')
        .select('id')
        .where((w) => w.or([w('closed_at', 'is not', null), w('closes_at', '<=', now)])),
    );
  if (roundId !== undefined) q = q.where('round_id', '=', roundId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
