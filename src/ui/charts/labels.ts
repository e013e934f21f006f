// Labels in a chart. SVG cannot measure text on the server, so widths are estimated generously
// from the number of characters; labels are cut to about 40 characters (the full text is in a
// <title> tooltip and in the table).

export type Dir = 'ltr' | 'rtl';
export interface Label {
  label: string;
  lang?: string | undefined;
}

export const FONT = 14;
export const SMALL = 12;
const MAX_CHARS = 40;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Text where every UTF-16 unit is a character of its own (no marks, surrogates or joiners): most labels, counted fast. */
const SIMPLE = /^(?!.*(?:\u200d|\ufe0f|[\u{10000}-\u{10FFFF}]))\P{M}*$/u;
const graphemes = (s: string): string[] => (SIMPLE.test(s) ? [...s] : Array.from(segmenter.segment(s), (g) => g.segment));
const graphemeCount = (s: string): number => (SIMPLE.test(s) ? s.length : graphemes(s).length);

/** The drawn form of a label: whitespace collapsed, cut to ~40 characters with an ellipsis. */
export function truncate(s: string): string {
  const text = s.replace(/\s+/g, ' ').trim();
  if (graphemeCount(text) <= MAX_CHARS) return text;
  // The cut text is a bidi isolate (FSI … PDI), so the ellipsis stays at the end of the text
  // even when a left-to-right label is drawn in a right-to-left chart, or the reverse.
  return `\u2068${graphemes(text).slice(0, MAX_CHARS - 1).join('').trimEnd()}…\u2069`;
}

/** A generous width estimate (no font metrics on the server): better spare room than a clipped label. */
export const estimate = (s: string, size: number): number => graphemeCount(s.replace(/[\u2068\u2069]/g, '')) * size * 0.6;

// Languages written right to left, for a label whose lang differs from the page's.
const RTL_LANG = /^(ar|arc|ckb|dv|fa|he|ks|ps|sd|ug|ur|yi)(-|$)/i;
export const textDir = (lang: string | undefined, dir: Dir): Dir => (lang === undefined ? dir : RTL_LANG.test(lang) ? 'rtl' : 'ltr');
