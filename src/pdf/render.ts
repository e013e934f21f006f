import { blockItems } from './blocks.ts';
import { plainArabic } from './harakat.ts';
import type { TextStyle } from './line-layout.ts';
import type { PdfDocument } from './model.ts';
import { Renderer } from './renderer.ts';
import { colors, sizes } from './style.ts';

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
  const titleStyle: TextStyle = {
    size: renderer.certificate ? sizes.certificateTitle : sizes.title,
    bold: true,
    color: renderer.certificate ? colors.frame : colors.text,
  };
  const title = renderer.textItems(input.title, 'H1', titleStyle, { gap: 0, keep: true, align: renderer.certificate ? 'center' : 'start' });
  const items = input.blocks.flatMap((block) => blockItems(renderer, block));
  if (title.length > 0 && items[0]) items[0].gap = Math.max(items[0].gap, renderer.certificate ? 24 : 14);
  items.unshift(...title);
  renderer.place(items);
  if (!renderer.certificate || input.footer) renderer.footers(input.footer);
  doc.end();
  return await done;
}
