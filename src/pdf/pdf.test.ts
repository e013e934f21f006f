import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import type { PdfDocument } from './model.ts';
import { renderPdf } from './render.ts';
import { hasPoppler, pdfPage } from '../../test/helpers/pdf-pages.ts';
import { scanQr } from '../../test/helpers/qr.ts';

// Checks of the PDF bytes run everywhere; checks of the text poppler's pdftotext reads back from the pages run only
// where it is installed (CI may not have it).

const hasPdftotext = !spawnSync('pdftotext', ['-v']).error;

function pdftotext(pdf: Buffer, ...options: string[]): string {
  const result = spawnSync('pdftotext', [...options, '-', '-'], { input: pdf, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

/** A string of the document's Info dictionary, as pdfkit writes it: an indirect literal string, UTF-16 if not ASCII. */
function infoString(pdf: Buffer, key: string): string | undefined {
  const raw = pdf.toString('latin1');
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(raw)?.[1];
  const literal = ref && new RegExp(`\\n${ref} 0 obj\\n\\(((?:[^\\\\)]|\\\\[\\s\\S])*)\\)\\nendobj`).exec(raw)?.[1];
  if (literal === undefined || literal === '') return undefined;
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  const bytes = Buffer.from(
    literal.replace(/\\([0-7]{1,3}|[\s\S])/g, (_, c: string) => (/^[0-7]/.test(c) ? String.fromCharCode(parseInt(c, 8)) : (escapes[c] ?? c))),
    'latin1',
  );
  return bytes[0] === 0xfe && bytes[1] === 0xff ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') : bytes.toString('latin1');
}

/** The Flate streams of the file, inflated: the pages' contents among them. */
function contentStreams(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  return [...raw.matchAll(/<<\n\/Length \d+\n\/Filter \/FlateDecode\n>>\nstream\n([\s\S]*?)\nendstream/g)]
    .map((match) => inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1'))
    .join('\n');
}

function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page[^s]/g)?.length ?? 0;
}

/** Asserts that the words occur in text in this order. */
function assertInOrder(text: string, words: string[]): void {
  let from = 0;
  for (const word of words) {
    const at = text.indexOf(word, from);
    assert.ok(at >= 0, `"${word}" after position ${from} in: ${text}`);
    from = at + word.length;
  }
}

// Noto Sans Arabic draws letters that differ only by their dots (ب ت ث ن ي, ج ح خ, ف ق...) as one dotless shape plus
// dot marks, so the text read back from the glyphs can name a sibling letter: compare letters by their dotless shape.
// (The structure tree carries the exact text as ActualText.)
const dotless: Record<string, string> = {
  ب: 'ٮ',
  ت: 'ٮ',
  ث: 'ٮ',
  ن: 'ٮ',
  ي: 'ٮ',
  ى: 'ٮ',
  ئ: 'ٮ',
  ج: 'ح',
  خ: 'ح',
  ذ: 'د',
  ز: 'ر',
  ش: 'س',
  ض: 'ص',
  ظ: 'ط',
  غ: 'ع',
  ف: 'ڡ',
  ق: 'ڡ',
  ة: 'ه',
};
function skeleton(text: string): string {
  return text.replace(/[\u202A-\u202E\u2066-\u2069]/g, '').replace(/./gu, (char) => dotless[char] ?? char);
}

const indicatorRows = Array.from({ length: 60 }, (_, i) => [
  `Indicator ${i + 1}: ${'cooperation with companies '.repeat((i % 4) + 1)}final-${i + 1}`,
  (1 + (i % 40) / 10).toFixed(1),
  'developing',
]);

const englishReport: PdfDocument = {
  lang: 'en',
  title: 'Self-assessment report',
  author: 'IntVE',
  subject: 'Round 2025',
  footer: 'IntVE platform',
  blocks: [
    { kind: 'heading', text: 'Summary', level: 1 },
    { kind: 'paragraph', text: 'The results of the round, by indicator. '.repeat(12) },
    { kind: 'paragraph', text: 'Scores show only for groups with at least five answers.', muted: true },
    { kind: 'bullets', items: ['First point', 'Second point'] },
    { kind: 'heading', text: 'Indicators', level: 2 },
    { kind: 'table', caption: 'Scores by indicator', head: ['Indicator', 'Score', 'Level'], widths: [4, 1, 1.5], rows: indicatorRows },
  ],
};

const arabicReport: PdfDocument = {
  lang: 'ar',
  title: 'تقرير التقييم الذاتي',
  footer: 'منصة IntVE',
  blocks: [
    { kind: 'heading', text: 'الملخص', level: 1 },
    { kind: 'paragraph', text: 'حصلت محطة Welding Station A على 4.5 من 5 في عام 2025.' },
    { kind: 'bullets', items: ['النقطة الأولى', 'النقطة الثانية'] },
    { kind: 'table', head: ['المؤشر', 'النتيجة'], rows: [['التعاون مع الشركات', '3.5']] },
  ],
};

test('an English report: a tagged PDF 1.7 whose long table flows over several pages', async (t) => {
  const started = performance.now();
  const pdf = await renderPdf(englishReport);
  t.diagnostic(`60-row report: ${Math.round(performance.now() - started)} ms, ${pdf.length} bytes`);
  const raw = pdf.toString('latin1');
  assert.ok(raw.startsWith('%PDF-1.7'));
  assert.ok(pageCount(pdf) >= 3, `${pageCount(pdf)} pages`);
  for (const part of ['/StructTreeRoot', '/Marked true', '/Lang (en)', '/DisplayDocTitle true']) assert.ok(raw.includes(part), part);
  assert.deepEqual(
    ['Title', 'Author', 'Subject'].map((key) => infoString(pdf, key)),
    ['Self-assessment report', 'IntVE', 'Round 2025'],
  );
  for (const tag of ['/S /H1', '/S /H2', '/S /P', '/S /L', '/S /LI', '/S /Table', '/S /Caption', '/S /TR', '/S /TH', '/S /TD'])
    assert.ok(raw.includes(tag), tag);
  const content = contentStreams(pdf);
  // A footer on each page, and the header rows repeated after page breaks.
  assert.ok((content.match(/\/Artifact <<\n\/Type \/Pagination\n>> BDC/g)?.length ?? 0) > pageCount(pdf), 'pagination artifacts');
  assert.ok(content.includes('/Artifact <<\n/Type /Layout\n>> BDC'), 'table rules are artifacts');
  assert.ok(content.includes('/TD <<\n/MCID '), 'cells are marked content');
  assert.ok(raw.includes('+NotoSans-Regular') && raw.includes('+NotoSans-Bold'));
  assert.ok(!raw.includes('NotoSansArabic'), 'no Arabic font for an English report');
});

test(
  'an English report, read back: the header row repeats on each page, rows stay whole, pages are numbered',
  { skip: !hasPdftotext && 'pdftotext is not installed' },
  async () => {
    const pages = pdftotext(await renderPdf(englishReport))
      .split('\f')
      .filter((page) => page.trim() !== '');
    assert.ok(pages.length >= 3);
    pages.forEach((page, i) => {
      assert.match(page, new RegExp(`\\b${i + 1} ?/ ?${pages.length}\\b`), `page number on page ${i + 1}`);
      assert.ok(page.includes('IntVE platform'));
      assert.ok(page.includes('Indicator\n') || page.includes('Indicator '), `header row on page ${i + 1}`);
    });
    for (let row = 1; row <= 60; row++) {
      const page = pages.findIndex((text) => text.includes(`Indicator ${row}:`));
      assert.ok(page >= 0 && pages[page]!.includes(`final-${row}\n`), `row ${row} on one page`);
    }
  },
);

test('an Arabic report: Arabic language, both fonts, exact text in the structure tree', async () => {
  const pdf = await renderPdf(arabicReport);
  const raw = pdf.toString('latin1');
  assert.ok(raw.startsWith('%PDF-1.7'));
  assert.ok(raw.includes('/Lang (ar)'));
  assert.ok(raw.includes('+NotoSansArabic-Regular') && raw.includes('+NotoSansArabic-Bold'), 'Arabic font');
  assert.ok(raw.includes('+NotoSans-Regular'), 'Latin font for the Latin name');
  assert.ok(raw.includes('/ActualText'));
  assert.equal(infoString(pdf, 'Title'), arabicReport.title);
});

test(
  'an Arabic report, read back: shaped words in logical order, laid out right to left',
  { skip: !hasPdftotext && 'pdftotext is not installed' },
  async () => {
    const pdf = await renderPdf(arabicReport);
    const text = skeleton(pdftotext(pdf));
    assertInOrder(text, ['تقرير التقييم الذاتي', 'الملخص', 'حصلت محطة', 'Welding Station A', 'على', '4.5', 'من', '5', 'في عام', '2025'].map(skeleton));
    assertInOrder(text, ['النقطة الأولى', 'النقطة الثانية'].map(skeleton));

    // Visually: the Latin name reads left to right inside the right-to-left sentence, which ends at the right margin.
    const words = [...pdftotext(pdf, '-bbox').matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)];
    const x = (word: string): number => Number(words.find((match) => match[3] === word)?.[1]);
    assert.ok(x('4.5') < x('Welding') && x('Welding') < x('Station') && x('Station') < x('A'), 'Latin words left to right, after the Arabic before them');
    assert.ok(
      Math.abs(Math.max(...words.filter((match) => /[\u0600-\u06FF]/.test(match[3]!)).map((match) => Number(match[2]))) - (595.28 - 50)) < 1,
      'right-aligned',
    );
    // The table's first column is on the right.
    assert.ok(Number(words.find((match) => match[3] === '3.5')?.[1]) < 300);

    // Shaped: joined letters take much less room than the same letters kept apart by zero-width non-joiners.
    const phrase = 'التقييم الذاتي';
    const shaped = pdftotext(
      await renderPdf({
        lang: 'ar',
        title: '',
        blocks: [
          { kind: 'paragraph', text: phrase },
          { kind: 'paragraph', text: [...phrase].join('\u200C') },
        ],
      }),
      '-bbox',
    );
    const lines = new Map<string, number[]>();
    for (const [, xMin, yMin, xMax] of shaped.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"/g))
      lines.set(yMin!, [...(lines.get(yMin!) ?? []), Number(xMin), Number(xMax)]);
    const [joined, apart] = [...lines.values()].map((xs) => Math.max(...xs) - Math.min(...xs));
    assert.ok(joined! < apart! * 0.8, `joined ${joined}, apart ${apart}`);
  },
);

test('a certificate: landscape, one framed page, centred lines, no footer unless asked', async (t) => {
  const certificate: PdfDocument = {
    lang: 'fr',
    style: 'certificate',
    title: 'Certificat de participation',
    blocks: [
      { kind: 'paragraph', text: 'Ce certificat est décerné à' },
      { kind: 'heading', text: 'Centre de formation de Lyon', level: 1 },
      { kind: 'paragraph', text: 'pour sa participation à l’auto-évaluation 2025.', muted: true },
    ],
  };
  const pdf = await renderPdf(certificate);
  assert.equal(pageCount(pdf), 1);
  assert.ok(pdf.toString('latin1').includes('/MediaBox [0 0 841.89 595.28]'));
  if (!hasPdftotext) return t.skip('pdftotext is not installed');
  const text = pdftotext(pdf, '-bbox');
  assert.ok(!/>1<\/word>/.test(text), 'no page numbers');
  const words = [...text.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)];
  const line = words.filter((word) => word[2] === words.find((first) => first[4] === 'Ce')?.[2]);
  const centre = (Number(line[0]![1]) + Number(line.at(-1)![3])) / 2;
  assert.ok(Math.abs(centre - 841.89 / 2) < 1, `centred at ${centre}`);
  const withFooter = pdftotext(await renderPdf({ ...certificate, lang: 'ar', title: 'شهادة مشاركة', footer: 'IntVE' }));
  assert.match(withFooter, /1 ?\/ ?1/);
  assert.ok(withFooter.includes('IntVE'));
});

test('odd input does not throw: empty strings, unbreakable words, empty tables, leading page breaks', { timeout: 10_000 }, async () => {
  const long = 'x'.repeat(150);
  const arabicLong = 'كلمة'.repeat(30);
  for (const lang of ['en', 'ar'] as const) {
    const pdf = await renderPdf({
      lang,
      title: '',
      footer: '',
      blocks: [
        { kind: 'pageBreak' },
        { kind: 'heading', text: '', level: 2 },
        { kind: 'paragraph', text: '' },
        { kind: 'paragraph', text: `${long} ${arabicLong}\n\nsecond paragraph (with brackets) [and more]` },
        { kind: 'bullets', items: [] },
        { kind: 'bullets', items: ['', '   '] },
        { kind: 'table', head: [], rows: [] },
        { kind: 'table', caption: 'caption only', head: [], rows: [] },
        { kind: 'table', head: ['a'], rows: [] },
        { kind: 'table', head: [], rows: [['', 'no header'], ['one cell']], widths: [0, -1] },
        {
          kind: 'table',
          head: ['narrow', 'wide'],
          widths: [1, 30],
          rows: [
            [long, arabicLong],
            ['', ''],
          ],
        },
        { kind: 'table', head: ['tall'], rows: [[Array.from({ length: 120 }, (_, i) => `line-${i}`).join('\n')]] },
        { kind: 'pageBreak' },
        { kind: 'pageBreak' },
      ],
    });
    assert.ok(pdf.toString('latin1').startsWith('%PDF-1.7'));
    if (hasPdftotext) assert.ok(pdftotext(pdf).includes('line-119'), 'a row taller than a page goes on in pieces');
  }
  assert.ok((await renderPdf({ lang: 'en', title: 'Empty', blocks: [], style: 'certificate' })).length > 0);
});

test('Arabic with harakat renders: fontkit fails on some marks, so they are left out ("كافٍ" threw)', async () => {
  const pdf = await renderPdf({
    lang: 'ar',
    title: 'تقرير',
    blocks: [
      { kind: 'paragraph', text: 'عدد غير كافٍ من الإجابات، وشُكرًا' },
      { kind: 'table', head: ['المعيار'], rows: [['غير كافٍ']] },
    ],
  });
  assert.equal(pdf.subarray(0, 8).toString(), '%PDF-1.7');
});

test('a QR code in a PDF reads back as its link, and is a tagged figure with its caption', { skip: !hasPoppler && 'pdftoppm is not installed' }, async () => {
  const link = 'https://intve.example.eu/en/survey/Wq3sF0n8v2Kx7cYbT1mZp4RgH6jD9eLaQuNoVwXyIiE';
  for (const style of ['report', 'certificate'] as const) {
    const pdf = await renderPdf({
      lang: style === 'report' ? 'en' : 'ar',
      title: 'Poster',
      style,
      blocks: [
        { kind: 'heading', text: 'Scan to answer', level: 1 },
        { kind: 'qr', text: link, caption: 'QR code of the questionnaire’s address', size: 160 },
      ],
    });
    assert.equal(await scanQr(pdfPage(pdf, 1, 100)), link, style);
    assert.match(pdf.toString('latin1'), /\/S \/Figure/);
  }
});
