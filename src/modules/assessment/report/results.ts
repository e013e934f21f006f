import type { DB } from '../../../db/database.ts';
import { loadRound, type LoadedRound } from '../round.ts';
import { counts, writeScores } from './repository.ts';
import { benchmarkScores, roundResults, type RoundResults } from './scoring.ts';

// A round's results from its answer counts (scoring.ts holds the rules), and the scores it keeps
// for comparing centres.

export async function resultsOf(db: DB, r: LoadedRound): Promise<RoundResults> {
  return roundResults({
    framework: r.version.document,
    indicators: r.indicators,
    own: r.own,
    groups: r.groups.map((g) => ({ group: g.group, sent: g.sent })),
    counts: await counts(db, r.round.id),
    minGroupSize: r.round.min_group_size,
  });
}

/** Rewrites the round's scores that other centres are compared with. */
export async function refreshScores(db: DB, id: number): Promise<void> {
  const r = await loadRound(db, id);
  if (!r) return;
  const results = await resultsOf(db, r);
  await writeScores(db, id, benchmarkScores(results), results.sent);
}
