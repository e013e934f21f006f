import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Bidi } from 'bidi-js';
import PDFDocument from 'pdfkit';

// Self-assessment reports and certificates as PDF files, in English, French and Arabic: a small
// document model (headings, paragraphs, bullets, tables, page breaks) drawn onto A4 pages.
//
// The PDFs are tagged (headings, paragraphs, lists and tables are structure elements; frames,
// table rules, repeated header rows and footers are artifacts) so that screen readers read them
// in order.
//
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
//
// Noto Sans Arabic draws dotted letters as a dotless shape shared by several letters plus dots, so
// the glyphs cannot say which letter they were: text copied from the page may name a sibling letter
// (ي for ت). Structure elements of Arabic text carry the exact text as ActualText for screen readers.

export type PdfBlock =
  | { kind: 'heading'; text: string; level: 1 | 2 | 3 }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; caption?: string; head: string[]; rows: string[][]; /** relative column widths, default equal */ widths?: number[] }
  | { kind: 'pageBreak' };

export interface PdfDocument {
  lang: 'en' | 'fr' | 'ar';
  /** document metadata Title, and shown at the top */
  title: string;
  author?: string;
  subject?: string;
  blocks: PdfBlock[];
  /** small text at the bottom of every page, with "page / total" numbers */
  footer?: string;
  /** default portrait for reports, landscape for certificates */
  layout?: 'portrait' | 'landscape';
  /** a framed, centred certificate style (big title, centred lines) instead of a flowing report */
  style?: 'report' | 'certificate';
}

type Script = 'latin' | 'arabic';
type FontName = Script | `${Script}-bold`;
/** A structure element and its type, which its marked content repeats. */
interface Tag {
  element: PDFKit.PDFStructureElement;
  type: string;
}

const localRequire = createRequire(import.meta.url);
const fontFiles: [FontName, string, string][] = [
  ['latin', '@expo-google-fonts/noto-sans', '400Regular/NotoSans_400Regular.ttf'],
  ['latin-bold', '@expo-google-fonts/noto-sans', '700Bold/NotoSans_700Bold.ttf'],
  ['arabic', '@expo-google-fonts/noto-sans-arabic', '400Regular/NotoSansArabic_400Regular.ttf'],
  ['arabic-bold', '@expo-google-fonts/noto-sans-arabic', '700Bold/NotoSansArabic_700Bold.ttf'],
];
/** A font parsed by fontkit, which pdfkit (since 0.20) takes instead of the file's bytes; its types do not know it yet. */
interface ParsedFont {
  layout(text: string): unknown;
}
let parsedFonts: [FontName, ParsedFont][] | undefined;

/**
 * The fonts, parsed once with the fontkit that pdfkit itself uses: fontkit keeps what it has read of a font's tables, so
 * documents after the first are laid out several times faster than from the bytes.
 */
function fonts(): [FontName, ParsedFont][] {
  if (!parsedFonts) {
    const fontkit = createRequire(localRequire.resolve('pdfkit'))('fontkit') as { create(data: Buffer): ParsedFont };
    parsedFonts = fontFiles.map(([name, pkg, file]) => [name, fontkit.create(readFileSync(path.join(path.dirname(localRequire.resolve(`${pkg}/package.json`)), file)))]);
  }
  return parsedFonts;
}

// bidi-js is CommonJS with types written as an ES module's default export: require() gives the factory the types describe.
const bidi = (localRequire('bidi-js') as () => Bidi)();
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Drawn with Noto Sans Arabic: the Arabic script, and the Arabic blocks' punctuation and marks. */
const ARABIC = /\p{Script=Arabic}|[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;
/** Neutral characters that Noto Sans Arabic has too, so they can stay in an Arabic run. */
const SHARED_NEUTRAL = /[\u0020-\u007E\u00A0\u00AB\u00B0\u00B7\u00BB\u00D7\u00F7\u200B-\u2014\u2018-\u201E\u2022\u2026\u2039\u203A\u20AC]/u;
/** fontkit takes a run's script from its first character of a real script, and reverses runs of these. */
const FIRST_SCRIPT_CHAR = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
const RTL_SCRIPT = new RegExp(
  ['Arabic', 'Hebrew', 'Syriac', 'Thaana', 'Cypriot', 'Kharoshthi', 'Phoenician', 'Nko', 'Lydian', 'Avestan', 'Imperial_Aramaic', 'Inscriptional_Pahlavi', 'Inscriptional_Parthian',
    'Old_South_Arabian', 'Old_Turkic', 'Samaritan', 'Mandaic', 'Meroitic_Cursive', 'Meroitic_Hieroglyphs', 'Manichaean', 'Mende_Kikakui', 'Nabataean', 'Old_North_Arabian', 'Palmyrene',
    'Psalter_Pahlavi'].map((script) => `\\p{Script=${script}}`).join('|'),
  'u',
);
/** A word and the spaces after it: a line may break at spaces, not at no-break ones. */
const WORD = /([^ \u1680\u2000-\u2006\u2008-\u200A\u205F\u3000]+)[ \u1680\u2000-\u2006\u2008-\u200A\u205F\u3000]*/g;

const MARGIN = 50;
const colors = { text: '#1f2937', muted: '#4a5563', rule: '#9ca3af', headFill: '#e5e7eb', frame: '#1f3a5f' };
const sizes = { title: 22, certificateTitle: 34, headings: [20, 15, 12], body: 10.5, certificateBody: 14, table: 9.5, footer: 8 };
const cellPadding = { x: 5, y: 4 };
const bulletIndent = 16;

interface TextStyle {
  size: number;
  bold: boolean;
  color: string;
}
type Align = 'start' | 'center';

/** Text in one font, in the order fontkit wants it; runs of a line are in visual order, left to right. */
interface Run {
  text: string;
  font: FontName;
  width: number;
}
interface Line {
  runs: Run[];
  width: number;
}
interface TextBox {
  lines: Line[];
  style: TextStyle;
  rtl: boolean;
  lineHeight: number;
  /** from the top of a line to its baseline */
  ascent: number;
}

/** pdfkit supports a table header cell's scope, its types do not. */
interface CellOptions extends PDFKit.Mixins.StructureElementOptions {
  scope: 'Column' | 'Row' | 'Both';
}

/** One bidi paragraph being laid out: the text with mirrored characters, levels and fonts per UTF-16 unit. */
interface Paragraph {
  text: string;
  shown: string;
  embedding: ReturnType<typeof bidi.getEmbeddingLevels>;
  scripts: Script[];
  style: TextStyle;
}

/** Something that takes vertical room on a page: a line of text, a table row, a page break. */
interface Item {
  height: number;
  /** space above, dropped at the top of a page */
  gap: number;
  /** go to a new page together with the next item */
  keep?: boolean;
  /** drawn at the top of a page that this item had to move to (a table's header row) */
  header?: Item;
  pageBreak?: boolean;
  draw(top: number): void;
}

function fontName(script: Script, bold: boolean): FontName {
  return bold ? `${script}-bold` : script;
}

/** The font of each UTF-16 unit: neutral characters follow the character before them (or after, at the start). */
function scriptsOf(text: string, base: Script): Script[] {
  const strong: (Script | undefined)[] = [];
  for (const char of text) {
    const script = ARABIC.test(char) ? 'arabic' : NEUTRAL.test(char) && SHARED_NEUTRAL.test(char) ? undefined : 'latin';
    for (let i = 0; i < char.length; i++) strong.push(script);
  }
  const scripts: Script[] = [];
  for (let i = 0; i < strong.length; i++) {
    scripts.push(strong[i] ?? scripts[i - 1] ?? strong.slice(i).find((script) => script !== undefined) ?? base);
  }
  return scripts;
}

function fontkitReversesRun(text: string): boolean {
  const first = FIRST_SCRIPT_CHAR.exec(text);
  return first !== null && RTL_SCRIPT.test(first[0]);
}

/**
 * A run in a right-to-left script goes to fontkit whole (any `features` make pdfkit do that), so that fontkit reverses the
 * whole run rather than each word in place. Other runs keep pdfkit's layout word by word, which it caches.
 */
function layoutOptions(text: string): { features?: [] } {
  return fontkitReversesRun(text) ? { features: [] } : {};
}

class Renderer {
  readonly doc: PDFKit.PDFDocument;
  readonly rtl: boolean;
  readonly certificate: boolean;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly root: Tag;
  private readonly widths = new Map<string, number>();

  constructor(input: PdfDocument) {
    this.rtl = input.lang === 'ar';
    this.certificate = input.style === 'certificate';
    this.doc = new PDFDocument({
      size: 'A4',
      layout: input.layout ?? (this.certificate ? 'landscape' : 'portrait'),
      margin: MARGIN,
      bufferPages: true,
      tagged: true,
      pdfVersion: '1.7',
      lang: input.lang,
      displayTitle: true,
      info: { Title: input.title, ...(input.author ? { Author: input.author } : {}), ...(input.subject ? { Subject: input.subject } : {}) },
    });
    for (const [name, font] of fonts()) this.doc.registerFont(name, font as unknown as Buffer);
    const inset = this.certificate ? 70 : MARGIN;
    this.left = inset;
    this.right = this.doc.page.width - inset;
    this.top = inset;
    this.bottom = this.doc.page.height - inset;
    this.root = { element: this.doc.struct('Document'), type: 'Document' };
    this.doc.addStructure(this.root.element);
    this.decoratePage();
  }

  get width(): number {
    return this.right - this.left;
  }

  // Text layout

  /** Width of a run as it is drawn. */
  measure(font: FontName, size: number, text: string): number {
    const key = `${font}\u0000${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = this.doc.font(font, 1).widthOfString(text, layoutOptions(text));
      this.widths.set(key, width);
    }
    return width * size;
  }

  measureRange(paragraph: Paragraph, start: number, end: number): number {
    let width = 0;
    for (let from = start; from < end; ) {
      const script = paragraph.scripts[from]!;
      let to = from + 1;
      while (to < end && paragraph.scripts[to] === script) to++;
      width += this.measure(fontName(script, paragraph.style.bold), paragraph.style.size, paragraph.shown.slice(from, to));
      from = to;
    }
    return width;
  }

  layoutText(text: string, style: TextStyle, width: number, rtl = this.rtl): TextBox {
    const lines: Line[] = [];
    if (text.trim() !== '') {
      for (const piece of text.replace(/[\t\v\f]/g, ' ').split(/\r\n|[\n\r\u2028\u2029]/)) lines.push(...this.layoutParagraph(piece, style, width, rtl));
    }
    const arabic = lines.some((line) => line.runs.some((run) => run.font.startsWith('arabic')));
    return { lines, style, rtl, lineHeight: style.size * (arabic ? 1.75 : 1.4), ascent: style.size * (arabic ? 1.2 : 1.05) };
  }

  layoutParagraph(text: string, style: TextStyle, width: number, rtl: boolean): Line[] {
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
      const spaces = end < start + match[0].length ? this.measureRange(paragraph, end, start + match[0].length) : 0;
      const pieces = this.wordPieces(paragraph, start, end, this.measureRange(paragraph, start, start + match[0].length) - spaces, width);
      pieces.forEach((piece, i) => {
        const after = i === pieces.length - 1 ? spaces : 0;
        if (line && line.width + line.spaces + piece.width <= width + 0.01) {
          line.end = piece.end;
          line.width += line.spaces + piece.width;
          line.spaces = after;
        } else {
          if (line) lines.push(this.lineOf(paragraph, line.start, line.end));
          line = { ...piece, spaces: after };
        }
      });
    }
    if (line) lines.push(this.lineOf(paragraph, line.start, line.end));
    return lines;
  }

  /** A word, or the pieces of a word too wide for a line: as many graphemes as fit (one at least), measured as shaped. */
  wordPieces(paragraph: Paragraph, start: number, end: number, whole: number, width: number): { start: number; end: number; width: number }[] {
    if (whole <= width) return [{ start, end, width: whole }];
    const ends = Array.from(graphemes.segment(paragraph.shown.slice(start, end)), ({ index, segment }) => start + index + segment.length);
    const pieces: { start: number; end: number; width: number }[] = [];
    for (let first = 0, from = start; first < ends.length; ) {
      let fits = first;
      for (let over = ends.length; over - fits > 1; ) {
        const middle = Math.floor((fits + over) / 2);
        if (this.measureRange(paragraph, from, ends[middle]!) <= width) fits = middle;
        else over = middle;
      }
      pieces.push({ start: from, end: ends[fits]!, width: this.measureRange(paragraph, from, ends[fits]!) });
      from = ends[fits]!;
      first = fits + 1;
    }
    return pieces;
  }

  /** The runs of one line in visual order, from the bidi reordering of its characters. */
  lineOf(paragraph: Paragraph, start: number, end: number): Line {
    const { levels } = paragraph.embedding;
    const order = bidi.getReorderedIndices(paragraph.text, paragraph.embedding, start, end - 1).slice(start, end);
    const runs: Run[] = [];
    for (let k = 0; k < order.length; ) {
      const first = order[k]!;
      const level = levels[first]!;
      const script = paragraph.scripts[first]!;
      const step = level % 2 === 1 ? -1 : 1;
      let last = first;
      for (k++; k < order.length && order[k] === last + step && levels[last + step] === level && paragraph.scripts[last + step] === script; k++) last += step;
      let text = paragraph.shown.slice(Math.min(first, last), Math.max(first, last) + 1);
      if ((level % 2 === 1) !== fontkitReversesRun(text)) text = [...text].reverse().join('');
      const font = fontName(script, paragraph.style.bold);
      runs.push({ text, font, width: this.measure(font, paragraph.style.size, text) });
    }
    return { runs, width: runs.reduce((sum, run) => sum + run.width, 0) };
  }

  // Drawing

  drawLine(box: TextBox, line: Line, x: number, width: number, top: number, align: Align): void {
    let cursor = align === 'center' ? x + (width - line.width) / 2 : box.rtl ? x + width - line.width : x;
    for (const run of line.runs) {
      this.doc.font(run.font, box.style.size).fillColor(box.style.color).text(run.text, cursor, top + box.ascent, { lineBreak: false, baseline: 'alphabetic', ...layoutOptions(run.text) });
      cursor += run.width;
    }
  }

  /** A new structure element under parent. Made only when used: pdfkit waits for every element it made before it ends the file. */
  child(parent: Tag, type: string, options?: PDFKit.Mixins.StructureElementOptions): Tag {
    const element = this.doc.struct(type, options);
    parent.element.add(element);
    return { element, type };
  }

  /** The exact text of an element whose glyphs do not give it back: Arabic letters, and brackets mirrored in right-to-left text. */
  actualText(text: string): PDFKit.Mixins.StructureElementOptions {
    return this.rtl || RTL_SCRIPT.test(text) ? { actual: text } : {};
  }

  tagged(tag: Tag, draw: () => void): void {
    const content = this.doc.markStructureContent(tag.type);
    draw();
    this.doc.endMarkedContent();
    tag.element.add(content);
  }

  artifact(type: 'Pagination' | 'Layout', draw: () => void): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  /** A certificate's double frame, on every page. */
  decoratePage(): void {
    if (!this.certificate) return;
    const { width, height } = this.doc.page;
    this.artifact('Layout', () => {
      this.doc.save().strokeColor(colors.frame);
      this.doc.lineWidth(2.5).rect(22, 22, width - 44, height - 44).stroke();
      this.doc.lineWidth(0.8).rect(30, 30, width - 60, height - 60).stroke();
      this.doc.restore();
    });
  }

  newPage(): void {
    this.doc.addPage();
    this.decoratePage();
  }

  // Blocks to items

  /** One item per line of text, all tagged into one structure element made when there is text. */
  textItems(text: string, type: string, style: TextStyle, options: { gap: number; keep?: boolean; align?: Align; parent?: Tag }): Item[] {
    const box = this.layoutText(text, style, this.width);
    if (box.lines.length === 0) return [];
    const tag = this.child(options.parent ?? this.root, type, this.actualText(text));
    return box.lines.map((line, i) => ({
      height: box.lineHeight,
      gap: i === 0 ? options.gap : 0,
      keep: options.keep ?? false,
      draw: (top) => this.tagged(tag, () => this.drawLine(box, line, this.left, this.width, top, options.align ?? 'start')),
    }));
  }

  blockItems(block: PdfBlock): Item[] {
    const align: Align = this.certificate ? 'center' : 'start';
    switch (block.kind) {
      case 'heading':
        return this.textItems(block.text, `H${block.level}`, { size: sizes.headings[block.level - 1]!, bold: true, color: colors.text }, { gap: 18 - 3 * block.level, keep: true, align });
      case 'paragraph':
        return this.textItems(block.text, 'P', { size: this.certificate ? sizes.certificateBody : sizes.body, bold: false, color: block.muted ? colors.muted : colors.text }, {
          gap: this.certificate ? 10 : 6,
          align,
        });
      case 'bullets':
        return this.bulletItems(block.items);
      case 'table':
        return this.tableItems(block);
      case 'pageBreak':
        return [{ height: 0, gap: 0, pageBreak: true, draw: () => undefined }];
    }
  }

  bulletItems(texts: string[]): Item[] {
    const style: TextStyle = { size: sizes.body, bold: false, color: colors.text };
    let list: Tag | undefined;
    const items: Item[] = [];
    for (const text of texts) {
      const box = this.layoutText(text, style, this.width - bulletIndent);
      if (box.lines.length === 0) continue;
      const listed = list !== undefined;
      list ??= this.child(this.root, 'L');
      const item = this.child(list, 'LI');
      const label = this.child(item, 'Lbl');
      const body = this.child(item, 'LBody', this.actualText(text));
      const x = this.rtl ? this.left : this.left + bulletIndent;
      box.lines.forEach((line, i) => {
        items.push({
          height: box.lineHeight,
          gap: i > 0 ? 0 : listed ? 2 : 6,
          draw: (top) => {
            if (i === 0) {
              this.tagged(label, () => {
                const bulletX = this.rtl ? this.right - bulletIndent / 2 - 2 : this.left + 4;
                this.doc.font('latin', style.size).fillColor(colors.text).text('•', bulletX, top + box.ascent, { lineBreak: false, baseline: 'alphabetic' });
              });
            }
            this.tagged(body, () => this.drawLine(box, line, x, this.width - bulletIndent, top, 'start'));
          },
        });
      });
    }
    return items;
  }

  tableItems(block: Extract<PdfBlock, { kind: 'table' }>): Item[] {
    const columns = Math.max(block.head.length, ...block.rows.map((row) => row.length));
    const caption = block.caption?.trim() ? block.caption : undefined;
    if (columns === 0 && !caption) return [];
    const table = this.child(this.root, 'Table');
    const items = caption ? this.textItems(caption, 'Caption', { size: sizes.table, bold: true, color: colors.text }, { gap: 10, keep: columns > 0, parent: table }) : [];
    if (columns === 0) return items;

    const relative = Array.from({ length: columns }, (_, i) => {
      const width = block.widths?.[i];
      return width !== undefined && Number.isFinite(width) && width > 0 ? width : 1;
    });
    const total = relative.reduce((sum, width) => sum + width, 0);
    const widths = relative.map((width) => (width / total) * this.width);
    const offsets = widths.map((_, i) => widths.slice(0, i).reduce((sum, width) => sum + width, 0));
    // In right-to-left documents the first column is on the right.
    const xOf = (i: number): number => (this.rtl ? this.right - offsets[i]! - widths[i]! : this.left + offsets[i]!);
    const layoutRow = (cells: string[], bold: boolean): TextBox[] =>
      widths.map((width, i) => this.layoutText(cells[i] ?? '', { size: sizes.table, bold, color: colors.text }, width - 2 * cellPadding.x));

    /** Lines from[i] to to[i] of each cell; cells tagged into their elements, or drawn as an artifact (a repeated header). */
    const rowItem = (boxes: TextBox[], cells: Tag[] | undefined, head: boolean, from: number[], to: number[], gap: number): Item => {
      const height = Math.max(sizes.table * 1.4, ...boxes.map((box, i) => (to[i]! - from[i]!) * box.lineHeight)) + 2 * cellPadding.y;
      const drawCell = (i: number, top: number): void => {
        for (let line = from[i]!; line < to[i]!; line++) {
          const box = boxes[i]!;
          this.drawLine(box, box.lines[line]!, xOf(i) + cellPadding.x, widths[i]! - 2 * cellPadding.x, top + cellPadding.y + (line - from[i]!) * box.lineHeight, 'start');
        }
      };
      return {
        height,
        gap,
        draw: (top) => {
          this.artifact(cells ? 'Layout' : 'Pagination', () => {
            this.doc.save();
            if (head) this.doc.rect(this.left, top, this.width, height).fill(colors.headFill);
            this.doc.lineWidth(0.5).strokeColor(colors.rule);
            widths.forEach((width, i) => this.doc.rect(xOf(i), top, width, height).stroke());
            this.doc.restore();
            if (!cells) boxes.forEach((_, i) => drawCell(i, top));
          });
          cells?.forEach((cell, i) => {
            if (to[i]! > from[i]!) this.tagged(cell, () => drawCell(i, top));
          });
        },
      };
    };

    let header: Item | undefined;
    if (block.head.length > 0) {
      const boxes = layoutRow(block.head, true);
      const row = this.child(this.child(table, 'THead'), 'TR');
      const cells = boxes.map((_, i) => {
        const options: CellOptions = { scope: 'Column', ...this.actualText(block.head[i] ?? '') };
        return this.child(row, 'TH', options);
      });
      const none = boxes.map(() => 0);
      const all = boxes.map((box) => box.lines.length);
      items.push({ ...rowItem(boxes, cells, true, none, all, caption ? 4 : 10), keep: block.rows.length > 0 });
      header = rowItem(boxes, undefined, true, none, all, 0);
    }
    const body = block.rows.length > 0 ? this.child(table, 'TBody') : undefined;
    // A row never splits across pages, unless it is taller than a whole page: then it goes in pieces.
    const roomForRow = this.bottom - this.top - (header?.height ?? 0) - 2 * cellPadding.y;
    block.rows.forEach((texts, r) => {
      const boxes = layoutRow(texts, false);
      const row = this.child(body!, 'TR');
      const cells = boxes.map((_, i) => this.child(row, 'TD', this.actualText(texts[i] ?? '')));
      let from = boxes.map(() => 0);
      do {
        const to = boxes.map((box, i) => Math.min(box.lines.length, from[i]! + Math.max(1, Math.floor(roomForRow / box.lineHeight))));
        const gap = r === 0 && from.every((line) => line === 0) && items.length === 0 ? 10 : 0;
        items.push({ ...rowItem(boxes, cells, false, from, to, gap), header });
        from = to;
      } while (boxes.some((box, i) => from[i]! < box.lines.length));
    });
    return items;
  }

  // Pages

  place(items: Item[]): void {
    const room = this.bottom - this.top;
    let y = this.top;
    if (this.certificate && !items.some((item) => item.pageBreak)) {
      const total = items.reduce((sum, item, i) => sum + item.height + (i > 0 ? item.gap : 0), 0);
      if (total < room) y += (room - total) / 2;
    }
    let empty = true;
    items.forEach((item, i) => {
      if (item.pageBreak) {
        if (!empty) this.newPage();
        y = this.top;
        empty = true;
        return;
      }
      let needed = item.height;
      for (let j = i; items[j]?.keep && items[j + 1] && !items[j + 1]!.pageBreak; j++) needed += items[j + 1]!.gap + items[j + 1]!.height;
      if (needed > room) needed = item.height;
      if (!empty && y + item.gap + needed > this.bottom) {
        this.newPage();
        y = this.top;
        empty = true;
        if (item.header) {
          item.header.draw(y);
          y += item.header.height;
          empty = false;
        }
      }
      if (!empty) y += item.gap;
      item.draw(y);
      y += item.height;
      empty = false;
    });
  }

  /** Footer text at the start side, "n / total" at the end side, on every page, as artifacts. */
  footers(text: string | undefined): void {
    const style: TextStyle = { size: sizes.footer, bold: false, color: colors.muted };
    const { start, count } = this.doc.bufferedPageRange();
    const numberWidth = this.measure('latin', style.size, `${count} / ${count}`) + 12;
    const box = this.layoutText(text ?? '', style, this.width - numberWidth);
    for (let page = 0; page < count; page++) {
      this.doc.switchToPage(start + page);
      const top = this.doc.page.height - (this.certificate ? 62 : 38);
      this.artifact('Pagination', () => {
        this.doc.save().lineWidth(0.5).strokeColor(colors.rule).moveTo(this.left, top - 5).lineTo(this.right, top - 5).stroke().restore();
        box.lines.slice(0, 2).forEach((line, i) => {
          this.drawLine(box, line, this.rtl ? this.left + numberWidth : this.left, this.width - numberWidth, top + i * box.lineHeight, 'start');
        });
        const pageNumber = this.layoutText(`${page + 1} / ${count}`, style, numberWidth, false);
        const x = this.rtl ? this.left : this.right - pageNumber.lines[0]!.width;
        this.drawLine(pageNumber, pageNumber.lines[0]!, x, numberWidth, top, 'start');
      });
    }
  }
}

/**
 * Arabic short vowels and other harakat (U+064B–U+065F, U+0670) are left out: fontkit 2.0.4 fails
 * on some of them when it positions marks with Noto Sans Arabic ("كافٍ" throws), and everyday
 * Arabic reads the same without them.
 */
const HARAKAT = /[\u064B-\u065F\u0670]/g;
const withoutHarakat = (text: string) => text.replace(HARAKAT, '');

function plainArabic(input: PdfDocument): PdfDocument {
  const blocks = input.blocks.map((b): PdfBlock => {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        return { ...b, text: withoutHarakat(b.text) };
      case 'bullets':
        return { ...b, items: b.items.map(withoutHarakat) };
      case 'table':
        return { ...b, caption: b.caption === undefined ? undefined : withoutHarakat(b.caption), head: b.head.map(withoutHarakat), rows: b.rows.map((r) => r.map(withoutHarakat)) };
      default:
        return b;
    }
  });
  return { ...input, title: withoutHarakat(input.title), footer: input.footer === undefined ? undefined : withoutHarakat(input.footer), blocks };
}

/** Renders the document to a PDF file's bytes. */
export async function renderPdf(document: PdfDocument): Promise<Buffer> {
  const input = plainArabic(document);
  const renderer = new Renderer(input);
  const { doc } = renderer;
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const titleStyle: TextStyle = { size: renderer.certificate ? sizes.certificateTitle : sizes.title, bold: true, color: renderer.certificate ? colors.frame : colors.text };
  const title = renderer.textItems(input.title, 'H1', titleStyle, { gap: 0, keep: true, align: renderer.certificate ? 'center' : 'start' });
  const items = input.blocks.flatMap((block) => renderer.blockItems(block));
  if (title.length > 0 && items[0]) items[0].gap = Math.max(items[0].gap, renderer.certificate ? 24 : 14);
  items.unshift(...title);
  renderer.place(items);
  if (!renderer.certificate || input.footer) renderer.footers(input.footer);
  doc.end();
  return await done;
}
