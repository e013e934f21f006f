import type { TextBox } from './line-layout.ts';
import type { PdfBlock } from './model.ts';
import type { Item, Renderer, Tag } from './renderer.ts';
import { cellPadding, colors, sizes } from './style.ts';

/** pdfkit supports a table header cell's scope, its types do not. */
interface CellOptions extends PDFKit.Mixins.StructureElementOptions {
  scope: 'Column' | 'Row' | 'Both';
}

// A table: its caption, a header row repeated on every page the table reaches, and rows that
// never split across pages unless one is taller than a page.

export function tableItems(r: Renderer, block: Extract<PdfBlock, { kind: 'table' }>): Item[] {
  const columns = Math.max(block.head.length, ...block.rows.map((row) => row.length));
  const caption = block.caption?.trim() ? block.caption : undefined;
  if (columns === 0 && !caption) return [];
  const table = r.child(r.root, 'Table');
  const items = caption
    ? r.textItems(caption, 'Caption', { size: sizes.table, bold: true, color: colors.text }, { gap: 10, keep: columns > 0, parent: table })
    : [];
  if (columns === 0) return items;

  const relative = Array.from({ length: columns }, (_, i) => {
    const width = block.widths?.[i];
    return width !== undefined && Number.isFinite(width) && width > 0 ? width : 1;
  });
  const total = relative.reduce((sum, width) => sum + width, 0);
  const widths = relative.map((width) => (width / total) * r.width);
  const offsets = widths.map((_, i) => widths.slice(0, i).reduce((sum, width) => sum + width, 0));
  // In right-to-left documents the first column is on the right.
  const xOf = (i: number): number => (r.rtl ? r.right - offsets[i]! - widths[i]! : r.left + offsets[i]!);
  const layoutRow = (cells: string[], bold: boolean): TextBox[] =>
    widths.map((width, i) => r.layoutText(cells[i] ?? '', { size: sizes.table, bold, color: colors.text }, width - 2 * cellPadding.x));

  /** Lines from[i] to to[i] of each cell; cells tagged into their elements, or drawn as an artifact (a repeated header). */
  const rowItem = (boxes: TextBox[], cells: Tag[] | undefined, head: boolean, from: number[], to: number[], gap: number): Item => {
    const height = Math.max(sizes.table * 1.4, ...boxes.map((box, i) => (to[i]! - from[i]!) * box.lineHeight)) + 2 * cellPadding.y;
    const drawCell = (i: number, top: number): void => {
      for (let line = from[i]!; line < to[i]!; line++) {
        const box = boxes[i]!;
        r.drawLine(
          box,
          box.lines[line]!,
          xOf(i) + cellPadding.x,
          widths[i]! - 2 * cellPadding.x,
          top + cellPadding.y + (line - from[i]!) * box.lineHeight,
          'start',
        );
      }
    };
    return {
      height,
      gap,
      draw: (top) => {
        r.artifact(cells ? 'Layout' : 'Pagination', () => {
          r.doc.save();
          if (head) r.doc.rect(r.left, top, r.width, height).fill(colors.headFill);
          r.doc.lineWidth(0.5).strokeColor(colors.rule);
          widths.forEach((width, i) => r.doc.rect(xOf(i), top, width, height).stroke());
          r.doc.restore();
          if (!cells) boxes.forEach((_, i) => drawCell(i, top));
        });
        cells?.forEach((cell, i) => {
          if (to[i]! > from[i]!) r.tagged(cell, () => drawCell(i, top));
        });
      },
    };
  };

  let header: Item | undefined;
  if (block.head.length > 0) {
    const boxes = layoutRow(block.head, true);
    const row = r.child(r.child(table, 'THead'), 'TR');
    const cells = boxes.map((_, i) => {
      const options: CellOptions = { scope: 'Column', ...r.actualText(block.head[i] ?? '') };
      return r.child(row, 'TH', options);
    });
    const none = boxes.map(() => 0);
    const all = boxes.map((box) => box.lines.length);
    items.push({ ...rowItem(boxes, cells, true, none, all, caption ? 4 : 10), keep: block.rows.length > 0 });
    header = rowItem(boxes, undefined, true, none, all, 0);
  }
  const body = block.rows.length > 0 ? r.child(table, 'TBody') : undefined;
  // A row never splits across pages, unless it is taller than a whole page: then it goes in pieces.
  const roomForRow = r.bottom - r.top - (header?.height ?? 0) - 2 * cellPadding.y;
  block.rows.forEach((texts, n) => {
    const boxes = layoutRow(texts, false);
    const row = r.child(body!, 'TR');
    const cells = boxes.map((_, i) => r.child(row, 'TD', r.actualText(texts[i] ?? '')));
    let from = boxes.map(() => 0);
    do {
      const to = boxes.map((box, i) => Math.min(box.lines.length, from[i]! + Math.max(1, Math.floor(roomForRow / box.lineHeight))));
      const gap = n === 0 && from.every((line) => line === 0) && items.length === 0 ? 10 : 0;
      items.push({ ...rowItem(boxes, cells, false, from, to, gap), header });
      from = to;
    } while (boxes.some((box, i) => from[i]! < box.lines.length));
  });
  return items;
}
