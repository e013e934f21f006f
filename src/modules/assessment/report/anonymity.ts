// The rule that keeps answers anonymous. A round has a threshold, `minGroupSize`, chosen by the
// centre when it starts the round and never below MIN_THRESHOLD:
//  - a group's results show only once at least that many of its people have sent their answers;
//  - a score (of an indicator, for one group or all shown groups together) shows only when at
//    least that many people gave it a 1–5 answer.
// Groups that do not show are left out of "all groups" as well (scoring.ts), so a hidden group
// can never be worked out by subtracting one total from another. Certificates count a statement
// only with at least MIN_THRESHOLD ratings too (certificates/rules.ts).

/** The lowest threshold a round (or the certificate rules) may set: fewer could point at single people. The messages round.error.minGroupSize, round.field.minGroupSizeHint and settings.error.minAnswers say 3. */
export const MIN_THRESHOLD = 3;

/** Whether a group with this many sent responses shows in the results. */
export const groupShows = (sent: number, minGroupSize: number): boolean => sent >= minGroupSize;

/** Whether a score made of this many 1–5 answers shows. */
export const scoreShows = (answered: number, minGroupSize: number): boolean => answered >= minGroupSize;
