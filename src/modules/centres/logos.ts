import { randomBytes } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

// Centre logos. The type is judged from the content, never the name: sharp must decode the file
// as a raster image (SVG, which can carry scripts, is refused). It is re-encoded to WebP at most
// 400 × 400, which also drops metadata such as GPS positions.

export const MAX_LOGO_BYTES = 5 * 1024 * 1024;
/** The folder under UPLOADS_DIR that holds the logos. */
export const LOGO_FOLDER = 'logos';
const ACCEPTED = new Set(['png', 'jpeg', 'webp', 'gif']);

export type LogoProblem = 'too_big' | 'not_image';

export interface LogoStore {
  save(data: Buffer): Promise<{ file: string } | { problem: LogoProblem }>;
  read(file: string): Promise<Buffer | null>;
  remove(file: string): Promise<void>;
}

export function diskLogoStore(dir: string): LogoStore {
  return {
    async save(data) {
      if (data.length > MAX_LOGO_BYTES) return { problem: 'too_big' };
      let image: Buffer;
      try {
        const meta = await sharp(data).metadata();
        if (!meta.format || !ACCEPTED.has(meta.format)) return { problem: 'not_image' };
        image = await sharp(data, { animated: false }).rotate().resize(400, 400, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 82 }).toBuffer();
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
