import type { CriterionDoc, DimensionDoc, FrameworkDocument, IndicatorDoc } from '../framework/document.ts';
import type { StakeholderGroup } from '../framework/format.ts';
import type { OwnStatement } from '../round.ts';
import { groupShows, scoreShows } from './anonymity.ts';

// A round's results from its answer counts: no single answer is ever read. Everything here is
// pure, so the rules of anonymity and scoring are tested without a database.
//
// Anonymity (anonymity.ts): a group's results show only when at least `minGroupSize` of its
// people sent their answers, and a score only when at least that many people gave a 1–5 answer
// to it. "All groups" adds up the groups that are shown and no others, so a hidden group can
// never be worked out by subtracting one total from another.
//
// Scores: an indicator's score is the mean of its 1–5 answers; a criterion's the mean of its
// indicators' scores; a dimension's the mean of its criteria's; the overall score the mean of the
// dimensions'. Means of means keep every part of the framework equally weighted, however many
// indicators it has.

/** Answer values as stored. */
export const NOT_APPLICABLE = 0;
export const PREFER_NOT = -1;
export const answerValues = [1, 2, 3, 4, 5, NOT_APPLICABLE, PREFER_NOT] as const;

/** For each answer value, how many people gave it. */
export type Distribution = Record<number, number>;

/** group → item → distribution, as `answer_counts` holds it. */
export type CountTable = Map<string, Map<string, Distribution>>;

export const levels = ['beginner', 'developing', 'advanced', 'leading'] as const;
export type Level = (typeof levels)[number];

/** The lowest mean score of each level, on the 1–5 scale. */
export const levelFloors: Record<Level, number> = { beginner: 1, developing: 2.5, advanced: 3.25, leading: 4 };

export function levelOf(score: number): Level {
  if (score >= levelFloors.leading) return 'leading';
  if (score >= levelFloors.advanced) return 'advanced';
  if (score >= levelFloors.developing) return 'developing';
  return 'beginner';
}

/** A score for all shown groups together and for each shown group. null: not enough answers, or never asked (see notAsked). */
export interface ScoreSet {
  all: number | null;
  byGroup: Partial<Record<StakeholderGroup, number | null>>;
  /** shown groups that were never asked it (none of its statements is meant for them): "not asked", not "not enough answers" */
  notAsked: StakeholderGroup[];
}

/** What a score cell shows: the score, "not asked" or "not enough answers". `group` undefined: all groups together. */
export type Cell = number | 'notAsked' | 'notEnough';
export function cellOf(s: ScoreSet, shown: StakeholderGroup[], group?: StakeholderGroup): Cell {
  const v = group === undefined ? s.all : (s.byGroup[group] ?? null);
  if (v !== null) return v;
  const never = group === undefined ? shown.length > 0 && shown.every((g) => s.notAsked.includes(g)) : s.notAsked.includes(group);
  return never ? 'notAsked' : 'notEnough';
}

export interface IndicatorResult {
  indicator: IndicatorDoc;
  score: ScoreSet;
  /** all shown groups together */
  distribution: Distribution;
  /** how many gave a 1–5 answer, all shown groups together */
  answered: number;
}
export interface CriterionResult {
  criterion: CriterionDoc;
  score: ScoreSet;
  indicators: IndicatorResult[];
}
export interface DimensionResult {
  dimension: DimensionDoc;
  score: ScoreSet;
  level: Level | null;
  criteria: CriterionResult[];
}
export interface OwnResult {
  statement: OwnStatement;
  score: ScoreSet;
  distribution: Distribution;
  answered: number;
}
export interface GroupState {
  group: StakeholderGroup;
  /** responses released to the centre */
  released: number;
  shown: boolean;
}
export interface Gap {
  criterion: CriterionDoc;
  high: { group: StakeholderGroup; score: number };
  low: { group: StakeholderGroup; score: number };
  gap: number;
}

export interface RoundResults {
  minGroupSize: number;
  groups: GroupState[];
  /** the groups whose results show */
  shown: StakeholderGroup[];
  /** released responses of the shown groups */
  released: number;
  overall: ScoreSet;
  dimensions: DimensionResult[];
  own: OwnResult[];
  /** criteria with the largest differences between two shown groups, largest first */
  gaps: Gap[];
  /** indicators with a score, best first */
  ranked: IndicatorResult[];
}

export interface ResultsInput {
  framework: FrameworkDocument;
  /** the framework indicators in the round */
  indicators: Set<string>;
  own: OwnStatement[];
  /** the round's groups and how many responses of each are released (docs/decisions/0006) */
  groups: { group: StakeholderGroup; released: number }[];
  counts: CountTable;
  minGroupSize: number;
}

const mean = (xs: (number | null)[]): number | null => {
  const present = xs.filter((x): x is number => x !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
};

export const emptyDistribution = (): Distribution => Object.fromEntries(answerValues.map((v) => [v, 0]));

function add(into: Distribution, from: Distribution | undefined): void {
  if (!from) return;
  for (const v of answerValues) into[v] = (into[v] ?? 0) + (from[v] ?? 0);
}

/** How many gave a 1–5 answer, and their mean. */
export function scaleOf(d: Distribution): { answered: number; mean: number | null } {
  let answered = 0;
  let total = 0;
  for (let v = 1; v <= 5; v++) {
    answered += d[v] ?? 0;
    total += v * (d[v] ?? 0);
  }
  return { answered, mean: answered ? total / answered : null };
}

export function roundResults(input: ResultsInput): RoundResults {
  const min = input.minGroupSize;
  const groups = input.groups.map((g) => ({ ...g, shown: groupShows(g.released, min) }));
  const shown = groups.filter((g) => g.shown).map((g) => g.group);
  const itemResult = (item: string, askedOf?: StakeholderGroup[]) => {
    const notAsked = askedOf ? shown.filter((g) => !askedOf.includes(g)) : [];
    const distribution = emptyDistribution();
    const byGroup: ScoreSet['byGroup'] = {};
    for (const g of shown) {
      const d = input.counts.get(g)?.get(item);
      add(distribution, d);
      const s = d ? scaleOf(d) : { answered: 0, mean: null };
      byGroup[g] = scoreShows(s.answered, min) ? s.mean : null;
    }
    const all = scaleOf(distribution);
    return { score: { all: scoreShows(all.answered, min) ? all.mean : null, byGroup, notAsked }, distribution, answered: all.answered };
  };
  const combine = (parts: ScoreSet[]): ScoreSet => ({
    all: mean(parts.map((p) => p.all)),
    byGroup: Object.fromEntries(shown.map((g) => [g, mean(parts.map((p) => p.byGroup[g] ?? null))])),
    notAsked: shown.filter((g) => parts.length > 0 && parts.every((p) => p.notAsked.includes(g))),
  });

  const dimensions: DimensionResult[] = [];
  for (const dimension of input.framework.dimensions) {
    const criteria: CriterionResult[] = [];
    for (const criterion of dimension.criteria) {
      const indicators = criterion.indicators
        .filter((i) => input.indicators.has(i.id))
        .map((indicator) => ({ indicator, ...itemResult(indicator.id, indicator.groups) }));
      if (indicators.length) criteria.push({ criterion, indicators, score: combine(indicators.map((i) => i.score)) });
    }
    if (!criteria.length) continue;
    const score = combine(criteria.map((c) => c.score));
    dimensions.push({ dimension, criteria, score, level: score.all === null ? null : levelOf(score.all) });
  }
  const own = input.own.map((statement) => ({ statement, ...itemResult(statement.item) }));

  const gaps: Gap[] = [];
  for (const c of dimensions.flatMap((d) => d.criteria)) {
    const scored = shown
      .map((g) => ({ group: g, score: c.score.byGroup[g] ?? null }))
      .filter((x): x is { group: StakeholderGroup; score: number } => x.score !== null);
    if (scored.length < 2) continue;
    scored.sort((a, b) => b.score - a.score);
    const high = scored[0]!;
    const low = scored[scored.length - 1]!;
    gaps.push({ criterion: c.criterion, high, low, gap: high.score - low.score });
  }
  gaps.sort((a, b) => b.gap - a.gap);

  const ranked = dimensions
    .flatMap((d) => d.criteria.flatMap((c) => c.indicators))
    .filter((i) => i.score.all !== null)
    .sort((a, b) => b.score.all! - a.score.all!);

  return {
    minGroupSize: min,
    groups,
    shown,
    released: groups.filter((g) => g.shown).reduce((n, g) => n + g.released, 0),
    overall: combine(dimensions.map((d) => d.score)),
    dimensions,
    own,
    gaps,
    ranked,
  };
}

/** The criteria with a score, weakest first. */
export function weakestCriteria(r: RoundResults, n: number): CriterionResult[] {
  return r.dimensions
    .flatMap((d) => d.criteria)
    .filter((c) => c.score.all !== null)
    .sort((a, b) => a.score.all! - b.score.all!)
    .slice(0, n);
}

/** The scores other centres can be compared with, by "scope:key": overall, per dimension and per criterion. */
export function benchmarkScores(r: RoundResults): Record<string, number> {
  const out: Record<string, number> = {};
  if (r.overall.all !== null) out['overall:overall'] = r.overall.all;
  for (const d of r.dimensions) {
    if (d.score.all !== null) out[`dimension:${d.dimension.id}`] = d.score.all;
    for (const c of d.criteria) if (c.score.all !== null) out[`criterion:${c.criterion.id}`] = c.score.all;
  }
  return out;
}

/** Indicators that had enough 1–5 answers, all shown groups together (for the certificate). */
export const coveredIndicators = (r: RoundResults, minAnswers: number): number =>
  r.dimensions.flatMap((d) => d.criteria.flatMap((c) => c.indicators)).filter((i) => i.score.all !== null && i.answered >= minAnswers).length;
