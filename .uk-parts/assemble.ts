// Assembles src/i18n/uk.json from .uk-parts/*.txt ("key = message" lines), in en.json order, and
// checks that every key is present and every message uses the same placeholders as the English.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import {
  parse,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isArgumentElement,
  isNumberElement,
  isDateElement,
  isTimeElement,
} from '@formatjs/icu-messageformat-parser';
const root = new URL('../', import.meta.url);
const en = JSON.parse(readFileSync(new URL('src/i18n/en.json', root), 'utf8')) as Record<string, { message: string }>;
const uk: Record<string, string> = {};
for (const f of readdirSync(new URL('.uk-parts/', root))
  .filter((f) => /^\d+\.txt$/.test(f))
  .sort()) {
  for (const line of readFileSync(new URL(`.uk-parts/${f}`, root), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const i = line.indexOf(' = ');
    if (i < 0) {
      console.log('bad line', f, line);
      continue;
    }
    const key = line.slice(0, i),
      msg = line.slice(i + 3);
    if (!(key in en)) console.log('extra key', f, key);
    if (key in uk) console.log('duplicate', f, key);
    uk[key] = msg.replace(/\\n/g, '\n');
  }
}
const names = (m: string, locale: string): string[] => {
  const out = new Set<string>();
  const walk = (els: any[]): void => {
    for (const el of els) {
      if (isPluralElement(el) || isSelectElement(el)) {
        out.add(el.value);
        for (const o of Object.values(el.options) as any[]) walk(o.value);
      } else if (isTagElement(el)) {
        out.add(el.value);
        walk(el.children);
      } else if (isArgumentElement(el) || isNumberElement(el) || isDateElement(el) || isTimeElement(el)) out.add(el.value);
    }
  };
  walk(parse(m, { locale: new Intl.Locale(locale) }) as any[]);
  return [...out].sort();
};
const result: Record<string, string> = {};
const missing: string[] = [];
for (const [key, { message }] of Object.entries(en)) {
  if (!(key in uk)) {
    missing.push(key);
    continue;
  }
  result[key] = uk[key]!;
  try {
    const a = names(message, 'en').join(','),
      b = names(uk[key]!, 'uk').join(',');
    if (a !== b) console.log('placeholders differ', key, a, '|', b);
  } catch (e) {
    console.log('parse error', key, (e as Error).message);
  }
}
console.log(`translated ${Object.keys(result).length} / ${Object.keys(en).length}; missing ${missing.length}`, missing.slice(0, 5));
if (process.argv.includes('--write')) writeFileSync(new URL('src/i18n/uk.json', root), JSON.stringify(result, null, 2) + '\n');
