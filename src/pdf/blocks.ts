import type { TextStyle } from './line-layout.ts';
import type { PdfBlock } from './model.ts';
import type { Align, Item, Renderer, Tag } from './renderer.ts';
import { bulletIndent, colors, sizes } from './style.ts';
import { tableItems } from './tables.ts';

// The document's blocks as items to place on the pages: headings, paragraphs, bullets, tables,
// page breaks.

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
  }
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
