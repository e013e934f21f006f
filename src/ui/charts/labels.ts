// Labels in a chart. SVG cannot measure text on the server, so widths are estimated generously
// from the number of characters. A row's label sits on lines of its own above its bars, wrapped
// at spaces onto at most three lines and cut with an ellipsis after that (the full text is in a
// <title> tooltip and in the table); legend entries are cut to about 40 characters.

export type Dir = 'ltr' | 'rtl';
export interface Label {
  label: string;
  lang?: string | undefined;
}

export const FONT = 14;
export const SMALL = 12;
/** The distance between the baselines of a wrapped label's lines. */
export const LINE = 18;
/** The most lines a row's label takes before it is cut. */
export const MAX_LINES = 3;
const MAX_CHARS = 40;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Text where every UTF-16 unit is a character of its own (no marks, surrogates or joiners): most labels, counted fast. */
const SIMPLE = /^(?!.*(?:\u200d|\ufe0f|[\u{10000}-\u{10FFFF}]))\P{M}*$/u;
const graphemes = (s: string): string[] => (SIMPLE.test(s) ? [...s] : Array.from(segmenter.segment(s), (g) => g.segment));
const graphemeCount = (s: string): number => (SIMPLE.test(s) ? s.length : graphemes(s).length);
const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

// The cut text is a bidi isolate (FSI … PDI), so the ellipsis stays at the end of the text even
// when a left-to-right label is drawn in a right-to-left chart, or the reverse.
const cut = (chars: string[]): string => `\u2068${chars.join('').trimEnd()}…\u2069`;

/** The drawn form of a legend entry: whitespace collapsed, cut to ~40 characters with an ellipsis. */
export function truncate(s: string): string {
  const text = collapse(s);
  if (graphemeCount(text) <= MAX_CHARS) return text;
  return cut(graphemes(text).slice(0, MAX_CHARS - 1));
}

/** A generous width estimate (no font metrics on the server): better spare room than a clipped label. */
export const estimate = (s: string, size: number): number => graphemeCount(s.replace(/[\u2068\u2069]/g, '')) * size * 0.6;

/** The most characters of `size` that fit in `width` by the estimate. */
const fitting = (size: number, width: number): number => Math.max(1, Math.floor(width / (size * 0.6)));

/**
 * A label as lines no wider than `width` (estimated): broken at spaces (a word longer than a line
 * is broken inside), at most `maxLines` of them, the last cut with an ellipsis when text is left.
 */
export function wrap(s: string, size: number, width: number, maxLines = MAX_LINES): string[] {
  const room = fitting(size, width);
  const lines: string[][] = [];
  let line: string[] = [];
  for (const word of collapse(s).split(' ')) {
    let chars = graphemes(word);
    if (line.length && line.length + 1 + chars.length > room) {
      lines.push(line);
      line = [];
    }
    for (; !line.length && chars.length > room; chars = chars.slice(room)) lines.push(chars.slice(0, room));
    line = line.length ? [...line, ' ', ...chars] : chars;
  }
  if (line.length || !lines.length) lines.push(line);
  if (lines.length <= maxLines) return lines.map((l) => l.join(''));
  const kept = lines.slice(0, maxLines - 1).map((l) => l.join(''));
  const last = lines.slice(maxLines - 1).flatMap((l, i) => (i ? [' ', ...l] : l));
  return [...kept, cut(last.slice(0, room - 1))];
}

// Languages written right to left, for a label whose lang differs from the page's.
const RTL_LANG = /^(ar|arc|ckb|dv|fa|he|ks|ps|sd|ug|ur|yi)(-|$)/i;
export const textDir = (lang: string | undefined, dir: Dir): Dir => (lang === undefined ? dir : RTL_LANG.test(lang) ? 'rtl' : 'ltr');
