import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

describe('knowledge hub pages', () => {
  test('the home page shows both packages side by side, the checker, case studies and the spotlight', async () => {
    const res = await t.get('/en');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    const html = res.body;
    assert.match(html, /Strengthening private sector partnerships for impactful training that meets labour market and societal needs/);
    assert.match(html, /Building skills ecosystems for innovation, smart specialisation and socio-economic development/);
    assert.match(html, /action="\/en\/checker\/result" method="get"/);
    assert.match(html, /TourX - Centres of Vocational Excellence for the Tourism Industry/);
    assert.match(html, /ETF Network for Excellence \(ENE\)/);
    assert.equal(html.match(/<h1[\s>]/g)?.length, 1);
  });

  test('a package page lists its six challenges and three stations', async () => {
    const res = await t.get('/en/packages/2');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Using advanced technologies in education and training/);
    for (const n of [1, 2, 3]) assert.match(res.body, new RegExp(`href="/en/packages/2/stations/${n}"`));
    assert.equal(res.body.match(/<ul class="checklist">([\s\S]*?)<\/ul>/)?.[1]?.match(/<li/g)?.length, 6);
  });

  test('a station page walks context, challenges, every action group and resources, with its place in the package', async () => {
    const res = await t.get('/en/packages/2/stations/1');
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.match(html, /Station 1 of 3/);
    assert.match(html, /Participating in the development of local, national, and international skills ecosystems\./);
    assert.match(html, /Engage partners through a shared vision and emphasis on mutual benefits/);
    assert.match(html, /Define the mutual benefits of cooperation for enterprise and education\./);
    assert.match(html, /Skills ecosystem management toolkit/);
    assert.match(html, /href="\/en\/library\?station=2-1"/);
    assert.match(html, /rel="next" href="\/en\/packages\/2\/stations\/2"/);
    assert.doesNotMatch(html, /rel="prev"/);
  });

  test('the last station links back to the previous one and not forward', async () => {
    const res = await t.get('/en/packages/2/stations/3');
    assert.match(res.body, /rel="prev" href="\/en\/packages\/2\/stations\/2"/);
    assert.doesNotMatch(res.body, /rel="next"/);
  });

  test('a case study page shows the centre, its three takeaways and the quote with the speaker', async () => {
    const res = await t.get('/en/case-studies/tourx');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Creating vocational excellence through a bottom-up knowledge triangle model in the Attica region/);
    assert.equal(res.body.match(/id="takeaways-heading"[\s\S]*?<ol[^>]*>([\s\S]*?)<\/ol>/)?.[1]?.match(/<li>/g)?.length, 3);
    assert.match(res.body, /VET school representative/);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(res.body)![1]!) as Record<string, unknown>;
    assert.equal(ld['@type'], 'Article');
  });

  test('the spotlight page shows the five general resources in order', async () => {
    const res = await t.get('/en/spotlight');
    const titles = [...res.body.matchAll(/<h2 id="[a-z0-9-]+-heading"[^>]*>([^<]+)<\/h2>/g)].map((m) => m[1]);
    assert.equal(titles.length, 5);
    assert.equal(titles[0], 'ETF Network for Excellence (ENE)');
  });

  test('a page in French marks English text it shows untranslated with lang="en"', async () => {
    // The centre's name has no French field: it stays as published and falls back to English.
    const res = await t.get('/fr/case-studies/ceef');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="fr" dir="ltr">/);
    assert.match(res.body, /<h1 lang="en">Centre of Excellence for Economics and Finance \(CEEF\)<\/h1>/);
    assert.match(res.body, /<p class="lead">Un écosystème solide/);
  });

  test('an Arabic page is laid out right to left and English fallbacks are marked left to right', async () => {
    // The centre's name is kept as published, so the Arabic translation leaves it to the English.
    const res = await t.get('/ar/case-studies/ceef');
    assert.match(res.body, /<html lang="ar" dir="rtl">/);
    assert.match(res.body, /<h1 lang="en" dir="ltr">/);
  });

  test('translated package fields show in French without a fallback marker', async () => {
    const res = await t.get('/fr/packages/1');
    const h1 = /<h1([^>]*)>/.exec(res.body)![1];
    assert.equal(h1, '');
  });

  test('an unknown package or station gets a helpful 404 page in the language of the address', async () => {
    for (const url of ['/en/packages/9', '/en/packages/2/stations/7', '/fr/case-studies/nope']) {
      const res = await t.get(url);
      assert.equal(res.statusCode, 404, url);
    }
    const res = await t.get('/fr/packages/9');
    assert.match(res.body, /<html lang="fr"/);
    assert.match(res.body, /href="\/fr\/library"/);
  });

  test('a malformed station number gets a 400 page that says what was wrong', async () => {
    const res = await t.get('/en/packages/two/stations/1');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /“number”/);
    assert.doesNotMatch(res.body, /at .*\.ts:\d+/);
  });
});

describe('challenge checker', () => {
  test('ticking only advanced challenges recommends Package 2 and the stations that help, with reasons', async () => {
    const res = await t.get('/en/checker/result?c=shared-vision');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Start with Package 2/);
    assert.match(res.body, /href="\/en\/packages\/2\/stations\/1"/);
    assert.match(res.body, /Creating a shared vision of participation in skills ecosystems with industrial partners/);
  });

  test('a tie between the packages recommends the beginner package first', async () => {
    const pkg1 = await t.get('/en/checker');
    const ids = [...pkg1.body.matchAll(/name="c" value="([a-z0-9-]+)"/g)].map((m) => m[1]);
    assert.equal(ids.length, 12);
    const res = await t.get(`/en/checker/result?c=${ids[0]}&c=${ids[6]}`);
    assert.match(res.body, /Start with Package 1/);
    assert.match(res.body, /the same number of challenges in each package/);
  });

  test('the result keeps the ticked boxes so the person can change their answers', async () => {
    const res = await t.get('/en/checker/result?c=shared-vision');
    assert.match(res.body, /value="shared-vision" id="field-c-\d+-\d+" checked/);
  });

  test('submitting nothing shows the form again with an error summary', async () => {
    const res = await t.get('/en/checker/result');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /Tick at least one challenge/);
  });

  test('an unknown challenge id is refused with a 400 page', async () => {
    const res = await t.get('/en/checker/result?c=not-a-challenge');
    assert.equal(res.statusCode, 400);
  });
});

describe('station resources at scale', () => {
  test('a station with many resources lists the first twelve and links to all of them in the e-library', async () => {
    const { testDatabase } = await import('../../../test/helpers/app.ts');
    const { upsertResource } = await import('../../content/repository/writes.ts');
    const { createSearch } = await import('../search/index.ts');
    const { libraryService } = await import('../library/service.ts');
    const { knowledgeService, STATION_RESOURCES } = await import('./service.ts');
    const d = await testDatabase({ starterContent: true });
    try {
      const search = createSearch(d.database);
      const before = (await knowledgeService(
        d.database.db,
        libraryService(d.database.db, search, () => 'v1'),
      ).station(1, 1, 'en'))!;
      for (let i = 0; i < 20; i++) {
        await upsertResource(d.database.db, {
          slug: `extra-${i}`,
          type: 'toolkit',
          source: 'Test',
          link: null,
          year: null,
          translations: [{ lang: 'en', title: `Extra resource ${i}`, description: null }],
          themes: [],
          sectors: [],
          countries: [],
          languages: ['en'],
          stations: [{ packageNumber: 1, position: 1 }],
          packages: [],
        });
      }
      const after = (await knowledgeService(
        d.database.db,
        libraryService(d.database.db, search, () => 'v2'),
      ).station(1, 1, 'en'))!;
      assert.equal(after.resources.length, STATION_RESOURCES);
      assert.equal(after.resourceTotal, before.resourceTotal + 20);
    } finally {
      await d.close();
    }
  });
});
