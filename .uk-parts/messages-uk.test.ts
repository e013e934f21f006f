import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { IntlMessageFormat } from 'intl-messageformat';
import { translator } from '../src/i18n/messages.ts';

// The message catalogues: en.json is the source (message + note), fr.json and ar.json map key → message.

type Source = Record<string, { message: string; note: string }>;
type Catalogue = Record<string, string>;

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(`../src/i18n/${file}`, import.meta.url), 'utf8'));
const en = read('en.json') as Source;
const translations = { fr: read('fr.json') as Catalogue, ar: read('ar.json') as Catalogue, uk: read('uk.json') as Catalogue };
const english: Catalogue = Object.fromEntries(Object.entries(en).map(([key, entry]) => [key, entry.message]));
const all = { en: english, ...translations };

// The ICU parser that intl-messageformat itself uses. If it cannot be imported, fall back to a regex
// over `{name` occurrences (good enough for the catalogue's simple arguments).
const parser = await import('@formatjs/icu-messageformat-parser').catch(() => undefined);

interface Arguments {
  /** Every argument name, with whether some use of it is a plural/selectordinal (needs a number). */
  names: Map<string, 'number' | 'string'>;
  /** For each plural: the argument name and its branch selectors. */
  plurals: { name: string; selectors: string[] }[];
}

function argumentsOf(message: string, locale: string): Arguments {
  const names = new Map<string, 'number' | 'string'>();
  const plurals: Arguments['plurals'] = [];
  if (!parser) {
    for (const match of message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*(,\s*(plural|selectordinal))?/g)) {
      const name = match[1]!;
      if (match[3]) {
        names.set(name, 'number');
        plurals.push({ name, selectors: [...message.matchAll(/(=\d+|zero|one|two|few|many|other)\s*\{/g)].map((m) => m[1]!) });
      } else if (!names.has(name)) names.set(name, 'string');
    }
    return { names, plurals };
  }
  type Element = ReturnType<typeof parser.parse>[number];
  const walk = (elements: Element[]): void => {
    for (const el of elements) {
      if (parser.isPluralElement(el)) {
        names.set(el.value, 'number');
        plurals.push({ name: el.value, selectors: Object.keys(el.options) });
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (parser.isSelectElement(el)) {
        if (!names.has(el.value)) names.set(el.value, 'string');
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (parser.isTagElement(el)) {
        if (!names.has(el.value)) names.set(el.value, 'string');
        walk(el.children);
      } else if (parser.isArgumentElement(el) || parser.isNumberElement(el) || parser.isDateElement(el) || parser.isTimeElement(el)) {
        if (!names.has(el.value)) names.set(el.value, parser.isNumberElement(el) ? 'number' : 'string');
      }
    }
  };
  walk(parser.parse(message, { locale: new Intl.Locale(locale) }));
  return { names, plurals };
}

const sorted = (names: Iterable<string>): string[] => [...names].sort();

describe('interface message catalogues', () => {
  test('every interface string exists in French and Arabic, in the same order, with nothing extra', () => {
    const keys = Object.keys(en);
    for (const [lang, catalogue] of Object.entries(translations)) {
      const missing = keys.filter((key) => !(key in catalogue));
      const extra = Object.keys(catalogue).filter((key) => !(key in en));
      assert.deepEqual(missing, [], `${lang}.json lacks these keys`);
      assert.deepEqual(extra, [], `${lang}.json has keys that en.json does not`);
      assert.deepEqual(Object.keys(catalogue), keys, `${lang}.json keys are not in en.json order`);
      for (const key of keys) {
        assert.equal(typeof catalogue[key], 'string', `${lang}.json ${key} is not a string`);
        assert.notEqual(catalogue[key]!.trim(), '', `${lang}.json ${key} is empty`);
      }
    }
  });

  test('every English string tells translators where it appears', () => {
    for (const [key, entry] of Object.entries(en)) {
      assert.equal(typeof entry.message, 'string', `en.json ${key} has no message`);
      assert.notEqual(entry.message.trim(), '', `en.json ${key} has an empty message`);
      assert.equal(typeof entry.note, 'string', `en.json ${key} has no note`);
      assert.notEqual(entry.note.trim(), '', `en.json ${key} has an empty note`);
    }
  });

  test('every message is valid ICU MessageFormat for its language', () => {
    for (const [lang, catalogue] of Object.entries(all)) {
      for (const [key, message] of Object.entries(catalogue)) {
        assert.doesNotThrow(() => new IntlMessageFormat(message, lang), `${lang}.json ${key} does not parse`);
      }
    }
  });

  test('translations show the same live values (search terms, counts, numbers) as the English', () => {
    for (const [key, message] of Object.entries(english)) {
      const expected = sorted(argumentsOf(message, 'en').names.keys());
      for (const [lang, catalogue] of Object.entries(translations)) {
        const actual = sorted(argumentsOf(catalogue[key]!, lang).names.keys());
        assert.deepEqual(actual, expected, `${lang}.json ${key} uses other placeholders than en.json`);
      }
    }
  });

  test('every message renders in every language for counts from 0 to 111', () => {
    for (const [lang, catalogue] of Object.entries(all)) {
      for (const [key, message] of Object.entries(catalogue)) {
        const { names } = argumentsOf(message, lang);
        const format = new IntlMessageFormat(message, lang);
        for (const n of [0, 1, 2, 3, 11, 100, 111]) {
          const values = Object.fromEntries([...names].map(([name, kind]) => [name, kind === 'number' ? n : `‹${name}›`]));
          const out = String(format.format(values));
          assert.notEqual(out.trim(), '', `${lang}.json ${key} renders empty for ${n}`);
          assert.doesNotMatch(out, /[{}]/, `${lang}.json ${key} leaves braces for ${n}: ${out}`);
        }
      }
    }
  });

  test('Arabic counts always have a fallback wording for numbers no branch names', () => {
    for (const [key, message] of Object.entries(translations.ar)) {
      for (const plural of argumentsOf(message, 'ar').plurals) {
        assert.ok(plural.selectors.includes('other'), `ar.json ${key}: plural of {${plural.name}} has no "other" branch`);
      }
    }
  });

  test('Arabic readers see a translated count of e-library results', () => {
    const values = { total: 3, first: 1, last: 3 };
    const arabic = translator('ar')('library.count', values);
    const englishText = translator('en')('library.count', values);
    assert.notEqual(arabic.trim(), '');
    assert.notEqual(arabic, englishText);
    assert.match(arabic, /\p{Script=Arabic}/u);
  });
});
