import type { Script } from './fonts.ts';

// Which font each character is drawn in, and which runs fontkit reverses by itself.

/** Drawn with Noto Sans Arabic: the Arabic script, and the Arabic blocks' punctuation and marks. */
const ARABIC = /\p{Script=Arabic}|[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;
/** Neutral characters that Noto Sans Arabic has too, so they can stay in an Arabic run. */
const SHARED_NEUTRAL = /[\u0020-\u007E\u00A0\u00AB\u00B0\u00B7\u00BB\u00D7\u00F7\u200B-\u2014\u2018-\u201E\u2022\u2026\u2039\u203A\u20AC]/u;
/** fontkit takes a run's script from its first character of a real script, and reverses runs of these. */
const FIRST_SCRIPT_CHAR = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
export const RTL_SCRIPT = new RegExp(
  [
    'Arabic',
    'Hebrew',
    'Syriac',
    'Thaana',
    'Cypriot',
    'Kharoshthi',
    'Phoenician',
    'Nko',
    'Lydian',
    'Avestan',
    'Imperial_Aramaic',
    'Inscriptional_Pahlavi',
    'Inscriptional_Parthian',
    'Old_South_Arabian',
    'Old_Turkic',
    'Samaritan',
    'Mandaic',
    'Meroitic_Cursive',
    'Meroitic_Hieroglyphs',
    'Manichaean',
    'Mende_Kikakui',
    'Nabataean',
    'Old_North_Arabian',
    'Palmyrene',
    'Psalter_Pahlavi',
  ]
    .map((script) => `\\p{Script=${script}}`)
    .join('|'),
  'u',
);

/** The font of each UTF-16 unit: neutral characters follow the character before them (or after, at the start). */
export function scriptsOf(text: string, base: Script): Script[] {
  const strong: (Script | undefined)[] = [];
  for (const char of text) {
    const script = ARABIC.test(char) ? 'arabic' : NEUTRAL.test(char) && SHARED_NEUTRAL.test(char) ? undefined : 'latin';
    for (let i = 0; i < char.length; i++) strong.push(script);
  }
  const scripts: Script[] = [];
  for (let i = 0; i < strong.length; i++) {
    scripts.push(strong[i] ?? scripts[i - 1] ?? strong.slice(i).find((script) => script !== undefined) ?? base);
  }
  return scripts;
}

export function fontkitReversesRun(text: string): boolean {
  const first = FIRST_SCRIPT_CHAR.exec(text);
  return first !== null && RTL_SCRIPT.test(first[0]);
}

/**
 * A run in a right-to-left script goes to fontkit whole (any `features` make pdfkit do that), so that fontkit reverses the
 * whole run rather than each word in place. Other runs keep pdfkit's layout word by word, which it caches.
 */
export function layoutOptions(text: string): { features?: [] } {
  return fontkitReversesRun(text) ? { features: [] } : {};
}
