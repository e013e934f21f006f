import { html, type Html } from '../html.ts';
import { AXIS, INK } from './colours.ts';
import { estimate, FONT, LINE, SMALL, textDir, truncate, wrap, type Dir, type Label } from './labels.ts';

// Drawing a chart. The Content-Security-Policy forbids inline styles, so everything visual is an
// SVG presentation attribute. Layout is computed in left-to-right coordinates and mirrored for
// right-to-left pages: x becomes width − x − w, and a label's anchor side flips.

export type Side = 'left' | 'right' | 'middle';

/** Around the drawing: small, so that labels line up with the caption above the chart. */
export const PAD = 2;
export const GAP = 8;
/** Between one row's bars and the next row's label. */
export const ROW_GAP = 14;
/**
 * The width of every bar and distribution chart's viewBox. Drawn at width="100%" of a phone's
 * ~328 px column, 12-unit text shows at 11 px (and at 9 px even in a 288 px column); site.css caps
 * the drawing at 28rem, so on a wide screen the text is about the size of the page's own.
 */
export const WIDTH = 360;

/** Rounded to hundredths, to keep the markup short. */
export const r2 = (n: number): number => Math.round(n * 100) / 100;

/** Drawing primitives in left-to-right coordinates, mirrored when the page is right to left. */
export function canvas(width: number, dir: Dir) {
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
    /** Vertically centred on y (otherwise y is the baseline). */
    middle?: boolean;
  }
  /** Text at (x, y); several lines are tspans, each a LINE below the one before. */
  function text(x: number, y: number, side: Side, shown: string | string[], o: TextOptions = {}): Html {
    const d = textDir(o.lang, dir);
    const px = mx(x);
    const lines =
      typeof shown === 'string'
        ? shown
        : shown.length === 1
          ? shown[0]!
          : shown.map((l, i) => html`<tspan x="${px}"${i ? html` dy="${LINE}"` : ''}>${l}</tspan>`);
    return html`<text x="${px}" y="${r2(y)}"${o.middle ? html` dy="0.35em"` : ''} text-anchor="${anchor(flip(side), d)}" direction="${d}" font-size="${o.size ?? FONT}" fill="${o.fill ?? INK}"${o.lang === undefined ? '' : html` lang="${o.lang}"`}>${o.full === undefined ? '' : html`<title>${o.full}</title>`}${lines}</text>`;
  }
  /** A label with the full text as its tooltip: cut to ~40 characters, or drawn as the lines given (labels.ts wrap). */
  function label(x: number, y: number, side: Side, l: Label, o: TextOptions & { lines?: string[] } = {}): Html {
    return text(x, y, side, o.lines ?? truncate(l.label), { ...o, lang: l.lang, full: l.label });
  }
  function rect(cls: string, x: number, y: number, w: number, h: number, fill: string, extra: Html | '' = ''): Html {
    return html`<rect class="${cls}" x="${mx(x, w)}" y="${r2(y)}" width="${r2(w)}" height="${r2(h)}" fill="${fill}"${extra}/>`;
  }
  function line(x1: number, y1: number, x2: number, y2: number, stroke: string): Html {
    return html`<line x1="${mx(x1)}" y1="${r2(y1)}" x2="${mx(x2)}" y2="${r2(y2)}" stroke="${stroke}" stroke-width="1"/>`;
  }
  return { text, label, rect, line };
}
export type Canvas = ReturnType<typeof canvas>;

export interface LegendItem {
  fill: string;
  label: Label;
}

/** Legend items (swatch then label) flowing along lines of the given width; returns the markup and its height. */
export function legendFlow(c: Canvas, items: LegendItem[], x0: number, y0: number, width: number): { markup: Html[]; height: number } {
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
    markup.push(
      c.rect('swatch', x, y + 3, 14, 14, item.fill, html` stroke="${AXIS}" stroke-width="1"`),
      c.label(x + 20, y + 10, 'left', item.label, { size: SMALL, middle: true }),
    );
    x += w + 16;
  }
  return { markup, height: items.length ? y - y0 + lineH : 0 };
}

/** A row's label on lines of its own above the row's bars, from the chart's start edge: its markup and the height it takes, the gap below included. */
export function rowLabel(c: Canvas, l: Label, y: number, width: number): { markup: Html; height: number } {
  const lines = wrap(l.label, FONT, width - 2 * PAD);
  // The first baseline sits an ascent below y; the gap leaves room for descenders (Arabic's are deep).
  return { markup: c.label(PAD, y + FONT - 2, 'left', l, { lines }), height: FONT + (lines.length - 1) * LINE + 6 };
}
