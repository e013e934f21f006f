import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engine, testApp, type TestApp } from '../../../test/helpers/app.ts';
import { analyse, normaliseArabic } from './analyse.ts';
import { excerpt } from './views/search.ts';

// Arabic readers search the translated starter content in Arabic, with the article and in the
// plural. Runs on SQLite by default and on PostgreSQL when DATABASE_URL names one.

const links = (body: string) => [...body.matchAll(/<h[23][^>]*>\s*<a [^>]*href="([^"#]+)(?:#[^"]*)?"/g)].map((m) => m[1]!);
const get = (t: TestApp, path: string, q: string) => t.get(`${path}?q=${encodeURIComponent(q)}`);

describe('Arabic word forms', () => {
  test('the singular, the plural, with the article, a conjunction or a pronoun all meet', () => {
    const forms = ['شراكة', 'شراكات', 'الشراكة', 'الشراكات', 'والشراكات', 'وشراكات', 'بالشراكة', 'للشراكات', 'شراكاتها', 'شراكاتك'];
    for (const form of forms) assert.deepEqual(analyse(form, 'ar'), analyse('شراكة', 'ar'), form);
    assert.deepEqual(analyse('دراسات', 'ar'), analyse('الدراسة', 'ar'));
    assert.deepEqual(analyse('المؤسسات', 'ar'), analyse('مؤسسات', 'ar'));
  });

  test('tashkeel, shadda, tatweel and alef forms do not matter', () => {
    assert.deepEqual(analyse('التميّز المهنيّ', 'ar'), analyse('التميز المهني', 'ar'));
    assert.deepEqual(analyse('شـراكـة', 'ar'), analyse('شراكة', 'ar'));
    assert.deepEqual(analyse('أداة', 'ar'), analyse('اداة', 'ar'));
    assert.deepEqual(analyse('مدرسه', 'ar'), analyse('مدرسة', 'ar'));
  });

  test('the normalisation leaves Latin text and short words alone', () => {
    assert.equal(normaliseArabic('SELFIE for work-based learning'), 'SELFIE for work-based learning');
    assert.equal(normaliseArabic('ذات والد'), 'ذات والد');
  });

  test('the excerpt highlights the whole Arabic word, after letters with shadda', () => {
    const out = String(excerpt('حدّد الشركاء المحتملين. بناء الشراكات مع القطاع الخاص', ['الشراكات']));
    assert.match(out, /بناء <mark>الشراكات<\/mark> مع/);
    assert.match(String(excerpt('اكتب لكل شراكة اتفاقية بسيطة', ['الشراكات'])), /لكل <mark>شراكة<\/mark> اتفاقية/);
  });
});

describe(`searching the starter content in Arabic (${engine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  test('the e-library finds translated resources for «شراكة», in the singular and the plural', async () => {
    for (const q of ['شراكة', 'الشراكات', 'شراكات']) {
      const res = await get(t, '/ar/library', q);
      assert.equal(res.statusCode, 200);
      const found = links(res.body);
      // "اتفاقية الشراكة" in one description, "شراكات بحثية" (plural, no article) in the other
      assert.ok(found.includes('/ar/library/ecovem-memorandum-of-understanding'), `${q}: ${found.join(' ')}`);
      assert.ok(found.includes('/ar/library/ecovem-bsec-action-plan'), `${q}: ${found.join(' ')}`);
    }
  });

  test('a resource kept under its English title shows it marked as English, with its Arabic description', async () => {
    const res = await get(t, '/ar/library', 'شراكة');
    assert.match(res.body, /lang="en"[^>]*>[^<]*Memorandum of Understanding for the European Centre of Vocational Excellence in Microelectronics/);
    const page = await t.get('/ar/library/ecovem-memorandum-of-understanding');
    assert.match(page.body, /منصة أوروبية يتعاون فيها الشركاء على التميز المهني/);
  });

  test('site search finds the translated stations and packages for «الشراكات»', async () => {
    const res = await get(t, '/ar/search', 'الشراكات');
    assert.equal(res.statusCode, 200);
    const found = links(res.body);
    for (const path of ['/ar/packages/1', '/ar/packages/1/stations/1', '/ar/packages/2/stations/1'])
      assert.ok(found.includes(path), `${path} in ${found.join(' ')}`);
    assert.match(res.body, /<a href="\/ar\/packages\/1\/stations\/1">بناء الشراكات مع القطاع الخاص<\/a>/);
    assert.match(res.body, /<mark>الشراكات<\/mark>/);
    const all = await t.get(`/ar/search?q=${encodeURIComponent('الشراكات')}&page=2`);
    assert.equal(all.statusCode, 200);
  });

  test('site search finds translated case studies, spotlight items and pages in Arabic', async () => {
    const cases = links((await get(t, '/ar/search', 'السياحة')).body);
    assert.ok(cases.includes('/ar/case-studies/tourx'), cases.join(' '));
    const spotlight = (await get(t, '/ar/search', 'الطاقة الشمسية')).body;
    assert.match(spotlight, /href="\/ar\/spotlight#net-zero-academies"/);
    const about = links((await get(t, '/ar/search', 'مقابلات')).body);
    assert.ok(
      about.some((p) => p.startsWith('/ar/about') || p.startsWith('/ar/case-studies/')),
      about.join(' '),
    );
  });
});
