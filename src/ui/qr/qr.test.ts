import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { scanQr } from '../../../test/helpers/qr.ts';
import { qrMatrix, qrSvg } from './qr.ts';

// A QR code is only right if a scanner reads back what was encoded: the SVG is rasterised (sharp)
// and decoded (jsQR), as a phone's camera would.

test('a QR code on a page reads back as the address it was made for', async () => {
  const link = 'https://intve.example.eu/fr/survey/Wq3sF0n8v2Kx7cYbT1mZp4RgH6jD9eLaQuNoVwXyIiE';
  const svg = qrSvg(link, 'Scan to open the questionnaire').value;
  assert.match(svg, /^<svg class="qr-code" role="img" aria-label="Scan to open the questionnaire"/);
  const png = await sharp(Buffer.from(svg), { density: 300 }).resize(400).png().toBuffer();
  assert.equal(await scanQr(png), link);
});

test('the label is escaped, and the same text always gives the same code', () => {
  assert.match(qrSvg('x', 'a "quoted" <label>').value, /aria-label="a &quot;quoted&quot; &lt;label&gt;"/);
  const a = qrMatrix('https://example.org/a');
  const b = qrMatrix('https://example.org/a');
  assert.equal(a.size, b.size);
  for (let y = 0; y < a.size; y++) for (let x = 0; x < a.size; x++) assert.equal(a.dark(x, y), b.dark(x, y));
});
