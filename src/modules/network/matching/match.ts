import { levelFloors } from '../../assessment/report/scoring.ts';
import { Best } from './best.ts';

// Partner suggestions with their reasons: for a centre (its own profile) or for a partner request
// (what the request seeks, and the countries and kinds of organisation it wants), the candidates
// ranked by how well they fit, each with the reasons in the order of their weight. Pure: the
// caller loads the profiles; reasons.ts puts the reasons into words.
//
// A score is a sum of points per signal (the weights below). List signals count each shared item,
// at most ITEMS_COUNTED of them, so a profile that ticks every box cannot outrank a precise one.
// Two signals only support a suggestion: a shared language and shared EQF levels make working
// together easier, but almost every centre shares English with another, so a candidate needs at
// least one "primary" reason (what it offers or seeks, a sector, a wanted country or kind,
// complementary maturity) to be suggested at all. A candidate with no primary reason is left out.
//
// Maturity comes from a centre's latest self-assessment and is used only when BOTH centres opted
// in (each profile's `maturity` is null otherwise): a centre that keeps its results to itself is
// never compared, and never sees others' compared with its own.
//
// Speed (target: one seeker against 10,000 candidates well under 100 ms): the seeker's lists are
// turned into sets once; the pass over the candidates scores without allocating; a heap keeps the
// best `limit`; only those get their reasons built, by the same function that scored them.

export interface MatchProfile {
  id: number;
  /** alpha-2, from `countries` (centres/lists.ts) */
  country: string;
  /** from `centreTypes` */
  type: string;
  /** sector slugs of the knowledge vocabulary */
  sectors: readonly string[];
  eqfLevels: readonly number[];
  /** from `languageCodes` */
  languages: readonly string[];
  /** from `partnerTopics` */
  offers: readonly string[];
  seeks: readonly string[];
  /**
   * Mean score (1–5) per framework dimension ("area": teaching-learning, cooperation-partnerships,
   * governance-funding) from the centre's latest self-assessment, as `benchmarkScores()` gives them
   * under `dimension:<id>`; only when the centre opted in, null otherwise.
   */
  maturity: Readonly<Record<string, number>> | null;
}

/**
 * What the suggestions are for. Its lists are what is matched: a centre's own profile
 * (`centreSeeker()`), or a partner request's (seeks given explicitly). `self` is who asks: its id
 * is never suggested and its maturity is compared with the candidates'; null for a request made
 * outside any centre (then there is no complementary signal).
 */
export interface MatchSeeker {
  self: MatchProfile | null;
  seeks: readonly string[];
  offers: readonly string[];
  sectors: readonly string[];
  languages: readonly string[];
  eqfLevels: readonly number[];
  /** a request's countries, or the countries a consortium lacks: centres there score higher */
  wantedCountries?: readonly string[];
  /** centre types (`centreTypes`) a request asks for */
  wantedTypes?: readonly string[];
  /** never suggested: partners already in a consortium, centres already contacted */
  excludeIds?: readonly number[];
}

/**
 * Filters the person chose on the page: a candidate must have at least one of the values of
 * every list given (an absent or empty list does not filter). Unlike `wantedCountries`, which
 * only ranks, a filter leaves the others out.
 */
export interface MatchFilters {
  countries?: readonly string[];
  types?: readonly string[];
  sectors?: readonly string[];
  languages?: readonly string[];
  eqfLevels?: readonly number[];
  /** topics the candidate offers */
  offers?: readonly string[];
}

export type Reason =
  | { kind: 'offers-what-you-seek'; topics: string[] }
  | { kind: 'seeks-what-you-offer'; topics: string[] }
  | { kind: 'shared-sectors'; sectors: string[] }
  | { kind: 'shared-languages'; languages: string[] }
  | { kind: 'shared-eqf'; levels: number[] }
  | { kind: 'wanted-country'; country: string }
  | { kind: 'wanted-type'; type: string }
  | { kind: 'complementary'; strongWhereYouAreWeak: string[]; weakWhereYouAreStrong: string[] };

/** A suggested centre: its id, its score (points, only for ordering) and its reasons, strongest first. */
export interface Suggestion {
  id: number;
  score: number;
  reasons: Reason[];
}

/** Points per topic the candidate offers that the seeker seeks: the reason to partner at all. */
export const OFFERS_WHAT_YOU_SEEK = 10;
/** Points per topic the candidate seeks that the seeker offers: what makes the candidate say yes. */
export const SEEKS_WHAT_YOU_OFFER = 7;
/** Points for being in a wanted country: a request's condition, or the gap a consortium must fill. */
export const WANTED_COUNTRY = 6;
/** Points for being a wanted kind of organisation (a request's condition). */
export const WANTED_TYPE = 4;
/** Points per shared sector: partners in the same trade have things to do together. */
export const SHARED_SECTOR = 4;
/** Points per framework dimension where one centre is strong and the other weak: one can learn from the other. */
export const COMPLEMENTARY_AREA = 3;
/** Points for sharing at least one working language (one is enough: more adds nothing). */
export const SHARED_LANGUAGE = 3;
/** Points per shared EQF level: learners and staff at the same level can be exchanged. */
export const SHARED_EQF = 1;
/** A list signal counts at most this many shared items, so ticking every box does not win. */
export const ITEMS_COUNTED = 3;
/**
 * The score is multiplied by this when both sides name their languages and share none: working
 * together without a common language is close to impossible, yet a strong fit stays visible.
 */
export const NO_SHARED_LANGUAGE = 0.25;
/** "Strong" in a dimension: an advanced or leading mean score (report/scoring.ts levels). */
export const STRONG_FROM = levelFloors.advanced;
/** "Weak" in a dimension: a beginner's mean score, below "developing". */
export const WEAK_BELOW = levelFloors.developing;

interface Prepared {
  seeks: ReadonlySet<string>;
  offers: ReadonlySet<string>;
  sectors: ReadonlySet<string>;
  languages: ReadonlySet<string>;
  /** bit l set: EQF level l */
  eqf: number;
  countries: ReadonlySet<string>;
  types: ReadonlySet<string>;
  exclude: ReadonlySet<number>;
  /** the seeker's dimensions with a score; null when it did not opt in */
  maturity: [area: string, score: number][] | null;
  filter: PreparedFilter | null;
}

interface PreparedFilter {
  countries: ReadonlySet<string> | null;
  types: ReadonlySet<string> | null;
  sectors: ReadonlySet<string> | null;
  languages: ReadonlySet<string> | null;
  eqf: number;
  offers: ReadonlySet<string> | null;
}

function eqfMask(levels: readonly number[]): number {
  let m = 0;
  for (let i = 0; i < levels.length; i++) m |= 1 << levels[i]!;
  return m;
}
const setOrNull = (xs: readonly string[] | undefined): ReadonlySet<string> | null => (xs?.length ? new Set(xs) : null);

function prepare(seeker: MatchSeeker, filters: MatchFilters | undefined): Prepared {
  const exclude = new Set(seeker.excludeIds ?? []);
  if (seeker.self) exclude.add(seeker.self.id);
  const f = filters
    ? {
        countries: setOrNull(filters.countries),
        types: setOrNull(filters.types),
        sectors: setOrNull(filters.sectors),
        languages: setOrNull(filters.languages),
        eqf: eqfMask(filters.eqfLevels ?? []),
        offers: setOrNull(filters.offers),
      }
    : null;
  const mine = seeker.self?.maturity;
  return {
    seeks: new Set(seeker.seeks),
    offers: new Set(seeker.offers),
    sectors: new Set(seeker.sectors),
    languages: new Set(seeker.languages),
    eqf: eqfMask(seeker.eqfLevels),
    countries: new Set(seeker.wantedCountries ?? []),
    types: new Set(seeker.wantedTypes ?? []),
    exclude,
    maturity: mine ? Object.entries(mine).filter(([, v]) => Number.isFinite(v)) : null,
    filter: f && (f.countries || f.types || f.sectors || f.languages || f.eqf || f.offers) ? f : null,
  };
}

/** How many of `items` are in `wanted`; each one is also pushed to `into` when given. */
function overlap(items: readonly string[], wanted: ReadonlySet<string>, into: string[] | null): number {
  if (wanted.size === 0) return 0;
  let n = 0;
  for (let i = 0; i < items.length; i++) {
    const x = items[i]!;
    if (wanted.has(x)) {
      n++;
      into?.push(x);
    }
  }
  return n;
}

function anyIn(items: readonly string[], wanted: ReadonlySet<string>): boolean {
  for (let i = 0; i < items.length; i++) if (wanted.has(items[i]!)) return true;
  return false;
}

function passes(f: PreparedFilter, c: MatchProfile): boolean {
  if (f.countries && !f.countries.has(c.country)) return false;
  if (f.types && !f.types.has(c.type)) return false;
  if (f.sectors && !anyIn(c.sectors, f.sectors)) return false;
  if (f.languages && !anyIn(c.languages, f.languages)) return false;
  if (f.offers && !anyIn(c.offers, f.offers)) return false;
  if (f.eqf && !(eqfMask(c.eqfLevels) & f.eqf)) return false;
  return true;
}

/** A reason with the points it brought, for ordering reasons by strength. */
interface Weighed {
  reason: Reason;
  points: number;
}

const counted = (n: number) => (n < ITEMS_COUNTED ? n : ITEMS_COUNTED);

/**
 * The candidate's score (0: not suggested). With `out`, also its reasons, in the order of the
 * `Reason` kinds; the caller sorts them by points. Without it, nothing is allocated.
 */
function evaluate(p: Prepared, c: MatchProfile, out: Weighed[] | null): number {
  let primary = 0;
  let supporting = 0;
  const offered: string[] | null = out ? [] : null;
  const nOffered = overlap(c.offers, p.seeks, offered);
  if (nOffered) {
    const points = OFFERS_WHAT_YOU_SEEK * counted(nOffered);
    primary += points;
    out?.push({ reason: { kind: 'offers-what-you-seek', topics: offered! }, points });
  }
  const sought: string[] | null = out ? [] : null;
  const nSought = overlap(c.seeks, p.offers, sought);
  if (nSought) {
    const points = SEEKS_WHAT_YOU_OFFER * counted(nSought);
    primary += points;
    out?.push({ reason: { kind: 'seeks-what-you-offer', topics: sought! }, points });
  }
  const sectors: string[] | null = out ? [] : null;
  const nSectors = overlap(c.sectors, p.sectors, sectors);
  if (nSectors) {
    const points = SHARED_SECTOR * counted(nSectors);
    primary += points;
    out?.push({ reason: { kind: 'shared-sectors', sectors: sectors! }, points });
  }
  const languages: string[] | null = out ? [] : null;
  const nLanguages = overlap(c.languages, p.languages, languages);
  if (nLanguages) {
    supporting += SHARED_LANGUAGE;
    out?.push({ reason: { kind: 'shared-languages', languages: languages! }, points: SHARED_LANGUAGE });
  }
  if (p.eqf) {
    let nEqf = 0;
    const levels: number[] | null = out ? [] : null;
    for (let i = 0; i < c.eqfLevels.length; i++) {
      const l = c.eqfLevels[i]!;
      if (p.eqf & (1 << l)) {
        nEqf++;
        levels?.push(l);
      }
    }
    if (nEqf) {
      const points = SHARED_EQF * counted(nEqf);
      supporting += points;
      out?.push({ reason: { kind: 'shared-eqf', levels: levels! }, points });
    }
  }
  if (p.countries.has(c.country)) {
    primary += WANTED_COUNTRY;
    out?.push({ reason: { kind: 'wanted-country', country: c.country }, points: WANTED_COUNTRY });
  }
  if (p.types.has(c.type)) {
    primary += WANTED_TYPE;
    out?.push({ reason: { kind: 'wanted-type', type: c.type }, points: WANTED_TYPE });
  }
  const theirs = c.maturity;
  if (p.maturity && theirs) {
    let nAreas = 0;
    const strong: string[] | null = out ? [] : null;
    const weak: string[] | null = out ? [] : null;
    for (let i = 0; i < p.maturity.length; i++) {
      const [area, mine] = p.maturity[i]!;
      const other = theirs[area];
      if (other === undefined) continue;
      if (other >= STRONG_FROM && mine < WEAK_BELOW) {
        nAreas++;
        strong?.push(area);
      } else if (other < WEAK_BELOW && mine >= STRONG_FROM) {
        nAreas++;
        weak?.push(area);
      }
    }
    if (nAreas) {
      const points = COMPLEMENTARY_AREA * counted(nAreas);
      primary += points;
      out?.push({ reason: { kind: 'complementary', strongWhereYouAreWeak: strong!, weakWhereYouAreStrong: weak! }, points });
    }
  }

  if (primary === 0) return 0;
  const apart = nLanguages === 0 && p.languages.size > 0 && c.languages.length > 0;
  return (primary + supporting) * (apart ? NO_SHARED_LANGUAGE : 1);
}

/**
 * The best `limit` candidates for the seeker, score descending then id ascending, each with its
 * reasons strongest first. Candidates that are the seeker itself, excluded, filtered out, or
 * without a primary reason are never suggested.
 */
export function suggest(seeker: MatchSeeker, candidates: readonly MatchProfile[], o: { limit: number; filters?: MatchFilters }): Suggestion[] {
  if (o.limit <= 0) return [];
  const p = prepare(seeker, o.filters);
  const best = new Best(o.limit, (i) => candidates[i]!.id);
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (p.exclude.has(c.id)) continue;
    if (p.filter && !passes(p.filter, c)) continue;
    const score = evaluate(p, c, null);
    if (score > 0) best.offer(i, score);
  }
  const chosen = best.at.map((index, k) => ({ c: candidates[index]!, score: best.scores[k]! }));
  chosen.sort((a, b) => b.score - a.score || a.c.id - b.c.id);
  return chosen.map(({ c, score }) => {
    const weighed: Weighed[] = [];
    evaluate(p, c, weighed);
    // stable: reasons of equal points keep the order of the Reason kinds
    weighed.sort((a, b) => b.points - a.points);
    return { id: c.id, score, reasons: weighed.map((w) => w.reason) };
  });
}

/** The seeker for a centre's own suggestions: its profile's lists, plus what it wants or has already. */
export function centreSeeker(self: MatchProfile, extra: Pick<MatchSeeker, 'wantedCountries' | 'wantedTypes' | 'excludeIds'> = {}): MatchSeeker {
  return { self, seeks: self.seeks, offers: self.offers, sectors: self.sectors, languages: self.languages, eqfLevels: self.eqfLevels, ...extra };
}
