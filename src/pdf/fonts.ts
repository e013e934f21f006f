import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// The fonts: Noto Sans Arabic for the Arabic script, Noto Sans for the rest, each regular and bold.

export type Script = 'latin' | 'arabic';
export type FontName = Script | `${Script}-bold`;

export const localRequire = createRequire(import.meta.url);
const fontFiles: [FontName, string, string][] = [
  ['latin', '@expo-google-fonts/noto-sans', '400Regular/NotoSans_400Regular.ttf'],
  ['latin-bold', '@expo-google-fonts/noto-sans', '700Bold/NotoSans_700Bold.ttf'],
  ['arabic', '@expo-google-fonts/noto-sans-arabic', '400Regular/NotoSansArabic_400Regular.ttf'],
  ['arabic-bold', '@expo-google-fonts/noto-sans-arabic', '700Bold/NotoSansArabic_700Bold.ttf'],
];
/** A font parsed by fontkit, which pdfkit (since 0.20) takes instead of the file's bytes; its types do not know it yet. */
interface ParsedFont {
  layout(text: string): unknown;
  hasGlyphForCodePoint(codePoint: number): boolean;
}
let parsedFonts: [FontName, ParsedFont][] | undefined;

/**
 * The fonts, parsed once with the fontkit that pdfkit itself uses: fontkit keeps what it has read of a font's tables, so
 * documents after the first are laid out several times faster than from the bytes.
 */
export function fonts(): [FontName, ParsedFont][] {
  if (!parsedFonts) {
    const fontkit = createRequire(localRequire.resolve('pdfkit'))('fontkit') as { create(data: Buffer): ParsedFont };
    parsedFonts = fontFiles.map(([name, pkg, file]) => [
      name,
      fontkit.create(readFileSync(path.join(path.dirname(localRequire.resolve(`${pkg}/package.json`)), file))),
    ]);
  }
  return parsedFonts;
}

export function fontName(script: Script, bold: boolean): FontName {
  return bold ? `${script}-bold` : script;
}
