import type { PdfBlock, PdfDocument } from './model.ts';

/**
 * Arabic short vowels and other harakat (U+064B–U+065F, U+0670) are left out: fontkit 2.0.4 fails
 * on some of them when it positions marks with Noto Sans Arabic ("كافٍ" throws), and everyday
 * Arabic reads the same without them.
 */
const HARAKAT = /[\u064B-\u065F\u0670]/g;
const withoutHarakat = (text: string) => text.replace(HARAKAT, '');

export function plainArabic(input: PdfDocument): PdfDocument {
  const blocks = input.blocks.map((b): PdfBlock => {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        return { ...b, text: withoutHarakat(b.text) };
      case 'bullets':
        return { ...b, items: b.items.map(withoutHarakat) };
      case 'table':
        return {
          ...b,
          caption: b.caption === undefined ? undefined : withoutHarakat(b.caption),
          head: b.head.map(withoutHarakat),
          rows: b.rows.map((r) => r.map(withoutHarakat)),
        };
      default:
        return b;
    }
  });
  return { ...input, title: withoutHarakat(input.title), footer: input.footer === undefined ? undefined : withoutHarakat(input.footer), blocks };
}
