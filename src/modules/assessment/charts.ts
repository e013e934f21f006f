import { html, type Html } from '../../ui/html.ts';

// Charts for the self-assessment report, drawn on the server as SVG so they need no script.
// The Content-Security-Policy forbids inline styles, so everything visual is an SVG
// presentation attribute. Each chart is a figure whose SVG is one image named by the caption,
// followed by the same numbers as a table in a <details>: the table is the accessible
// equivalent (screen readers, no colour, copying the figures), the drawing is for the eye.
//
// Layout is computed in left-to-right coordinates and mirrored for right-to-left pages: x
// becomes width − x − w, and a label's anchor side flips. SVG cannot measure text on the
// server, so widths are estimated generously from the number of characters; labels are cut to
// about 40 characters (the full text is in a <title> tooltip and in the table).

export interface Series {
  key: string;
  label: string;
}
/** One value per series, in the same order; null is a gap (e.g. too few answers to report). */
export interface BarRow {
  label: string;
  lang?: string;
  values: (number | null)[];
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

export interface DistributionOptions {
  id: string;
  title: string;
  tableLabel: string;
  rowHeader: string;
  /** In order. The first five are the ordered answers (light to dark blue); any after them are non-answers such as n/a or prefer not (greys). */
  categories: { key: string; label: string }[];
  /** Counts per category, in the same order. */
  rows: { label: string; lang?: string; counts: number[] }[];
  /** Formats counts. */
  format: (n: number) => string;
  dir: 'ltr' | 'rtl';
}

type Dir = 'ltr' | 'rtl';
type Side = 'left' | 'right' | 'middle';
interface Label {
  label: string;
  lang?: string | undefined;
}

// Colours. Text is INK or white, whichever contrasts more with what is behind it (every pair
// used is ≥ 4.5:1, checked in the tests); bars and axis lines are ≥ 3:1 against white.
const INK = '#1b1b1b';
const WHITE = '#ffffff';
const AXIS = '#595959';
const GRID = '#d9d9d9';
const MISSING_STROKE = '#757575';
/** Sequential blues, low to high: dark text on the first three, white on the last two. */
const SCALE = ['#deebf7', '#9ecae1', '#4f9bcf', '#2171b5', '#08306b'] as const;
/** Non-answers in a distribution, after the five ordered answers. */
const EXTRA = ['#b0b0b0', '#6e6e6e', '#3d3d3d'] as const;
/** Grouped bars: distinct hues, each ≥ 3:1 against white. */
const SERIES = ['#2171b5', '#b35806', '#1b7837', '#762a83', '#595959', '#b2182b'] as const;

const FONT = 14;
const SMALL = 12;
const PAD = 8;
const GAP = 8;
const MAX_CHARS = 40;
/** The narrowest viewBox: with width="100%", a narrower drawing would be scaled up and its text with it. */
const MIN_WIDTH = 640;

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
/** Text colour for a fill: the darker ink on light fills, white on dark ones. */
const textColours = new Map<string, string>();
const textOn = (fill: string): string => {
  let colour = textColours.get(fill);
  if (!colour) textColours.set(fill, (colour = contrast(fill, INK) >= contrast(fill, WHITE) ? INK : WHITE));
  return colour;
};

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Text where every UTF-16 unit is a character of its own (no marks, surrogates or joiners): most labels, counted fast. */
const SIMPLE = /^(?!.*(?:\u200d|\ufe0f|[\u{10000}-\u{10FFFF}]))\P{M}*$/u;
const graphemes = (s: string): string[] => (SIMPLE.test(s) ? [...s] : Array.from(segmenter.segment(s), (g) => g.segment));
const graphemeCount = (s: string): number => (SIMPLE.test(s) ? s.length : graphemes(s).length);

/** The drawn form of a label: whitespace collapsed, cut to ~40 characters with an ellipsis. */
function truncate(s: string): string {
  const text = s.replace(/\s+/g, ' ').trim();
  if (graphemeCount(text) <= MAX_CHARS) return text;
  // The cut text is a bidi isolate (FSI … PDI), so the ellipsis stays at the end of the text
  // even when a left-to-right label is drawn in a right-to-left chart, or the reverse.
  return `\u2068${graphemes(text).slice(0, MAX_CHARS - 1).join('').trimEnd()}…\u2069`;
}

/** A generous width estimate (no font metrics on the server): better spare room than a clipped label. */
const estimate = (s: string, size: number) => graphemeCount(s.replace(/[\u2068\u2069]/g, '')) * size * 0.6;

/** Rounded to hundredths, to keep the markup short. */
const r2 = (n: number) => Math.round(n * 100) / 100;

// Languages written right to left, for a label whose lang differs from the page's.
const RTL_LANG = /^(ar|arc|ckb|dv|fa|he|ks|ps|sd|ug|ur|yi)(-|$)/i;
const textDir = (lang: string | undefined, dir: Dir): Dir => (lang === undefined ? dir : RTL_LANG.test(lang) ? 'rtl' : 'ltr');

/** lang (and dir, when it differs from the page's) for a table cell holding a label. */
function cellLang(l: Label, dir: Dir): Html {
  if (l.lang === undefined) return html``;
  const d = textDir(l.lang, dir);
  return d === dir ? html` lang="${l.lang}"` : html` lang="${l.lang}" dir="${d}"`;
}

function checkId(id: string): void {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`chart id must be [a-z0-9-]: ${JSON.stringify(id)}`);
}

/** Drawing primitives in left-to-right coordinates, mirrored when the page is right to left. */
function canvas(width: number, dir: Dir) {
  const rtl = dir === 'rtl';
  const mx = (x: number, w = 0) => r2(rtl ? width - x - w : x);
  const flip = (side: Side): Side => (!rtl || side === 'middle' ? side : side === 'left' ? 'right' : 'left');
  // text-anchor is logical (start is the right end of right-to-left text), so the physical
  // side the text hangs from is translated through the text's own direction.
  const anchor = (side: Side, d: Dir) => (side === 'middle' ? 'middle' : (side === 'left') === (d === 'ltr') ? 'start' : 'end');

  interface TextOptions {
    size?: number;
    fill?: string;
    lang?: string | undefined;
    /** The full text, as a tooltip, when the drawn text is a label. */
    full?: string;
    /** Degrees, in left-to-right terms; mirrored for right to left. */
    rotate?: number;
    /** Vertically centred on y (otherwise y is the baseline). */
    middle?: boolean;
  }
  function text(x: number, y: number, side: Side, shown: string, o: TextOptions = {}): Html {
    const d = textDir(o.lang, dir);
    const px = mx(x);
    const transform = o.rotate ? html` transform="rotate(${rtl ? -o.rotate : o.rotate} ${px} ${r2(y)})"` : '';
    return html`<text x="${px}" y="${r2(y)}"${o.middle ? html` dy="0.35em"` : ''} text-anchor="${anchor(flip(side), d)}" direction="${d}" font-size="${o.size ?? FONT}" fill="${o.fill ?? INK}"${o.lang === undefined ? '' : html` lang="${o.lang}"`}${transform}>${o.full === undefined ? '' : html`<title>${o.full}</title>`}${shown}</text>`;
  }
  /** A label: cut to ~40 characters with the full text as its tooltip. */
  function label(x: number, y: number, side: Side, l: Label, o: TextOptions = {}): Html {
    return text(x, y, side, truncate(l.label), { ...o, lang: l.lang, full: l.label });
  }
  function rect(cls: string, x: number, y: number, w: number, h: number, fill: string, extra: Html | '' = ''): Html {
    return html`<rect class="${cls}" x="${mx(x, w)}" y="${r2(y)}" width="${r2(w)}" height="${r2(h)}" fill="${fill}"${extra}/>`;
  }
  function line(x1: number, y1: number, x2: number, y2: number, stroke: string): Html {
    return html`<line x1="${mx(x1)}" y1="${r2(y1)}" x2="${mx(x2)}" y2="${r2(y2)}" stroke="${stroke}" stroke-width="1"/>`;
  }
  return { text, label, rect, line };
}
type Canvas = ReturnType<typeof canvas>;

interface LegendItem {
  fill: string;
  label: Label;
}

/** Legend items (swatch then label) flowing along lines of the given width; returns the markup and its height. */
function legendFlow(c: Canvas, items: LegendItem[], x0: number, y0: number, width: number): { markup: Html[]; height: number } {
  const markup: Html[] = [];
  const lineH = 22;
  let x = x0;
  let y = y0;
  for (const item of items) {
    const w = 14 + 6 + estimate(truncate(item.label.label), SMALL);
    if (x > x0 && x + w > x0 + width) {
      x = x0;
      y += lineH;
    }
    markup.push(c.rect('swatch', x, y + 3, 14, 14, item.fill, html` stroke="${AXIS}" stroke-width="1"`), c.label(x + 20, y + 10, 'left', item.label, { size: SMALL, middle: true }));
    x += w + 16;
  }
  return { markup, height: items.length ? y - y0 + lineH : 0 };
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

function figure(id: string, title: string, width: number, height: number, drawing: Html[], table: Html): Html {
  return html`<figure class="chart">
<figcaption id="${id}-caption">${title}</figcaption>
<svg class="chart-svg" role="img" aria-labelledby="${id}-caption" viewBox="0 0 ${r2(width)} ${r2(height)}" width="100%"><title>${title}</title>${drawing}</svg>
${table}
</figure>`;
}

function dataTable(title: string, tableLabel: string, head: Html[], body: Html[]): Html {
  return html`<details class="chart-data"><summary>${tableLabel}</summary>
<table>
<caption>${title}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body.map((row) => html`<tr>${row}</tr>\n`)}</tbody>
</table>
</details>`;
}

const colHead = (l: Label, dir: Dir) => html`<th scope="col"${cellLang(l, dir)}>${l.label}</th>`;
const rowHead = (l: Label, dir: Dir) => html`<th scope="row"${cellLang(l, dir)}>${l.label}</th>`;

/** Horizontal bars on a min..max scale; several series draw grouped bars with a legend. */
export function barChart(o: BarChartOptions): Html {
  checkId(o.id);
  const min = o.min ?? 0;
  if (!(o.max > min)) throw new Error(`bar chart ${o.id}: max must be greater than min`);
  const { dir, format } = o;
  const many = o.series.length > 1;
  const barH = many ? 16 : 20;
  const groupH = o.series.length * barH + (o.series.length - 1) * 2;
  const pitch = groupH + 12;
  const tickValues = ticks(min, o.max);

  const labelW = Math.max(40, ...o.rows.map((row) => estimate(truncate(row.label), FONT)));
  const valueW = Math.max(...[...tickValues, ...o.rows.flatMap((row) => row.values.filter((v) => v !== null))].map((v) => estimate(format(v), SMALL))) + 8;
  const plotX0 = PAD + labelW + GAP;
  const plotW = Math.max(320, MIN_WIDTH - plotX0 - valueW - PAD);
  const width = plotX0 + plotW + valueW + PAD;
  const c = canvas(width, dir);
  const sx = (v: number) => ((Math.min(Math.max(v, min), o.max) - min) / (o.max - min)) * plotW;

  const legend = many ? legendFlow(c, o.series.map((s, j) => ({ fill: SERIES[j % SERIES.length]!, label: { label: s.label } })), PAD, PAD, width - 2 * PAD) : { markup: [], height: 0 };
  const top = PAD + legend.height + (many ? GAP : 0);
  const plotBottom = top + o.rows.length * pitch;
  const height = plotBottom + 8 + SMALL + PAD;

  const drawing: Html[] = [...legend.markup];
  for (const t of tickValues) {
    const x = plotX0 + sx(t);
    if (t !== min) drawing.push(c.line(x, top, x, plotBottom, GRID));
    drawing.push(c.text(x, plotBottom + 6 + SMALL, 'middle', format(t), { size: SMALL }));
  }
  o.rows.forEach((row, i) => {
    const y = top + i * pitch + 6;
    drawing.push(c.label(PAD + labelW, y + groupH / 2, 'right', row, { middle: true }));
    o.series.forEach((_, j) => {
      const v = row.values[j] ?? null;
      const by = y + j * (barH + 2);
      if (v === null) {
        // A gap, with the reason in muted text where the bar would be.
        drawing.push(c.text(plotX0 + 6, by + barH / 2, 'left', truncate(o.missingLabel), { size: SMALL, fill: AXIS, middle: true }));
        return;
      }
      // A value at the scale minimum still gets a sliver, so it does not read as a gap.
      const w = Math.max(sx(v), 2);
      drawing.push(c.rect('bar', plotX0, by, w, barH, many ? SERIES[j % SERIES.length]! : SERIES[0]), c.text(plotX0 + w + 4, by + barH / 2, 'left', format(v), { size: SMALL, middle: true }));
    });
  });
  drawing.push(c.line(plotX0, top, plotX0, plotBottom, AXIS));

  const table = dataTable(
    o.title,
    o.tableLabel,
    [html`<th scope="col">${o.rowHeader}</th>`, ...o.series.map((s) => colHead({ label: s.label }, dir))],
    o.rows.map((row) => html`${rowHead(row, dir)}${o.series.map((_, j) => {
      const v = row.values[j] ?? null;
      return html`<td>${v === null ? o.missingLabel : format(v)}</td>`;
    })}`),
  );
  return figure(o.id, o.title, width, height, drawing, table);
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

/** The colour of each category: the first five take the blue scale (spread over it when fewer), the rest greys. */
function categoryFills(n: number): string[] {
  const ordered = Math.min(n, SCALE.length);
  return Array.from({ length: n }, (_, k) => {
    if (k >= SCALE.length) return EXTRA[(k - SCALE.length) % EXTRA.length]!;
    return SCALE[ordered === 1 ? SCALE.length - 2 : Math.round((k * (SCALE.length - 1)) / (ordered - 1))]!;
  });
}

/** One stacked horizontal bar per row: the share of each answer, with counts where they fit. */
export function distributionChart(o: DistributionOptions): Html {
  checkId(o.id);
  const { dir, format } = o;
  const fills = categoryFills(o.categories.length);
  const barH = 24;
  const pitch = barH + 10;
  const labelW = Math.max(40, ...o.rows.map((row) => estimate(truncate(row.label), FONT)));
  const plotX0 = PAD + labelW + GAP;
  const plotW = Math.max(320, MIN_WIDTH - plotX0 - PAD);
  const width = plotX0 + plotW + PAD;
  const c = canvas(width, dir);

  const legend = legendFlow(c, o.categories.map((cat, k) => ({ fill: fills[k]!, label: { label: cat.label } })), PAD, PAD, width - 2 * PAD);
  const top = PAD + legend.height + GAP;
  const height = top + o.rows.length * pitch + PAD;

  const drawing: Html[] = [...legend.markup];
  o.rows.forEach((row, i) => {
    const y = top + i * pitch;
    drawing.push(c.label(PAD + labelW, y + barH / 2, 'right', row, { middle: true }));
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
      drawing.push(w >= estimate(label, SMALL) + 8 ? html`<g class="segment">${rect}${c.text(x + w / 2, y + barH / 2, 'middle', label, { size: SMALL, fill: textOn(fill), middle: true })}</g>` : rect);
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
  return figure(o.id, o.title, width, height, drawing, table);
}
