import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../test/helpers/app.ts';
import { hasPoppler, pdfPage } from '../../test/helpers/pdf-pages.ts';
import { readFrameworks } from '../modules/assessment/framework/files.ts';
import { indicatorsOf } from '../modules/assessment/framework/document.ts';
import { analyse, stemmers } from '../modules/search/analyse.ts';
import { configs } from '../modules/search/repository/postgres.ts';
import { fonts, fontName } from '../pdf/fonts.ts';
import { renderPdf } from '../pdf/render.ts';
import { scriptsOf } from '../pdf/scripts.ts';
import { direction, languages, nativeNames, translationLangs, type Lang } from './languages.ts';
import { catalogues, translator } from './messages.ts';

// Adding a language is the steps in the README ("Adding a language"). This test walks them for
// every language in `languages`, so a step left out fails here by name. The catalogue's keys,
// placeholders and plural forms are checked in messages.test.ts; the framework's texts in
// assessment/framework/load.test.ts.

const contentDir = new URL('../../content/', import.meta.url).pathname;

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

describe('every interface language', () => {
  test('has a message catalogue with every English key', () => {
    const keys = Object.keys(catalogues.en);
    for (const lang of languages) {
      assert.ok(existsSync(new URL(`./${lang}.json`, import.meta.url)), `src/i18n/${lang}.json exists`);
      const missing = keys.filter((key) => !(key in catalogues[lang]));
      assert.deepEqual(missing, [], `${lang}.json has every key of en.json`);
    }
  });

  test('has its name in itself for the language switcher', () => {
    for (const lang of languages) {
      const name = nativeNames[lang];
      assert.ok(name && name !== lang && name.trim() === name, `nativeNames.${lang} is the language's own name`);
    }
    assert.equal(new Set(Object.values(nativeNames)).size, languages.length, 'every native name is different');
  });

  test('has a search configuration on both databases', async () => {
    for (const lang of languages) {
      assert.ok(stemmers[lang], `analyse.ts has a stemmer for ${lang}`);
      assert.ok(configs[lang], `postgres.ts names a text-search configuration for ${lang}`);
      // the site's name in the language is made of words that survive analysis
      assert.ok(analyse(translator(lang)('search.kind.resource'), lang).length > 0, `a ${lang} word is indexed`);
    }
    if (t.database.dialect === 'postgres') {
      const rows = await sql<{ cfgname: string }>`select cfgname from pg_ts_config`.execute(t.database.db);
      const existing = new Set(rows.rows.map((r) => r.cfgname));
      for (const lang of languages) assert.ok(existing.has(configs[lang]), `PostgreSQL has the text-search configuration "${configs[lang]}" (${lang})`);
    }
  });

  test('has the self-assessment framework translated in full', async () => {
    const sources = await readFrameworks(contentDir);
    assert.ok(sources.length > 0);
    for (const { document, file } of sources) {
      for (const lang of translationLangs) {
        const translation = file.replace(/\.en\.yml$/, `.${lang}.yml`);
        assert.ok(existsSync(translation), `${translation} exists`);
        const criteria = document.dimensions.flatMap((d) => d.criteria);
        const untranslated = [
          ...document.dimensions.filter((d) => !d.title[lang] || !d.description[lang]).map((d) => d.id),
          ...criteria.filter((c) => !c.title[lang] || !c.description[lang]).map((c) => c.id),
          ...indicatorsOf(document)
            .filter((i) => !i.statement[lang] || !i.explanation[lang])
            .map((i) => i.id),
        ];
        assert.deepEqual(untranslated, [], `${translation} translates every dimension, criterion and indicator`);
      }
    }
  });

  test('is offered by Accept-Language, the switcher, hreflang and the sitemap', async () => {
    const pages = (await t.get('/sitemap-pages.xml')).body;
    for (const lang of languages) {
      assert.equal((await t.get('/', { 'accept-language': `${lang};q=1, en;q=0.1` })).headers.location, `/${lang}`, `Accept-Language ${lang}`);
      const res = await t.get(`/${lang}/library`);
      assert.equal(res.statusCode, 200, `/${lang}/library`);
      assert.match(res.body, new RegExp(`<html lang="${lang}" dir="${direction(lang)}"`));
      for (const other of languages) {
        assert.match(
          res.body,
          new RegExp(`<link rel="alternate" hreflang="${other}" href="http://localhost:3000/${other}/library">`),
          `hreflang ${other} on /${lang}`,
        );
        assert.match(
          res.body,
          new RegExp(`<a href="/${other}/library" hreflang="${other}" lang="${other}" dir="${direction(other)}"[^>]*>${nativeNames[other]}</a>`),
          `switcher link to ${other} on /${lang}`,
        );
      }
      assert.match(pages, new RegExp(`<loc>http://localhost:3000/${lang}/packages/1</loc>`), `the sitemap lists /${lang}/packages/1`);
    }
  });

  test('prints in PDFs with fonts that have every character of its catalogue and framework', async () => {
    const faces = new Map(fonts());
    const framework = (lang: Lang) => {
      const file = `${contentDir}frameworks/vocational-excellence.${lang}.yml`;
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    };
    for (const lang of languages) {
      const text = [...Object.values(catalogues[lang]), framework(lang)].join('\n');
      const base = direction(lang) === 'rtl' ? 'arabic' : 'latin';
      const missing = new Set<string>();
      // letters and digits: the script itself (symbols such as ⌘ appear only in browser messages)
      const chars = [...new Set(text)].filter((c) => /[\p{L}\p{N}]/u.test(c));
      for (const char of chars) {
        const font = fontName(scriptsOf(char, base)[0]!, false);
        if (!faces.get(font)!.hasGlyphForCodePoint(char.codePointAt(0)!)) missing.add(char);
      }
      assert.deepEqual([...missing], [], `the PDF fonts draw every character ${lang} uses`);
      const title = translator(lang)('certificate.public.title');
      const pdf = await renderPdf({
        lang,
        title,
        style: 'certificate',
        blocks: [
          { kind: 'heading', text: title, level: 2 },
          { kind: 'paragraph', text: translator(lang)('certificate.public.about') },
        ],
      });
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      if (hasPoppler) assert.ok(pdfPage(pdf).length > 1000, `a ${lang} certificate renders to a picture`);
    }
  });
});
