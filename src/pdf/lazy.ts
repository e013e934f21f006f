import type { PdfDocument } from './model.ts';

// The PDF renderer (pdfkit, the fonts) is loaded with the first PDF asked for: an instance that
// serves pages and answers questionnaires never holds it in memory.

export async function renderPdf(document: PdfDocument): Promise<Buffer> {
  const { renderPdf: render } = await import('./render.ts');
  return render(document);
}
