import type { DB } from '../../db/database.ts';
import type { StakeholderGroup } from './framework/format.ts';
import { versionById, type FrameworkVersion } from './framework/repository.ts';
import { findRound, roundGroups, roundItems, type RoundRow } from './repository.ts';

// A round with everything needed to ask its questions or report on it: its framework version,
// its items and its groups. Every part of the self-assessment starts from here.

export type RoundStatus = 'scheduled' | 'open' | 'closed';
/** How a group reaches the questionnaire: its open link, or personal invitations. */
export type Access = 'link' | 'invitation';

/** A statement of the centre's own, asked of every group beside the framework's indicators. */
export interface OwnStatement {
  item: string;
  text: string;
  lang: string;
}

export function statusOf(round: RoundRow, now = new Date()): RoundStatus {
  const at = now.toISOString();
  if (round.closed_at !== null || at >= round.closes_at) return 'closed';
  return at < round.opens_at ? 'scheduled' : 'open';
}

/** The last day a round is open, from its closing time. */
export const lastDay = (closesAt: string): string => new Date(Date.parse(closesAt) - 1).toISOString().slice(0, 10);

export interface LoadedRound {
  round: RoundRow;
  version: FrameworkVersion;
  indicators: Set<string>;
  own: OwnStatement[];
  /** per group: responses sent, those released to the centre, the link's salt, how people reach the questionnaire, the responses hoped for */
  groups: { group: StakeholderGroup; sent: number; released: number; salt: string; access: Access; target: number | null }[];
}

export async function loadRound(db: DB, id: number): Promise<LoadedRound | null> {
  const round = await findRound(db, id);
  if (!round) return null;
  const [version, items, groups] = await Promise.all([versionById(db, round.framework_version_id), roundItems(db, id), roundGroups(db, id)]);
  if (!version) return null;
  return {
    round,
    version,
    indicators: new Set(items.filter((i) => i.own_text === null).map((i) => i.item)),
    own: items.filter((i) => i.own_text !== null).map((i) => ({ item: i.item, text: i.own_text!, lang: i.own_lang ?? 'en' })),
    groups: groups.map((g) => ({ group: g.grp, sent: g.sent, released: g.released, salt: g.salt, access: g.access, target: g.target })),
  };
}
