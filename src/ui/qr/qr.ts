import QRCode from 'qrcode';
import { html, raw, type Html } from '../html.ts';

// QR codes, encoded by the `qrcode` library and drawn here as plain squares: inline SVG for pages
// (one path, so it stays small and sharp at any size, in print too) and the same squares for PDFs
// (src/pdf, the 'qr' block). Error correction M (15 %) survives a creased poster or a phone held
// at an angle; the quiet zone of 4 modules is what scanners expect around a code.

export const QUIET_ZONE = 4;

/** The code's dark modules as a square grid: `dark(x, y)` for 0 ≤ x, y < size (quiet zone not included). */
export interface QrMatrix {
  size: number;
  dark(x: number, y: number): boolean;
}

export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (x, y) => Boolean(modules.get(y, x)) };
}

/** The dark modules as one SVG path in module units, offset by the quiet zone: "M4 4h1v1h-1z…". */
export function qrPath(m: QrMatrix): string {
  const parts: string[] = [];
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size;) {
      if (!m.dark(x, y)) {
        x++;
        continue;
      }
      // A run of dark modules on a row is one rectangle.
      let end = x;
      while (end < m.size && m.dark(end, y)) end++;
      parts.push(`M${x + QUIET_ZONE} ${y + QUIET_ZONE}h${end - x}v1h${x - end}z`);
      x = end;
    }
  }
  return parts.join('');
}

/**
 * A QR code as inline SVG: an image whose accessible name is `label` (what the code opens, in the
 * page's words). Black on white whatever the page's colours, since scanners need the contrast;
 * `className` sizes it from the stylesheet (the SVG itself scales to its box).
 */
export function qrSvg(text: string, label: string, className = 'qr-code'): Html {
  const m = qrMatrix(text);
  const side = m.size + 2 * QUIET_ZONE;
  return html`<svg class="${className}" role="img" aria-label="${label}" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg"><rect width="${side}" height="${side}" fill="#fff"/>${raw(`<path d="${qrPath(m)}" fill="#000"/>`)}</svg>`;
}
