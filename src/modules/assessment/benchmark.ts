import { sql, type Expression, type SqlBool } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { Text } from '../../i18n/localise.ts';

// Comparing centres. Each centre counts with the scores of its latest finished round that has any
// (`round_scores`, written as answers are sent). A figure shows only where at least
// MIN_CENTRES centres contribute to it, and centres that opted out are never counted, in a
// centre's benchmark or in the policy view.

export const MIN_CENTRES = 5;

export interface Benchmark {
  minCentres: number;
  /** the comparisons, in the columns' order */
  scopes: { key: 'all' | 'country' | 'sector'; label: string; centres: number }[];
  rows: { label: Text; own: number | null; others: (number | null)[] }[];
  /** the centre's sectors, to compare within one */
  sectors: { key: string; label: string }[];
  sector: string | null;
  optedOut: boolean;
}

export interface Filter {
  country?: string;
  sector?: string;
  /** the centre asking: left out of its own comparison */
  exceptCentre?: number;
}

/** Rounds finished by `now` (closed early or past their closing time). */
const finished = (now: string, alias: 'r' | 'r2') => sql<SqlBool>`(${sql.ref(`${alias}.closed_at`)} is not null or ${sql.ref(`${alias}.closes_at`)} <= ${now})`;

/**
 * Mean scores of other centres per scope and key (overall, each dimension, each criterion), with
 * how many centres each mean is made of.
 */
export async function averages(db: DB, filter: Filter, scopes: string[] = ['overall', 'dimension', 'criterion']): Promise<Map<string, { score: number; centres: number }>> {
  const now = new Date().toISOString();
  const conditions: Expression<SqlBool>[] = [
    sql<SqlBool>`c.benchmark_opt_out = 0`,
    finished(now, 'r'),
    sql<SqlBool>`r.id = (select max(r2.id) from rounds r2 where r2.centre_id = r.centre_id and ${finished(now, 'r2')} and exists (select 1 from round_scores s2 where s2.round_id = r2.id))`,
  ];
  if (filter.exceptCentre !== undefined) conditions.push(sql<SqlBool>`c.id <> ${filter.exceptCentre}`);
  if (filter.country) conditions.push(sql<SqlBool>`c.country = ${filter.country}`);
  if (filter.sector) conditions.push(sql<SqlBool>`exists (select 1 from centre_sectors cs where cs.centre_id = c.id and cs.sector = ${filter.sector})`);
  const rows = await sql<{ scope: string; key: string; score: number; centres: number }>`
    select s.scope, s.key, avg(s.score) as score, count(*) as centres
    from round_scores s
    join rounds r on r.id = s.round_id
    join centres c on c.id = r.centre_id
    where s.scope in (${sql.join(scopes)}) and ${sql.join(conditions, sql` and `)}
    group by s.scope, s.key`.execute(db);
  return new Map(rows.rows.map((r) => [`${r.scope}:${r.key}`, { score: Number(r.score), centres: Number(r.centres) }]));
}

/** The policy view: mean scores per country or sector and dimension, with the centres counted. */
export async function aggregate(db: DB, by: 'country' | 'sector'): Promise<{ group: string; key: string; score: number; centres: number }[]> {
  const now = new Date().toISOString();
  const rows = await sql<{ grp: string; key: string; score: number; centres: number }>`
    select ${by === 'country' ? sql`c.country` : sql`cs.sector`} as grp, s.key, avg(s.score) as score, count(*) as centres
    from round_scores s
    join rounds r on r.id = s.round_id
    join centres c on c.id = r.centre_id
    ${by === 'sector' ? sql`join centre_sectors cs on cs.centre_id = c.id` : sql``}
    where s.scope in ('overall', 'dimension') and c.benchmark_opt_out = 0 and ${finished(now, 'r')}
      and r.id = (select max(r2.id) from rounds r2 where r2.centre_id = r.centre_id and ${finished(now, 'r2')} and exists (select 1 from round_scores s2 where s2.round_id = r2.id))
    group by grp, s.key`.execute(db);
  return rows.rows.map((r) => ({ group: r.grp, key: r.key, score: Number(r.score), centres: Number(r.centres) }));
}

export async function setOptOut(db: DB, centreId: number, optOut: boolean): Promise<void> {
  await db.updateTable('centres').set({ benchmark_opt_out: optOut ? 1 : 0 }).where('id', '=', centreId).execute();
}
