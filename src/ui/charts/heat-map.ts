import { html, type Html } from '../html.ts';
import { SCALE } from './colours.ts';
import { checkId, colHead, rowHead } from './figure.ts';
import type { Label } from './labels.ts';

// A grid of values, e.g. criteria by stakeholder group, as an HTML table whose cells are coloured
// on a five-step scale: the table is both the picture and the accessible data. Criteria are the
// rows and the few groups the columns, so it fits a phone (column headers run upwards); the
// colours are the classes heat-1 … heat-5 in ui/styles/90-charts.css (SCALE's blues, each with the text colour
// textOn gives it, checked in heat-map.test.ts), a gap is a dashed cell named in the key below.

export interface HeatMapOptions {
  id: string;
  title: string;
  /** Header of the first column, naming what the rows are. */
  cornerHeader: string;
  /** E.g. criteria: each row's header. */
  rows: Label[];
  /** E.g. stakeholder groups: keep them few (up to seven), so the table fits a phone. */
  columns: Label[];
  /** values[row][column]; null is a gap (missingLabel), 'notAsked' a cell that was never asked (notAskedLabel). */
  values: (number | null | 'notAsked')[][];
  /** The colour scale's domain, e.g. 1..5. */
  min: number;
  max: number;
  format: (n: number) => string;
  /** Said by a gap to screen readers, and in the key beside a dashed cell. */
  missingLabel: string;
  /** Said by a never-asked cell, shown in it, and in the key: distinct from a gap. */
  notAskedLabel?: string;
  dir: 'ltr' | 'rtl';
  /** Words for the ends of the colour key. */
  legend: { low: string; high: string };
}

/** More columns than this are drawn tighter on a phone (.heat-many in ui/styles/90-charts.css). */
const MANY = 4;

/** The step of the scale a value falls in, 1 (lowest) to 5. */
export function heatStep(v: number, min: number, max: number): number {
  return Math.min(SCALE.length, Math.max(1, Math.floor(((v - min) / (max - min)) * SCALE.length) + 1));
}

/** A table of values coloured on a five-step blue scale, each cell showing its number, with a key below. */
export function heatMap(o: HeatMapOptions): Html {
  checkId(o.id);
  if (!(o.max > o.min)) throw new Error(`heat map ${o.id}: max must be greater than min`);
  const cell = (v: number | null | 'notAsked') =>
    v === 'notAsked'
      ? html`<td class="heat-not-asked"><span aria-hidden="true">–</span><span class="visually-hidden">${o.notAskedLabel ?? o.missingLabel}</span></td>`
      : v === null
        ? html`<td class="heat-missing"><span class="visually-hidden">${o.missingLabel}</span></td>`
        : html`<td class="heat-${heatStep(v, o.min, o.max)}">${o.format(v)}</td>`;
  const anyNotAsked = o.values.some((r) => r.includes('notAsked'));
  const swatches = SCALE.map((_, k) => html`<span class="heat-swatch heat-${k + 1}"></span>`);
  // The key is for the eye: the numbers are in the cells, and a gap says what it is.
  return html`<figure class="chart heat-map">
<figcaption id="${o.id}-caption">${o.title}</figcaption>
<div class="table-scroll">
<table class="heat${o.columns.length > MANY ? ' heat-many' : ''}" aria-labelledby="${o.id}-caption">
<thead><tr><th scope="col">${o.cornerHeader}</th>${o.columns.map((col) => colHead(col, o.dir, html`<span class="heat-head">${col.label}</span>`))}</tr></thead>
<tbody>
${o.rows.map((row, i) => html`<tr>${rowHead(row, o.dir)}${o.columns.map((_, j) => cell(o.values[i]?.[j] ?? null))}</tr>\n`)}</tbody>
</table>
</div>
<p class="heat-key" aria-hidden="true"><span>${o.legend.low} <span class="heat-scale">${swatches}</span> ${o.legend.high}</span> <span><span class="heat-swatch heat-missing"></span> ${o.missingLabel}</span>${anyNotAsked ? html` <span><span class="heat-swatch heat-not-asked">–</span> ${o.notAskedLabel ?? o.missingLabel}</span>` : ''}</p>
</figure>`;
}
