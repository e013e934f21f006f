import type { CriterionDoc, DimensionDoc, FrameworkDocument, IndicatorDoc } from '../framework/document.ts';
import type { StakeholderGroup } from '../framework/format.ts';
import type { OwnStatement } from '../round.ts';

// What one stakeholder group is asked in a round, page by page: one page for each criterion that
// has an indicator in the round asked of the group, in the framework's order, then a page of the
// centre's own statements (asked of every group) if it has any.

export type QuestionPage =
  { kind: 'criterion'; dimension: DimensionDoc; criterion: CriterionDoc; indicators: IndicatorDoc[] } | { kind: 'own'; statements: OwnStatement[] };

export function pagesFor(framework: FrameworkDocument, inRound: Set<string>, own: OwnStatement[], group: StakeholderGroup): QuestionPage[] {
  const pages: QuestionPage[] = [];
  for (const dimension of framework.dimensions) {
    for (const criterion of dimension.criteria) {
      const indicators = criterion.indicators.filter((i) => inRound.has(i.id) && i.groups.includes(group));
      if (indicators.length) pages.push({ kind: 'criterion', dimension, criterion, indicators });
    }
  }
  if (own.length) pages.push({ kind: 'own', statements: own });
  return pages;
}

/** The items (indicator ids or "own-n") a page asks about. */
export const itemsOf = (page: QuestionPage): string[] => (page.kind === 'criterion' ? page.indicators.map((i) => i.id) : page.statements.map((s) => s.item));
