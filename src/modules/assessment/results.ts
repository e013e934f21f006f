import type { DB } from '../../db/database.ts';
import { type FrameworkVersion, versionById } from './framework/repository.ts';
import * as rr from './rounds-repository.ts';
import { benchmarkScores, roundResults, type OwnStatement, type RoundResults } from './scoring.ts';
import type { StakeholderGroup } from './framework/format.ts';

// A round with everything needed to ask its questions or report on it: its framework version,
// its items and its groups.

export type RoundStatus = 'scheduled' | 'open' | 'closed';

export function statusOf(round: rr.RoundRow, now = new Date()): RoundStatus {
  const at = now.toISOString();
  if (round.closed_at !== null || at >= round.closes_at) return 'closed';
  return at < round.opens_at ? 'scheduled' : 'open';
}

export interface LoadedRound {
  round: rr.RoundRow;
  version: FrameworkVersion;
  indicators: Set<string>;
  own: OwnStatement[];
  groups: { group: StakeholderGroup; sent: number; salt: string }[];
}

export async function loadRound(db: DB, id: number): Promise<LoadedRound | null> {
  const round = await rr.findRound(db, id);
  if (!round) return null;
  const [version, items, groups] = await Promise.all([versionById(db, round.framework_version_id), rr.roundItems(db, id), rr.roundGroups(db, id)]);
  if (!version) return null;
  return {
    round,
    version,
    indicators: new Set(items.filter((i) => i.own_text === null).map((i) => i.item)),
    own: items.filter((i) => i.own_text !== null).map((i) => ({ item: i.item, text: i.own_text!, lang: i.own_lang ?? 'en' })),
    groups: groups.map((g) => ({ group: g.grp, sent: g.sent, salt: g.salt })),
  };
}

export async function resultsOf(db: DB, r: LoadedRound): Promise<RoundResults> {
  return roundResults({
    framework: r.version.document,
    indicators: r.indicators,
    own: r.own,
    groups: r.groups.map((g) => ({ group: g.group, sent: g.sent })),
    counts: await rr.counts(db, r.round.id),
    minGroupSize: r.round.min_group_size,
  });
}

/** Rewrites the round's scores that other centres are compared with. */
export async function refreshScores(db: DB, id: number): Promise<void> {
  const r = await loadRound(db, id);
  if (!r) return;
  const results = await resultsOf(db, r);
  await rr.writeScores(db, id, benchmarkScores(results), results.sent);
}
