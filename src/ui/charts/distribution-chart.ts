import { html, type Html } from '../html.ts';
import { canvas, GAP, legendFlow, PAD, ROW_GAP, rowLabel, WIDTH } from './canvas.ts';
import { AXIS, DIVERGING, EXTRA, textOn, WHITE } from './colours.ts';
import { checkId, colHead, dataTable, figure, rowHead } from './figure.ts';
import { estimate, SMALL } from './labels.ts';

// How answers are spread: one stacked bar per row, a segment per answer, the row's label on its
// own lines above the bar (drawn narrow, like the bar chart, to stay legible on a phone).

export interface DistributionOptions {
  id: string;
  title: string;
  tableLabel: string;
  rowHeader: string;
  /** In order. The first five are the ordered answers (a diverging orange to purple, DIVERGING); any after them are non-answers such as n/a or prefer not (greys). */
  categories: { key: string; label: string }[];
  /** Counts per category, in the same order. */
  rows: { label: string; lang?: string; counts: number[] }[];
  /** Formats counts. */
  format: (n: number) => string;
  dir: 'ltr' | 'rtl';
}

/** The colour of each category: the first five take the diverging scale (spread over it when fewer), the rest greys. */
function categoryFills(n: number): string[] {
  const ordered = Math.min(n, DIVERGING.length);
  return Array.from({ length: n }, (_, k) => {
    if (k >= DIVERGING.length) return EXTRA[(k - DIVERGING.length) % EXTRA.length]!;
    return DIVERGING[ordered === 1 ? DIVERGING.length - 1 : Math.round((k * (DIVERGING.length - 1)) / (ordered - 1))]!;
  });
}

/** One stacked horizontal bar per row: the share of each answer, with counts where they fit. */
export function distributionChart(o: DistributionOptions): Html {
  checkId(o.id);
  const { dir, format } = o;
  const fills = categoryFills(o.categories.length);
  const barH = 24;
  const width = WIDTH;
  // Every bar takes the full width, below its label.
  const plotX0 = PAD;
  const plotW = width - 2 * PAD;
  const c = canvas(width, dir);

  const legend = legendFlow(
    c,
    o.categories.map((cat, k) => ({ fill: fills[k]!, label: { label: cat.label } })),
    PAD,
    PAD,
    width - 2 * PAD,
  );
  const drawing: Html[] = [...legend.markup];
  let next = PAD + legend.height + GAP;
  o.rows.forEach((row) => {
    const label = rowLabel(c, row, next, width);
    drawing.push(label.markup);
    const y = next + label.height;
    next = y + barH + ROW_GAP;
    const total = row.counts.reduce((a, b) => a + Math.max(0, b), 0);
    // No answers at all: a gap (the table still lists the zeros).
    if (total === 0) return;
    let x = plotX0;
    row.counts.forEach((count, k) => {
      if (!(count > 0) || k >= fills.length) return;
      const w = (count / total) * plotW;
      const fill = fills[k]!;
      const label = format(count);
      // White hairlines separate neighbouring segments whose colours are close.
      const rect = c.rect('segment', x, y, w, barH, fill, html` stroke="${WHITE}" stroke-width="1"`);
      drawing.push(
        w >= estimate(label, SMALL) + 8
          ? html`<g class="segment">${rect}${c.text(x + w / 2, y + barH / 2, 'middle', label, { size: SMALL, fill: textOn(fill), middle: true })}</g>`
          : rect,
      );
      x += w;
    });
    // An outline shows the bar's full extent even where its end segments are pale.
    drawing.push(c.rect('outline', plotX0, y, plotW, barH, 'none', html` stroke="${AXIS}" stroke-width="1"`));
  });

  const table = dataTable(
    o.title,
    o.tableLabel,
    [html`<th scope="col">${o.rowHeader}</th>`, ...o.categories.map((cat) => colHead({ label: cat.label }, dir))],
    o.rows.map((row) => html`${rowHead(row, dir)}${o.categories.map((_, k) => html`<td>${format(row.counts[k] ?? 0)}</td>`)}`),
  );
  return figure(o.id, o.title, width, next - ROW_GAP + PAD, drawing, table);
}
