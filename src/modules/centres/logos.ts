import { randomBytes } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// Centre logos. The type is judged from the content, never the name: sharp must decode the file
// as a raster image (SVG, which can carry scripts, is refused). It is re-encoded to WebP at most
// 400 × 400, which also drops metadata such as GPS positions.
//
// A small file can declare an enormous image (a PNG of 31 KB for 16,000 × 16,000 pixels costs
// seconds of CPU and gigabytes of memory to decode). The header is read first (sharp's metadata
// does not decode pixels) and an image over MAX_LOGO_PIXELS is refused before any decoding;
// sharp's own limitInputPixels stops the decoder too, should a header lie.

export const MAX_LOGO_BYTES = 5 * 1024 * 1024;
/** 25 megapixels: a 24-megapixel camera or a phone's 5712 × 4284 photo fits; a logo is shown at 400 × 400. */
export const MAX_LOGO_PIXELS = 25_000_000;
/** The folder under UPLOADS_DIR that holds the logos. */
export const LOGO_FOLDER = 'logos';
const ACCEPTED = new Set(['png', 'jpeg', 'webp', 'gif']);

export type LogoProblem = { problem: 'too_big' | 'not_image' } | { problem: 'too_many_pixels'; width: number; height: number };

export interface LogoStore {
  save(data: Buffer): Promise<{ file: string } | LogoProblem>;
  read(file: string): Promise<Buffer | null>;
  remove(file: string): Promise<void>;
}

export function diskLogoStore(dir: string): LogoStore {
  return {
    async save(data) {
      if (data.length > MAX_LOGO_BYTES) return { problem: 'too_big' };
      let image: Buffer;
      // sharp is loaded with the first logo: most requests never touch an image.
      const { default: sharp } = await import('sharp');
      try {
        const meta = await sharp(data).metadata();
        if (!meta.format || !ACCEPTED.has(meta.format)) return { problem: 'not_image' };
        const { width, height } = meta;
        if (width * height > MAX_LOGO_PIXELS) return { problem: 'too_many_pixels', width, height };
        image = await sharp(data, { animated: false, limitInputPixels: MAX_LOGO_PIXELS })
          .rotate()
          .resize(400, 400, { fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 82 })
          .toBuffer();
      } catch {
        return { problem: 'not_image' };
      }
      const file = `${randomBytes(12).toString('hex')}.webp`;
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, file), image);
      return { file };
    },
    read: (file) => readFile(join(dir, file)).catch(() => null),
    remove: (file) => unlink(join(dir, file)).catch(() => undefined),
  };
}
