import jsQRModule from 'jsqr';
import sharp from 'sharp';

// jsQR's types describe an ES module's default export; the package is CommonJS, whose export is the function itself.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** The text a scanner reads from an image (any format sharp reads: PNG, SVG…), or null: as a phone's camera would. */
export async function scanQr(image: Buffer): Promise<string | null> {
  const { data, info } = await sharp(image, { density: 200 }).flatten({ background: '#fff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}
