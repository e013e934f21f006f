import { csv } from '../../../http/csv.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Texts } from '../framework/document.ts';
import type { StakeholderGroup } from '../framework/format.ts';
import { answerValues, cellOf, type Cell, type Distribution, type RoundResults, type ScoreSet } from './scoring.ts';

// CSV of aggregated results: only what the report itself shows, so nothing in it can point at
// one respondent.

export function reportCsv(results: RoundResults, lang: Lang, groupName: (g: string) => string): string {
  const text = (t: Texts) => (lang !== 'en' && t[lang] ? t[lang] : t.en);
  const header = [
    'level',
    'id',
    'title',
    'group',
    'score',
    'answered',
    ...answerValues.map((v) => (v === 0 ? 'not_applicable' : v === -1 ? 'prefer_not_to_say' : `answer_${v}`)),
    'no_score',
  ];
  const rows: (string | number | null)[][] = [header];
  const groups: [string, string][] = [['all', groupName('all')], ...results.shown.map((g) => [g, groupName(g)] as [string, string])];
  // Why a score is missing: the group was never asked (not_asked) or too few answered (not_enough_answers).
  const why = (c: Cell) => (typeof c === 'number' ? null : c === 'notAsked' ? 'not_asked' : 'not_enough_answers');
  const scoreRows = (level: string, id: string, title: string, score: ScoreSet) => {
    for (const [g, name] of groups) {
      const c = g === 'all' ? cellOf(score, results.shown) : cellOf(score, results.shown, g as StakeholderGroup);
      rows.push([level, id, title, name, typeof c === 'number' ? c : null, null, ...answerValues.map(() => null), why(c)]);
    }
  };
  const distributionRow = (level: string, id: string, title: string, score: ScoreSet, answered: number, d: Distribution) => {
    const c = cellOf(score, results.shown);
    const v = typeof c === 'number' ? c : null;
    rows.push([level, id, title, groupName('all'), v, v === null ? null : answered, ...answerValues.map((x) => (v === null ? null : (d[x] ?? 0))), why(c)]);
  };
  scoreRows('overall', 'overall', '', results.overall);
  for (const d of results.dimensions) {
    scoreRows('dimension', d.dimension.id, text(d.dimension.title), d.score);
    for (const c of d.criteria) {
      scoreRows('criterion', c.criterion.id, text(c.criterion.title), c.score);
      for (const i of c.indicators) {
        distributionRow('indicator', i.indicator.id, text(i.indicator.statement), i.score, i.answered, i.distribution);
        for (const g of results.shown) {
          const c = cellOf(i.score, results.shown, g);
          rows.push([
            'indicator',
            i.indicator.id,
            text(i.indicator.statement),
            groupName(g),
            typeof c === 'number' ? c : null,
            null,
            ...answerValues.map(() => null),
            why(c),
          ]);
        }
      }
    }
  }
  for (const o of results.own) distributionRow('own', o.statement.item, o.statement.text, o.score, o.answered, o.distribution);
  return csv(rows);
}
