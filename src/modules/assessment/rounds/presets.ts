import { indicatorsOf, type FrameworkDocument } from '../framework/document.ts';
import type { StakeholderGroup } from '../framework/format.ts';
import { pagesFor } from '../questionnaire/pages.ts';
import type { OwnStatement } from '../round.ts';
import { minutesFor } from '../timing.ts';

// The ready-made sets of statements on the form that starts a round, and what a choice of
// statements means for the people who answer it and for the certificate.
//
// - core: the framework's short core set, for a first look (too few for the certificate).
// - recommended: the core set, plus in every criterion its first statement outside the core set
//   (a criterion lists its statements from the most basic), plus, while the set is still under the
//   certificate's minimum, the next statement of each criterion in turn. It covers every criterion
//   and always reaches the minimum when the framework has that many statements.
// - all: every statement.

export const presets = ['core', 'recommended', 'all'] as const;
export type Preset = (typeof presets)[number];

/** The statements of a ready-made set, in the framework's order. */
export function presetIndicators(doc: FrameworkDocument, preset: Preset, minIndicators: number): string[] {
  const all = indicatorsOf(doc);
  if (preset === 'all') return all.map((i) => i.id);
  const chosen = new Set(all.filter((i) => i.core).map((i) => i.id));
  if (preset === 'recommended') {
    const rest = doc.dimensions.flatMap((d) => d.criteria.map((c) => c.indicators.filter((i) => !i.core).map((i) => i.id)));
    for (let turn = 0; rest.some((r) => r.length > turn); turn++) {
      if (turn > 0 && chosen.size >= minIndicators) break;
      for (const r of rest) if (r[turn]) chosen.add(r[turn]!);
    }
  }
  return all.filter((i) => chosen.has(i.id)).map((i) => i.id);
}

/** Which ready-made set a choice of statements is exactly, if any. */
export function presetOf(doc: FrameworkDocument, chosen: string[], minIndicators: number): Preset | undefined {
  const mine = [...new Set(chosen)].sort().join(' ');
  return presets.find((p) => presetIndicators(doc, p, minIndicators).sort().join(' ') === mine);
}

/** What a group is asked with these statements: how many, and about how long it takes. */
export function groupEstimate(
  doc: FrameworkDocument,
  chosen: Set<string>,
  own: OwnStatement[],
  group: StakeholderGroup,
): { statements: number; minutes: number } {
  const pages = pagesFor(doc, chosen, own, group);
  const statements = pages.reduce((n, p) => n + (p.kind === 'criterion' ? p.indicators.length : p.statements.length), 0);
  return { statements, minutes: minutesFor(pages) };
}

/** How a choice compares with the certificate's minimum number of statements. */
export const certificateGap = (chosen: number, minIndicators: number): number => Math.max(0, minIndicators - chosen);
