import type { DB } from '../../../db/database.ts';
import { loadRound, statusOf, type LoadedRound } from '../round.ts';
import { releasable } from './anonymity.ts';
import { eraseClosedAddresses, holdsAddresses } from '../rounds/repository.ts';
import { counts, release, roundsDueForRelease, writeScores } from './repository.ts';
import { benchmarkScores, roundResults, type RoundResults } from './scoring.ts';

// A round's results, from its released answer counts only (scoring.ts holds the rules), and
// releasing: once a round is closed, each group's pending responses join what the centre sees,
// at least the round's minimum at a time (anonymity.ts, docs/decisions/0006). A release happens
// the first time anything reads a closed round with responses due, right after a round is closed
// early, and in the sweep the job queue runs, so benchmarks see rounds nobody opened. Closing also
// erases the addresses of the round's invited people.

/** Releases what the round has due, if it is closed; the round as it now is. */
export async function releaseDue(db: DB, r: LoadedRound): Promise<LoadedRound> {
  if (statusOf(r.round) !== 'closed') return r;
  const min = r.round.min_group_size;
  if (!r.groups.some((g) => releasable(g.sent - g.released, min))) return r;
  if (!(await release(db, r.round.id, (pending) => releasable(pending, min)))) return r;
  await refreshScores(db, r.round.id);
  return (await loadRound(db, r.round.id)) ?? r;
}

/**
 * What a closed round owes: its invited people's addresses erased and its due answers released.
 * The round as it now is; a round still open is returned as it was.
 */
export async function settled(db: DB, r: LoadedRound): Promise<LoadedRound> {
  if (statusOf(r.round) !== 'closed') return r;
  if (await holdsAddresses(db, r.round.id)) await eraseClosedAddresses(db, new Date().toISOString(), r.round.id);
  return releaseDue(db, r);
}

/**
 * Settles every round that has closed: addresses erased, due answers released (the job queue runs
 * it now and then, so benchmarks see rounds nobody opened). How many rounds released answers.
 */
export async function settleClosedRounds(db: DB, now = new Date()): Promise<number> {
  await eraseClosedAddresses(db, now.toISOString());
  let n = 0;
  for (const id of await roundsDueForRelease(db, now.toISOString())) {
    const r = await loadRound(db, id);
    if (r && (await releaseDue(db, r)) !== r) n++;
  }
  return n;
}

/** The results of the answers the round has released. */
async function released(db: DB, r: LoadedRound): Promise<RoundResults> {
  return roundResults({
    framework: r.version.document,
    indicators: r.indicators,
    own: r.own,
    groups: r.groups.map((g) => ({ group: g.group, released: g.released })),
    counts: await counts(db, r.round.id),
    minGroupSize: r.round.min_group_size,
  });
}

/** What the centre sees of a round: its released answers, after releasing what is due. */
export const resultsOf = async (db: DB, loaded: LoadedRound): Promise<RoundResults> => released(db, await releaseDue(db, loaded));

/** Told when a round's scores changed (warm.ts rebuilds the benchmark's sums then, in the background). */
const scoresChanged: ((db: DB) => void)[] = [];
export const whenScoresChange = (listener: (db: DB) => void): void => {
  if (!scoresChanged.includes(listener)) scoresChanged.push(listener);
};

/** Rewrites the round's scores that other centres are compared with (after a release). */
async function refreshScores(db: DB, id: number): Promise<void> {
  const r = await loadRound(db, id);
  if (!r) return;
  const results = await released(db, r);
  await writeScores(db, id, benchmarkScores(results), results.released);
  for (const listener of scoresChanged) listener(db);
}
