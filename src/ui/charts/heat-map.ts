import { html, type Html } from '../html.ts';
import { canvas, GAP, MIN_WIDTH, PAD } from './canvas.ts';
import { AXIS, MISSING_STROKE, SCALE, textOn, WHITE } from './colours.ts';
import { checkId, colHead, dataTable, figure, rowHead } from './figure.ts';
import { estimate, FONT, SMALL, truncate } from './labels.ts';

// A grid of values, e.g. groups by criteria, coloured on a five-step scale.

export interface HeatMapOptions {
  id: string;
  title: string;
  tableLabel: string;
  cornerHeader: string;
  /** E.g. stakeholder groups. */
  rows: { label: string; lang?: string }[];
  /** E.g. criteria; drawn rotated 45° above the columns. */
  columns: { label: string; lang?: string }[];
  /** values[row][column]; null is a gap. */
  values: (number | null)[][];
  /** The colour scale's domain, e.g. 1..5. */
  min: number;
  max: number;
  format: (n: number) => string;
  missingLabel: string;
  dir: 'ltr' | 'rtl';
  /** Words for the ends of the colour key. */
  legend: { low: string; high: string };
}

/** A grid of values coloured on a five-step blue scale, each cell showing its number. */
export function heatMap(o: HeatMapOptions): Html {
  checkId(o.id);
  if (!(o.max > o.min)) throw new Error(`heat map ${o.id}: max must be greater than min`);
  const { dir, format } = o;
  const cellH = 32;
  const all = o.values.flat().filter((v) => v !== null);
  const cellW = Math.max(48, ...all.map((v) => estimate(format(v), SMALL) + 12));
  const labelW = Math.max(40, ...o.rows.map((row) => estimate(truncate(row.label), FONT)));
  const gridX0 = PAD + labelW + GAP;
  const gridW = o.columns.length * cellW;
  // Column labels rise at 45° from each column's centre: they need height above the grid and
  // may reach past its far edge.
  const colExtent = o.columns.map((col) => estimate(truncate(col.label), SMALL) * Math.SQRT1_2 + SMALL);
  const headerH = Math.max(0, ...colExtent) + GAP;
  const overhang = Math.max(0, ...colExtent.map((e, j) => gridX0 + (j + 0.5) * cellW + e - (gridX0 + gridW)));

  const swatchW = 24;
  const legendItems = [estimate(o.legend.low, SMALL) + 6, SCALE.length * swatchW + 6, estimate(o.legend.high, SMALL) + 24, 14 + 6 + estimate(truncate(o.missingLabel), SMALL)];
  const legendW = legendItems.reduce((a, b) => a + b, 0);
  // At least as wide as the other charts, so that all are drawn at the same scale on the page.
  const width = Math.max(gridX0 + gridW + overhang + PAD, PAD + legendW + PAD, MIN_WIDTH);
  const c = canvas(width, dir);

  const gridTop = PAD + headerH;
  const gridBottom = gridTop + o.rows.length * cellH;
  const legendY = gridBottom + 16;
  const height = legendY + 18 + PAD;
  const bin = (v: number) => Math.min(SCALE.length - 1, Math.max(0, Math.floor(((v - o.min) / (o.max - o.min)) * SCALE.length)));

  const drawing: Html[] = [];
  o.columns.forEach((col, j) => drawing.push(c.label(gridX0 + (j + 0.5) * cellW, gridTop - GAP, 'left', col, { size: SMALL, rotate: -45 })));
  o.rows.forEach((row, i) => {
    const y = gridTop + i * cellH;
    drawing.push(c.label(PAD + labelW, y + cellH / 2, 'right', row, { middle: true }));
    o.columns.forEach((_, j) => {
      const v = o.values[i]?.[j] ?? null;
      const x = gridX0 + j * cellW + 1;
      // A gap: an empty dashed cell, named in the key below.
      if (v === null) drawing.push(c.rect('missing', x + 0.5, y + 1.5, cellW - 3, cellH - 3, WHITE, html` stroke="${MISSING_STROKE}" stroke-width="1" stroke-dasharray="4 3"`));
      else {
        const fill = SCALE[bin(v)]!;
        drawing.push(html`<g class="cell">${c.rect('cell', x, y + 1, cellW - 2, cellH - 2, fill)}${c.text(x + (cellW - 2) / 2, y + cellH / 2, 'middle', format(v), { size: SMALL, fill: textOn(fill), middle: true })}</g>`);
      }
    });
  });

  // The key: low, the five colours, high; then what an empty dashed cell means.
  let x = PAD;
  const ly = legendY + 9;
  drawing.push(c.text(x, ly, 'left', o.legend.low, { size: SMALL, middle: true }));
  x += legendItems[0]!;
  SCALE.forEach((fill, k) => drawing.push(c.rect('swatch', x + k * swatchW, legendY, swatchW, 18, fill, html` stroke="${AXIS}" stroke-width="1"`)));
  x += legendItems[1]!;
  drawing.push(c.text(x, ly, 'left', o.legend.high, { size: SMALL, middle: true }));
  x += legendItems[2]!;
  drawing.push(c.rect('swatch', x, legendY + 2, 14, 14, WHITE, html` stroke="${MISSING_STROKE}" stroke-width="1" stroke-dasharray="4 3"`), c.label(x + 20, ly, 'left', { label: o.missingLabel }, { size: SMALL, middle: true }));

  const table = dataTable(
    o.title,
    o.tableLabel,
    [html`<th scope="col">${o.cornerHeader}</th>`, ...o.columns.map((col) => colHead(col, dir))],
    o.rows.map((row, i) => html`${rowHead(row, dir)}${o.columns.map((_, j) => {
      const v = o.values[i]?.[j] ?? null;
      return html`<td>${v === null ? o.missingLabel : format(v)}</td>`;
    })}`),
  );
  return figure(o.id, o.title, width, height, drawing, table);
}
