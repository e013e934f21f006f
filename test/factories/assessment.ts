import { readFileSync } from 'node:fs';
import type { Database } from '../../src/db/database.ts';
import type { Agent } from '../helpers/agent.ts';
import type { TestApp } from '../helpers/app.ts';
import { groupLinks, respond, startRound, type CentreAdmin, type Respondent, type RoundOptions } from '../helpers/assessment.ts';
import type { CentreRecord } from './centres.ts';
import { signIn } from './people.ts';

// Self-assessment rounds and answers, made as people make them: the centre's administrator starts
// the round through its form, respondents answer through their group's link (no account).

export interface RoundRecord {
  id: number;
  /** the round's page in the account area */
  path: string;
  /** each group's link token, by group ("teachers", "learners", …) */
  links: Record<string, string>;
  /** the administrator who started it, signed in */
  admin: CentreAdmin;
}

// The round's page names each group in English; its id is the key of that name in the catalogue.
const catalogue = JSON.parse(readFileSync(new URL('../../src/i18n/en.json', import.meta.url), 'utf8')) as Record<string, { message: string }>;
const groupIds = new Map(
  Object.entries(catalogue).flatMap(([key, v]) =>
    key.startsWith('assessment.groupName.') ? [[v.message, key.slice('assessment.groupName.'.length)] as const] : [],
  ),
);

/** A round of the centre (open today for 14 days, three indicators, teachers and learners, threshold 3) unless told otherwise. */
export async function round(t: TestApp, c: CentreRecord, o: RoundOptions & { as?: Agent } = {}): Promise<RoundRecord> {
  const { as, ...options } = o;
  const admin: CentreAdmin = { a: as ?? (await signIn(t, c.admin)), slug: c.slug, centreId: c.id, userId: c.admin.id, email: c.admin.email };
  const { id, path } = await startRound(admin, options);
  const links = Object.fromEntries(Object.entries(await groupLinks(admin, path)).map(([name, token]) => [groupIds.get(name) ?? name, token]));
  return { id, path, links, admin };
}

export interface ResponseOptions {
  /** the group answering (default: the round's first group) */
  group?: string;
  /** how many responses (default 1) */
  count?: number;
  /** the answer to each item: 1–5, 0 not applicable, -1 prefer not to say (default "4" everywhere) */
  value?: (item: string) => string;
  /** false: answered but not sent */
  send?: boolean;
}

/** Responses to the round through a group's link, answered on every page and sent. */
export async function responses(t: TestApp, r: RoundRecord, o: ResponseOptions = {}): Promise<Respondent[]> {
  const group = o.group ?? Object.keys(r.links)[0]!;
  const link = r.links[group];
  if (!link) throw new Error(`the round has no group "${group}" (it has ${Object.keys(r.links).join(', ')})`);
  const out: Respondent[] = [];
  for (let i = 0; i < (o.count ?? 1); i++) out.push(await respond(t, link, o.value ?? (() => '4'), o.send ?? true));
  return out;
}

/** Lets the round's closing time pass, as the clock would: the round is then finished. */
export async function finishRound(t: { database: Database }, roundId: number): Promise<void> {
  await t.database.db
    .updateTable('rounds')
    .set({ closes_at: new Date(Date.now() - 1000).toISOString() })
    .where('id', '=', roundId)
    .execute();
}

/** How many responses the round's groups have sent, all together, as the database counts them. */
export async function sentCount(t: { database: Database }, roundId: number): Promise<number> {
  const row = await t.database.db
    .selectFrom('round_groups')
    .select((eb) => eb.fn.sum<number>('sent').as('n'))
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
