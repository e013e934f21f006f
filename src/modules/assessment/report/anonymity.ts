import { limits } from '../../../platform/rate-limits/rate-limits.ts';

// The rule that keeps answers anonymous, against the centre itself (docs/decisions/0006). A round
// has a threshold, `minGroupSize`, chosen by the centre when it starts the round and never below
// MIN_THRESHOLD:
//  - sent answers are released to the centre only once the round is closed, a group's at least
//    that many at a time, so no figure the centre sees ever moves by fewer responses;
//  - a group's results show only once at least that many of its people's answers are released;
//  - a score (of an indicator, for one group or all shown groups together) shows only when at
//    least that many people gave it a 1–5 answer.
// Groups that do not show are left out of "all groups" as well (scoring.ts), so a hidden group
// can never be worked out by subtracting one total from another. Certificates count a statement
// only with at least MIN_THRESHOLD ratings too (certificates/rules.ts).

/** The lowest threshold a round (or the certificate rules) may set: fewer could point at single people. The messages round.error.minGroupSize, round.field.minGroupSizeHint and settings.error.minAnswers say 3. */
export const MIN_THRESHOLD = 3;

/** Whether a group with this many released responses shows in the results. */
export const groupShows = (released: number, minGroupSize: number): boolean => released >= minGroupSize;

/** Whether a score made of this many 1–5 answers shows. */
export const scoreShows = (answered: number, minGroupSize: number): boolean => answered >= minGroupSize;

/** Whether a closed round's group may release its pending responses: never fewer than the threshold at once. */
export const releasable = (pending: number, minGroupSize: number): boolean => pending >= Math.max(minGroupSize, MIN_THRESHOLD);

/**
 * A response sent from a network address that had already sent this many to the round within the
 * hour counts as part of a burst, which the report shows (a classroom behind one address does it
 * too; a person filling a group does it as well).
 */
export const BURST_FROM = limits.surveySentPerIp.max;
