import type { PageContext } from '../../../../http/context.ts';
import type { Lang } from '../../../../i18n/languages.ts';
import type { Text } from '../../../../i18n/localise.ts';
import { html, type Html } from '../../../../ui/html.ts';
import type { StakeholderGroup } from '../../framework/format.ts';
import { cellOf, type Cell, type ScoreSet } from '../scoring.ts';

// What the report's tables and charts put in a score's place: the score, or why there is none:
// "not asked" (no statement behind it was meant for the group) or "not enough answers".

const scoreFormats = new Map<Lang, Intl.NumberFormat>();
export function scoreFormat(ctx: PageContext): (n: number) => string {
  let f = scoreFormats.get(ctx.lang);
  if (!f) scoreFormats.set(ctx.lang, (f = new Intl.NumberFormat(ctx.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 })));
  return (n) => f.format(n);
}
const changeFormats = new Map<Lang, Intl.NumberFormat>();
export function changeFormat(ctx: PageContext): (n: number) => string {
  let f = changeFormats.get(ctx.lang);
  if (!f) changeFormats.set(ctx.lang, (f = new Intl.NumberFormat(ctx.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' })));
  return (n) => f.format(n);
}

/** A score, or "not enough answers" for a missing one. */
export function score(ctx: PageContext, value: number | null | undefined): Html {
  return value === null || value === undefined ? html`<span class="meta">${ctx.t('report.notEnough')}</span>` : html`${scoreFormat(ctx)(value)}`;
}

/** The words for a cell without a score. */
export const gapLabel = (ctx: PageContext, c: Cell): string => (c === 'notAsked' ? ctx.t('report.notAsked') : ctx.t('report.notEnough'));

/** A cell of a ScoreSet as text: the score, "not asked" or "not enough answers". */
export const cellText = (ctx: PageContext, c: Cell): string => (typeof c === 'number' ? scoreFormat(ctx)(c) : gapLabel(ctx, c));

function cell(ctx: PageContext, c: Cell): Html {
  return typeof c === 'number' ? html`${scoreFormat(ctx)(c)}` : html`<span class="meta${c === 'notAsked' ? ' not-asked' : ''}">${gapLabel(ctx, c)}</span>`;
}

export const groupName = (ctx: PageContext, g: string): string => ctx.t(`assessment.groupName.${g}`);
export const textOf = (t: Text): { label: string; lang: string } => ({ label: t.value, lang: t.lang });

/** The score columns of a table: all groups together, then each group shown. */
export function scoreCells(ctx: PageContext, s: ScoreSet, shown: StakeholderGroup[]): Html {
  return html`<td>${cell(ctx, cellOf(s, shown))}</td>${shown.map((g) => html`<td>${cell(ctx, cellOf(s, shown, g))}</td>`)}`;
}
export function scoreHeads(ctx: PageContext, shown: StakeholderGroup[]): Html {
  return html`<th scope="col">${ctx.t('report.allGroups')}</th>${shown.map((g) => html`<th scope="col">${groupName(ctx, g)}</th>`)}`;
}

/** A bar chart row's values and the reason for each gap, all groups then each group shown. */
export function barValues(ctx: PageContext, s: ScoreSet, shown: StakeholderGroup[]): { values: (number | null)[]; gaps: (string | undefined)[] } {
  const cells = [cellOf(s, shown), ...shown.map((g) => cellOf(s, shown, g))];
  return { values: cells.map((c) => (typeof c === 'number' ? c : null)), gaps: cells.map((c) => (typeof c === 'number' ? undefined : gapLabel(ctx, c))) };
}

export function levelBadge(ctx: PageContext, level: string | null): Html {
  return level
    ? html`<span class="level level-${level}">${ctx.t(`report.level.${level}`)}</span>`
    : html`<span class="meta">${ctx.t('report.notEnough')}</span>`;
}
