import PDFDocument from 'pdfkit';
import { direction } from '../i18n/languages.ts';
import { fonts, type FontName } from './fonts.ts';
import { lineLayout, type Line, type TextBox, type TextStyle } from './line-layout.ts';
import type { PdfDocument } from './model.ts';
import { layoutOptions, RTL_SCRIPT } from './scripts.ts';
import { colors, MARGIN, sizes } from './style.ts';

// One PDF being drawn with pdfkit: its pages (a certificate's frame, the footers), the structure
// tree and its marked content, and the placing of items down the pages.
//
// Noto Sans Arabic draws dotted letters as a dotless shape shared by several letters plus dots, so
// the glyphs cannot say which letter they were: text copied from the page may name a sibling letter
// (ي for ت). Structure elements of Arabic text carry the exact text as ActualText for screen readers.

/** A structure element and its type, which its marked content repeats. */
export interface Tag {
  element: PDFKit.PDFStructureElement;
  type: string;
}

export type Align = 'start' | 'center';

/** Something that takes vertical room on a page: a line of text, a table row, a page break. */
export interface Item {
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

export class Renderer {
  readonly doc: PDFKit.PDFDocument;
  readonly rtl: boolean;
  readonly certificate: boolean;
  readonly mark: boolean;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly root: Tag;
  private readonly widths = new Map<string, number>();
  private readonly lines = lineLayout((font, size, text) => this.measure(font, size, text));

  constructor(input: PdfDocument) {
    this.rtl = direction(input.lang) === 'rtl';
    this.certificate = input.style === 'certificate';
    this.mark = input.mark ?? false;
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

  layoutText(text: string, style: TextStyle, width: number, rtl = this.rtl): TextBox {
    return this.lines.layoutText(text, style, width, rtl);
  }

  // Drawing

  drawLine(box: TextBox, line: Line, x: number, width: number, top: number, align: Align): void {
    let cursor = align === 'center' ? x + (width - line.width) / 2 : box.rtl ? x + width - line.width : x;
    for (const run of line.runs) {
      this.doc
        .font(run.font, box.style.size)
        .fillColor(box.style.color)
        .text(run.text, cursor, top + box.ascent, { lineBreak: false, baseline: 'alphabetic', ...layoutOptions(run.text) });
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

  /** A certificate's double frame and the platform's mark, on every page. */
  decoratePage(): void {
    if (this.mark) this.drawMark();
    if (!this.certificate) return;
    const { width, height } = this.doc.page;
    this.artifact('Layout', () => {
      this.doc.save().strokeColor(colors.frame);
      this.doc
        .lineWidth(2.5)
        .rect(22, 22, width - 44, height - 44)
        .stroke();
      this.doc
        .lineWidth(0.8)
        .rect(30, 30, width - 60, height - 60)
        .stroke();
      this.doc.restore();
    });
  }

  /** The platform's logo (the shapes of ui/assets/favicon.svg, a 32-unit square), centred at the top of the page, above the margin. */
  private drawMark(): void {
    const size = 30;
    const scale = size / 32;
    const top = this.certificate ? 38 : 14;
    this.artifact('Layout', () => {
      this.doc
        .save()
        .translate((this.doc.page.width - size) / 2, top)
        .scale(scale);
      this.doc.roundedRect(0, 0, 32, 32, 6).fill('#00466e');
      this.doc.path('M9 8h4v16H9zM16 8h7v4h-3v12h-4z').fill('#ffffff');
      this.doc.restore();
    });
  }

  newPage(): void {
    this.doc.addPage();
    this.decoratePage();
  }

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
        this.doc
          .save()
          .lineWidth(0.5)
          .strokeColor(colors.rule)
          .moveTo(this.left, top - 5)
          .lineTo(this.right, top - 5)
          .stroke()
          .restore();
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
