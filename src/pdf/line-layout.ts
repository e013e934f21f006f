import type { Bidi } from 'bidi-js';
import { fontName, localRequire, type FontName, type Script } from './fonts.ts';
import { fontkitReversesRun, scriptsOf } from './scripts.ts';

// Text is laid out here rather than by pdfkit's own wrapper, which knows one font per call and
// lays out a string word by word, left to right: an Arabic sentence would come out with its words
// in the wrong order. Each paragraph goes through the Unicode bidi algorithm (bidi-js): its
// characters get embedding levels and mirrored brackets (fontkit does not mirror them), lines are
// wrapped on measured words (a word wider than a line is cut between graphemes), and each line is
// cut into runs of one level and one font (Noto Sans Arabic for the Arabic script, Noto Sans for
// the rest; spaces, digits and punctuation take the font of the text before them), put in visual
// order. Runs are drawn left to right. An Arabic run goes to fontkit whole and in logical order, so
// that it shapes the letters into their joining forms and reverses the run itself; a run that must
// read right to left but that fontkit would not reverse (brackets and spaces between Arabic words,
// say), or the other way round (Arabic-Indic digits), has its characters reversed here first.

// bidi-js is CommonJS with types written as an ES module's default export: require() gives the factory the types describe.
const bidi = (localRequire('bidi-js') as () => Bidi)();
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Bidi formatting characters (marks, embeddings, isolates): they steer the bidi algorithm and are never drawn. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A word and the spaces after it: a line may break at spaces, not at no-break ones. */
const WORD = /([^ \u1680\u2000-\u2006\u2008-\u200A\u205F\u3000]+)[ \u1680\u2000-\u2006\u2008-\u200A\u205F\u3000]*/g;

export interface TextStyle {
  size: number;
  bold: boolean;
  color: string;
}

/** Text in one font, in the order fontkit wants it; runs of a line are in visual order, left to right. */
export interface Run {
  text: string;
  font: FontName;
  width: number;
}
export interface Line {
  runs: Run[];
  width: number;
}
export interface TextBox {
  lines: Line[];
  style: TextStyle;
  rtl: boolean;
  lineHeight: number;
  /** from the top of a line to its baseline */
  ascent: number;
}

/** One bidi paragraph being laid out: the text with mirrored characters, levels and fonts per UTF-16 unit. */
interface Paragraph {
  text: string;
  shown: string;
  embedding: ReturnType<typeof bidi.getEmbeddingLevels>;
  scripts: Script[];
  style: TextStyle;
}

/** Width of a run as it is drawn, in a font at a size. */
export type Measure = (font: FontName, size: number, text: string) => number;

export function lineLayout(measure: Measure) {
  function measureRange(paragraph: Paragraph, start: number, end: number): number {
    let width = 0;
    for (let from = start; from < end;) {
      const script = paragraph.scripts[from]!;
      let to = from + 1;
      while (to < end && paragraph.scripts[to] === script) to++;
      const text = paragraph.shown.slice(from, to).replace(BIDI_CONTROLS, '');
      if (text) width += measure(fontName(script, paragraph.style.bold), paragraph.style.size, text);
      from = to;
    }
    return width;
  }

  function layoutText(text: string, style: TextStyle, width: number, rtl: boolean): TextBox {
    const lines: Line[] = [];
    if (text.trim() !== '') {
      for (const piece of text.replace(/[\t\v\f]/g, ' ').split(/\r\n|[\n\r\u2028\u2029]/)) lines.push(...layoutParagraph(piece, style, width, rtl));
    }
    const arabic = lines.some((line) => line.runs.some((run) => run.font.startsWith('arabic')));
    return { lines, style, rtl, lineHeight: style.size * (arabic ? 1.75 : 1.4), ascent: style.size * (arabic ? 1.2 : 1.05) };
  }

  function layoutParagraph(text: string, style: TextStyle, width: number, rtl: boolean): Line[] {
    if (text.trim() === '') return [{ runs: [], width: 0 }];
    const embedding = bidi.getEmbeddingLevels(text, rtl ? 'rtl' : 'ltr');
    const units = text.split('');
    for (const [index, mirrored] of bidi.getMirroredCharactersMap(text, embedding.levels)) units[index] = mirrored;
    const paragraph: Paragraph = { text, shown: units.join(''), embedding, scripts: scriptsOf(text, rtl ? 'arabic' : 'latin'), style };

    // A word is measured with the spaces after it, as pdfkit lays out and caches the words of a run.
    const lines: Line[] = [];
    let line: { start: number; end: number; width: number; spaces: number } | undefined;
    for (const match of paragraph.shown.matchAll(WORD)) {
      const start = match.index;
      const end = start + match[1]!.length;
      const spaces = end < start + match[0].length ? measureRange(paragraph, end, start + match[0].length) : 0;
      const pieces = wordPieces(paragraph, start, end, measureRange(paragraph, start, start + match[0].length) - spaces, width);
      pieces.forEach((piece, i) => {
        const after = i === pieces.length - 1 ? spaces : 0;
        if (line && line.width + line.spaces + piece.width <= width + 0.01) {
          line.end = piece.end;
          line.width += line.spaces + piece.width;
          line.spaces = after;
        } else {
          if (line) lines.push(lineOf(paragraph, line.start, line.end));
          line = { ...piece, spaces: after };
        }
      });
    }
    if (line) lines.push(lineOf(paragraph, line.start, line.end));
    return lines;
  }

  /** A word, or the pieces of a word too wide for a line: as many graphemes as fit (one at least), measured as shaped. */
  function wordPieces(paragraph: Paragraph, start: number, end: number, whole: number, width: number): { start: number; end: number; width: number }[] {
    if (whole <= width) return [{ start, end, width: whole }];
    const ends = Array.from(graphemes.segment(paragraph.shown.slice(start, end)), ({ index, segment }) => start + index + segment.length);
    const pieces: { start: number; end: number; width: number }[] = [];
    for (let first = 0, from = start; first < ends.length;) {
      let fits = first;
      for (let over = ends.length; over - fits > 1;) {
        const middle = Math.floor((fits + over) / 2);
        if (measureRange(paragraph, from, ends[middle]!) <= width) fits = middle;
        else over = middle;
      }
      pieces.push({ start: from, end: ends[fits]!, width: measureRange(paragraph, from, ends[fits]!) });
      from = ends[fits]!;
      first = fits + 1;
    }
    return pieces;
  }

  /** The runs of one line in visual order, from the bidi reordering of its characters. */
  function lineOf(paragraph: Paragraph, start: number, end: number): Line {
    const { levels } = paragraph.embedding;
    const order = bidi.getReorderedIndices(paragraph.text, paragraph.embedding, start, end - 1).slice(start, end);
    const runs: Run[] = [];
    for (let k = 0; k < order.length;) {
      const first = order[k]!;
      const level = levels[first]!;
      const script = paragraph.scripts[first]!;
      const step = level % 2 === 1 ? -1 : 1;
      let last = first;
      for (k++; k < order.length && order[k] === last + step && levels[last + step] === level && paragraph.scripts[last + step] === script; k++) last += step;
      let text = paragraph.shown.slice(Math.min(first, last), Math.max(first, last) + 1).replace(BIDI_CONTROLS, '');
      if (!text) continue;
      if ((level % 2 === 1) !== fontkitReversesRun(text)) text = [...text].reverse().join('');
      const font = fontName(script, paragraph.style.bold);
      runs.push({ text, font, width: measure(font, paragraph.style.size, text) });
    }
    return { runs, width: runs.reduce((sum, run) => sum + run.width, 0) };
  }

  return { layoutText };
}
