import { qrMatrix, QUIET_ZONE } from '../ui/qr/qr.ts';
import { barsItems, heatItems } from './charts.ts';
import type { TextStyle } from './line-layout.ts';
import type { PdfBlock } from './model.ts';
import type { Align, Item, Renderer, Tag } from './renderer.ts';
import { bulletIndent, colors, sizes } from './style.ts';
import { tableItems } from './tables.ts';

// The document's blocks as items to place on the pages: headings, paragraphs, bullets, tables,
// page breaks, QR codes.

export function blockItems(r: Renderer, block: PdfBlock): Item[] {
  const align: Align = r.certificate ? 'center' : 'start';
  switch (block.kind) {
    case 'heading':
      return r.textItems(
        block.text,
        `H${block.level}`,
        { size: sizes.headings[block.level - 1]!, bold: true, color: colors.text },
        { gap: 18 - 3 * block.level, keep: true, align },
      );
    case 'paragraph':
      return r.textItems(
        block.text,
        'P',
        { size: r.certificate ? sizes.certificateBody : sizes.body, bold: false, color: block.muted ? colors.muted : colors.text },
        {
          gap: r.certificate ? 10 : 6,
          align,
        },
      );
    case 'bullets':
      return bulletItems(r, block.items);
    case 'table':
      return tableItems(r, block);
    case 'pageBreak':
      return [{ height: 0, gap: 0, pageBreak: true, draw: () => undefined }];
    case 'qr':
      return [qrItem(r, block.text, block.caption, block.size ?? 120)];
    case 'bars':
      return barsItems(r, block);
    case 'heat':
      return heatItems(r, block);
  }
}

/** A QR code as a tagged figure, its caption the alternative text: centred on certificates, at the start side elsewhere. */
function qrItem(r: Renderer, text: string, caption: string, size: number): Item {
  const m = qrMatrix(text);
  const unit = size / (m.size + 2 * QUIET_ZONE);
  const figure = r.child(r.root, 'Figure', { alt: caption });
  return {
    height: size,
    gap: 10,
    draw: (top) => {
      const left = r.certificate ? r.left + (r.width - size) / 2 : r.rtl ? r.right - size : r.left;
      r.tagged(figure, () => {
        r.doc.save().rect(left, top, size, size).fill('#ffffff').fillColor('#000000');
        for (let y = 0; y < m.size; y++)
          for (let x = 0; x < m.size; x++) if (m.dark(x, y)) r.doc.rect(left + (x + QUIET_ZONE) * unit, top + (y + QUIET_ZONE) * unit, unit, unit);
        r.doc.fill().restore();
      });
    },
  };
}

function bulletItems(r: Renderer, texts: string[]): Item[] {
  const style: TextStyle = { size: sizes.body, bold: false, color: colors.text };
  let list: Tag | undefined;
  const items: Item[] = [];
  for (const text of texts) {
    const box = r.layoutText(text, style, r.width - bulletIndent);
    if (box.lines.length === 0) continue;
    const listed = list !== undefined;
    list ??= r.child(r.root, 'L');
    const item = r.child(list, 'LI');
    const label = r.child(item, 'Lbl');
    const body = r.child(item, 'LBody', r.actualText(text));
    const x = r.rtl ? r.left : r.left + bulletIndent;
    box.lines.forEach((line, i) => {
      items.push({
        height: box.lineHeight,
        gap: i > 0 ? 0 : listed ? 2 : 6,
        draw: (top) => {
          if (i === 0) {
            r.tagged(label, () => {
              const bulletX = r.rtl ? r.right - bulletIndent / 2 - 2 : r.left + 4;
              r.doc
                .font('latin', style.size)
                .fillColor(colors.text)
                .text('•', bulletX, top + box.ascent, { lineBreak: false, baseline: 'alphabetic' });
            });
          }
          r.tagged(body, () => r.drawLine(box, line, x, r.width - bulletIndent, top, 'start'));
        },
      });
    });
  }
  return items;
}
