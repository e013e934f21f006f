import type { DB } from '../../db/database.ts';
import type { User } from '../accounts/repository.ts';
import * as centresRepo from '../centres/repository.ts';
import { canManage, canSeeMembers, type Access } from '../centres/service.ts';
import { settled } from './report/results.ts';
import { loadRound, type LoadedRound } from './round.ts';

// Who sees a centre's self-assessment: every member of the centre reads its rounds, reports and
// plans; its administrators (and platform administrators) change them. Anything a person may not
// see is simply not found, so nobody learns that a round of another centre exists.

export interface CentreAccess {
  centre: centresRepo.CentreRow;
  access: Access;
  manage: boolean;
}

export interface RoundPage extends CentreAccess {
  loaded: LoadedRound;
}

export function roundAccess(db: DB) {
  /** The centre and the person's part in it; null when they may not see it. */
  async function centreFor(user: User, slug: string): Promise<CentreAccess | null> {
    const centre = await centresRepo.findCentre(db, slug);
    if (!centre) return null;
    const access = ((await centresRepo.membership(db, centre.id, user.id))?.role ?? null) as Access;
    if (!canSeeMembers(user, access)) return null;
    return { centre, access, manage: canManage(user, access) };
  }

  /**
   * A round of the centre, loaded as it now is (a closed round settled first: its due answers
   * released, its invited people's addresses erased); null when there is none the person may see.
   */
  async function roundFor(user: User, slug: string, id: number): Promise<RoundPage | null> {
    const c = await centreFor(user, slug);
    if (!c) return null;
    const loaded = await loadRound(db, id);
    if (!loaded || loaded.round.centre_id !== c.centre.id) return null;
    return { ...c, loaded: await settled(db, loaded) };
  }

  return { centreFor, roundFor };
}

export type RoundAccess = ReturnType<typeof roundAccess>;
