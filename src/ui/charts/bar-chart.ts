import { html, type Html } from '../html.ts';
import { canvas, GAP, legendFlow, PAD, ROW_GAP, rowLabel, WIDTH } from './canvas.ts';
import { AXIS, GRID, SERIES } from './colours.ts';
import { checkId, colHead, dataTable, figure, rowHead } from './figure.ts';
import { estimate, SMALL, truncate } from './labels.ts';

// Horizontal bars, for scores on a scale: one series, or several as grouped bars with a legend.
// Drawn narrow (canvas.ts WIDTH) so that the text stays legible on a phone: each row's label
// takes the full width above its bars instead of a column beside them.

export interface Series {
  key: string;
  label: string;
}
/** One value per series, in the same order; null is a gap (e.g. too few answers to report). */
export interface BarRow {
  label: string;
  lang?: string;
  values: (number | null)[];
  /** Why a value is a gap, where it differs from the chart's missingLabel (e.g. "not asked"). */
  gaps?: (string | undefined)[];
}
export interface BarChartOptions {
  /** Unique id prefix within the page, [a-z0-9-]. */
  id: string;
  title: string;
  /** Text of the <summary> that opens the table, e.g. "Show as a table". */
  tableLabel: string;
  /** Header of the table's first column. */
  rowHeader: string;
  /** One series draws a simple bar chart; several draw grouped bars with a legend. */
  series: Series[];
  rows: BarRow[];
  /** Scale maximum, e.g. 5. */
  max: number;
  /** Scale minimum, 0 unless given (scores run 1–5, so a caller may pass 1). */
  min?: number;
  format: (n: number) => string;
  /** Shown in the table, and in the chart's gap, for a null value, e.g. "not enough answers". */
  missingLabel: string;
  dir: 'ltr' | 'rtl';
}

/** Evenly spaced round tick values covering [min, max]: steps of 1, 2 or 5 times a power of ten. */
function ticks(min: number, max: number): number[] {
  const span = max - min;
  const mag = 10 ** Math.floor(Math.log10(span / 5));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => span / s <= 6) ?? span;
  const out: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** The runs of consecutive values that are not gaps, as [first, last] indexes. */
function runs(values: (number | null)[]): [number, number][] {
  const out: [number, number][] = [];
  values.forEach((v, j) => {
    if (v === null) return;
    const last = out.at(-1);
    if (last && last[1] === j - 1) last[1] = j;
    else out.push([j, j]);
  });
  return out;
}

/** Horizontal bars on a min..max scale, each row's label on its own lines above its bars; several series draw grouped bars with a legend. */
export function barChart(o: BarChartOptions): Html {
  checkId(o.id);
  const min = o.min ?? 0;
  if (!(o.max > min)) throw new Error(`bar chart ${o.id}: max must be greater than min`);
  const { dir, format } = o;
  const many = o.series.length > 1;
  const barH = many ? 16 : 20;
  const groupH = o.series.length * barH + (o.series.length - 1) * 2;
  const tickValues = ticks(min, o.max);

  // Labels and bars start at the same edge; the bars leave room at the far end for their numbers.
  const width = WIDTH;
  const valueW = Math.max(...[...tickValues, ...o.rows.flatMap((row) => row.values.filter((v) => v !== null))].map((v) => estimate(format(v), SMALL))) + 8;
  const plotX0 = PAD;
  const plotW = width - PAD - plotX0 - valueW;
  const c = canvas(width, dir);
  const sx = (v: number) => ((Math.min(Math.max(v, min), o.max) - min) / (o.max - min)) * plotW;

  const legend = many
    ? legendFlow(
        c,
        o.series.map((s, j) => ({ fill: SERIES[j % SERIES.length]!, label: { label: s.label } })),
        PAD,
        PAD,
        width - 2 * PAD,
      )
    : { markup: [], height: 0 };
  const drawing: Html[] = [...legend.markup];
  let y = PAD + legend.height + (many ? GAP : 0);
  for (const row of o.rows) {
    const label = rowLabel(c, row, y, width);
    drawing.push(label.markup);
    const top = y + label.height;
    // The scale's grid runs beside the bars only: never through a label, nor a gap's note.
    for (const [from, to] of runs(o.series.map((_, j) => row.values[j] ?? null))) {
      const y0 = top + from * (barH + 2) - 2;
      const y1 = top + to * (barH + 2) + barH + 2;
      for (const t of tickValues) if (t !== min) drawing.push(c.line(plotX0 + sx(t), y0, plotX0 + sx(t), y1, GRID));
    }
    o.series.forEach((_, j) => {
      const v = row.values[j] ?? null;
      const by = top + j * (barH + 2);
      if (v === null) {
        // A gap, with the reason in muted text where the bar would be.
        drawing.push(c.text(plotX0 + 6, by + barH / 2, 'left', truncate(row.gaps?.[j] ?? o.missingLabel), { size: SMALL, fill: AXIS, middle: true }));
        return;
      }
      // A value at the scale minimum still gets a sliver, so it does not read as a gap.
      const w = Math.max(sx(v), 2);
      drawing.push(
        c.rect('bar', plotX0, by, w, barH, many ? SERIES[j % SERIES.length]! : SERIES[0]),
        c.text(plotX0 + w + 4, by + barH / 2, 'left', format(v), { size: SMALL, middle: true }),
      );
    });
    drawing.push(c.line(plotX0, top - 2, plotX0, top + groupH + 2, AXIS));
    y = top + groupH + ROW_GAP;
  }
  const plotBottom = y - ROW_GAP + 2;
  // The scale below the last row; its first number starts at the axis, the others centre on their lines.
  for (const t of tickValues) drawing.push(c.text(plotX0 + sx(t), plotBottom + 4 + SMALL, t === min ? 'left' : 'middle', format(t), { size: SMALL }));
  // Room below the numbers' baseline for descenders (a caller's format may write letters).
  const height = plotBottom + 4 + SMALL + SMALL / 3 + PAD;

  const table = dataTable(
    o.title,
    o.tableLabel,
    [html`<th scope="col">${o.rowHeader}</th>`, ...o.series.map((s) => colHead({ label: s.label }, dir))],
    o.rows.map(
      (row) =>
        html`${rowHead(row, dir)}${o.series.map((_, j) => {
          const v = row.values[j] ?? null;
          return html`<td>${v === null ? (row.gaps?.[j] ?? o.missingLabel) : format(v)}</td>`;
        })}`,
    ),
  );
  return figure(o.id, o.title, width, height, drawing, table);
}
