import type { DB } from '../../../db/database.ts';
import type { Text } from '../../../i18n/localise.ts';
import * as repo from './repository.ts';
import { settleClosedRounds } from './results.ts';

// Comparing centres. Each centre counts with the scores of its latest finished round that has any
// (`round_scores`, written when the round releases answers, so only from released answers). A figure shows only where at least
// MIN_CENTRES centres contribute to it, and centres that opted out are never counted, in a
// centre's benchmark or in the policy view. The sums are kept in memory between requests and
// rebuilt whenever what they are made of changes (see `fingerprint`), so a report pays one cheap
// query for them, not a pass over every centre.

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

type Sums = Map<string, { sum: number; centres: number }>;
/** A mean score of some centres, and how many centres it is made of. */
export type Mean = { score: number; centres: number };

/** Adds (or, with sign −1, takes away) one centre's scores, by "scope:key". */
function accumulate(into: Sums, scores: Record<string, number>, sign: 1 | -1 = 1): void {
  for (const key in scores) {
    const score = scores[key]!;
    const cell = into.get(key);
    if (cell) {
      cell.sum += sign * score;
      cell.centres += sign;
    } else if (sign === 1) into.set(key, { sum: score, centres: 1 });
  }
}
const means = (sums: Sums): Map<string, Mean> =>
  new Map([...sums].filter(([, v]) => v.centres > 0).map(([k, v]) => [k, { score: v.sum / v.centres, centres: v.centres }]));
const copy = (sums: Sums | undefined): Sums => new Map([...(sums ?? [])].map(([k, v]) => [k, { ...v }]));

/**
 * Every counted centre's latest finished round, summed once: all centres, per country and per
 * sector, with each centre's own scores so its own part can be taken away again. Built from one
 * row per centre (its scores are one JSON object), and kept while the fingerprint of what it is
 * made of stays the same.
 */
interface Snapshot {
  fingerprint: string;
  all: Sums;
  byCountry: Map<string, Sums>;
  bySector: Map<string, Sums>;
  centres: Map<number, { country: string; sectors: string[]; scores: Record<string, number> }>;
}

/**
 * What a snapshot depends on, in one cheap query: how many rounds are finished (it grows as
 * closing times pass), the latest change to any round (closing early, reopening, a new round),
 * and who opted out. A release moves its round's `updated_at`.
 */
async function fingerprint(db: DB, now: string): Promise<string> {
  const f = await repo.benchmarkFingerprint(db, now);
  return `${f.finished}|${f.changed ?? ''}|${f.centres}|${f.out}|${f.sectors}`;
}

/**
 * Parsed scores by round and the number of responses they are made of. A round's scores change
 * only when it releases answers (docs/decisions/0006), and every release adds responses, so a
 * rebuild reads and parses only rounds it has not seen with that number.
 */
const parsedScores = new WeakMap<DB, Map<string, Record<string, number>>>();
const scoreKey = (roundId: number, responses: number) => `${roundId}:${responses}`;

async function build(db: DB, now: string, print: string): Promise<Snapshot> {
  const [rows, sectorRows] = await Promise.all([repo.latestScoredRounds(db, now), repo.centreSectors(db)]);
  let known = parsedScores.get(db);
  if (!known) parsedScores.set(db, (known = new Map<string, Record<string, number>>()));
  const missing = rows.filter((r) => !known.has(scoreKey(Number(r.round_id), Number(r.responses)))).map((r) => Number(r.round_id));
  for (let i = 0; i < missing.length; i += 1000) {
    const chunk = await repo.roundScores(db, missing.slice(i, i + 1000));
    for (const r of chunk) known.set(scoreKey(r.round_id, Number(r.responses)), JSON.parse(r.scores) as Record<string, number>);
  }
  const sectorsOf = new Map<number, string[]>();
  for (const r of sectorRows) sectorsOf.set(r.centre_id, [...(sectorsOf.get(r.centre_id) ?? []), r.sector]);
  const snapshot: Snapshot = { fingerprint: print, all: new Map(), byCountry: new Map(), bySector: new Map(), centres: new Map() };
  const into = (map: Map<string, Sums>, key: string) => {
    let sums = map.get(key);
    if (!sums) map.set(key, (sums = new Map<string, { sum: number; centres: number }>()));
    return sums;
  };
  for (const r of rows) {
    const scores = known.get(scoreKey(Number(r.round_id), Number(r.responses)));
    if (!scores) continue;
    const sectors = sectorsOf.get(Number(r.id)) ?? [];
    snapshot.centres.set(Number(r.id), { country: r.country, sectors, scores });
    accumulate(snapshot.all, scores);
    accumulate(into(snapshot.byCountry, r.country), scores);
    for (const sector of sectors) accumulate(into(snapshot.bySector, sector), scores);
  }
  return snapshot;
}

const snapshots = new WeakMap<DB, Promise<Snapshot>>();

/**
 * The current snapshot: rebuilt when its fingerprint changed, shared by requests meanwhile. Before
 * a rebuild, rounds that have closed since are settled (their due answers released), so a centre
 * counts as soon as its round is over, even if nobody has opened its report yet.
 */
async function snapshotOf(db: DB): Promise<Snapshot> {
  const now = new Date().toISOString();
  let print = await fingerprint(db, now);
  const cached = snapshots.get(db);
  if (cached) {
    const s = await cached.catch(() => null);
    if (s?.fingerprint === print) return s;
  }
  // Set at once, so requests arriving meanwhile wait for this rebuild rather than race it.
  const next = (async () => {
    if (await settleClosedRounds(db)) print = await fingerprint(db, now);
    return build(db, now, print);
  })();
  snapshots.set(db, next);
  return next;
}

/**
 * Builds the sums now, so that the first report does not: at start-up (server.ts, in the
 * background once migrations ran, without holding up listening) and after the settle job
 * released answers. The time it took, in ms.
 */
export async function warmBenchmark(db: DB): Promise<number> {
  const started = performance.now();
  await snapshotOf(db);
  return performance.now() - started;
}

/** Drops the snapshot, so the next request builds it again, and with `scores` the parsed scores too (to measure the cost of a build). */
export const forgetSnapshot = (db: DB, o: { scores?: boolean } = {}): void => {
  snapshots.delete(db);
  if (o.scores) parsedScores.delete(db);
};

export interface Averages {
  /** "scope:key" → mean score of other centres and how many centres it is made of */
  all: Map<string, Mean>;
  country: Map<string, Mean>;
  sector: Map<string, Mean>;
}

/**
 * Mean scores of other centres by "scope:key" (overall, each dimension, each criterion): of all
 * centres, of the centre's country and of one sector, the centre itself taken away.
 */
export async function averages(db: DB, filter: { exceptCentre: number; country: string; sector: string | null }): Promise<Averages> {
  const s = await snapshotOf(db);
  const own = s.centres.get(filter.exceptCentre);
  const without = (sums: Sums | undefined, counted: boolean) => {
    const out = copy(sums);
    if (own && counted) accumulate(out, own.scores, -1);
    return means(out);
  };
  return {
    all: without(s.all, true),
    country: without(s.byCountry.get(filter.country), own?.country === filter.country),
    sector: filter.sector ? without(s.bySector.get(filter.sector), own?.sectors.includes(filter.sector) ?? false) : new Map<string, Mean>(),
  };
}

/** The policy view: mean scores per country or sector, by "scope:key", with the centres counted. */
export async function aggregate(db: DB, by: 'country' | 'sector'): Promise<Map<string, Map<string, Mean>>> {
  const s = await snapshotOf(db);
  return new Map([...(by === 'country' ? s.byCountry : s.bySector)].map(([g, sums]) => [g, means(sums)]));
}
