import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, mock, test } from 'node:test';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import { addressOf } from '../../db/database.ts';
import { inWorker } from '../../platform/offthread/offthread.ts';
import { buildFacetState, facetIndexTask } from './facet-build.ts';
import type { FacetState } from './facet-index.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const count = (html: string) => /class="result-count"[^>]*>([^<]*)</.exec(html)?.[1];
const titles = (html: string) => [...html.matchAll(/<li class="result">\s*<h3><a href="\/\w\w\/library\/([a-z0-9-]+)"/g)].map((m) => m[1]);
const facetCount = (html: string, facet: string, value: string) => {
  const re = new RegExp(
    `name="${facet}" value="${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>\\s*<label[^>]*>[\\s\\S]*?<span class="count">\\(([\\d,]+)\\)`,
  );
  return Number(re.exec(html)?.[1]?.replace(',', '') ?? NaN);
};

describe('e-library', () => {
  test('the first page lists resources alphabetically with facet counts', async () => {
    const res = await t.get('/en/library');
    assert.equal(res.statusCode, 200);
    const slugs = titles(res.body);
    assert.equal(slugs.length, 20);
    assert.match(count(res.body)!, /Resources 1–20 of \d+/);
    assert.ok(facetCount(res.body, 'package', '2') >= 15);
    assert.ok(facetCount(res.body, 'type', 'toolkit') >= 1);
  });

  test('word forms match: "partnership" finds resources that say "partnerships"', async () => {
    const one = await t.get('/en/library?q=partnership');
    const many = await t.get('/en/library?q=partnerships');
    assert.ok(titles(one.body).length > 0);
    assert.deepEqual(titles(one.body).sort(), titles(many.body).sort());
  });

  test('search ignores accents: "ecosysteme" and "écosystème" find the same resources', async () => {
    const plain = await t.get('/fr/library?q=ecosystem');
    const accented = await t.get(`/fr/library?q=${encodeURIComponent('écosystem')}`);
    assert.ok(titles(plain.body).length > 0);
    assert.deepEqual(titles(plain.body), titles(accented.body));
  });

  test('a search term in the title ranks that resource first', async () => {
    const res = await t.get('/en/library?q=tracer+studies');
    const slugs = titles(res.body);
    assert.ok(slugs.length >= 2);
    assert.match(slugs[0]!, /tracer/);
  });

  test('facets narrow results, and each facet counts what choosing it would give', async () => {
    const all = await t.get('/en/library?package=2');
    const total = Number(/of (\d+)|(\d+) resource/.exec(count(all.body)!)!.slice(1).find(Boolean));
    const typeCount = facetCount(all.body, 'type', 'toolkit');
    const filtered = await t.get('/en/library?package=2&type=toolkit');
    assert.equal(titles(filtered.body).length, typeCount);
    assert.ok(typeCount < total);
    // The package facet still offers package 1 while package 2 is chosen (values within a facet are alternatives).
    assert.ok(facetCount(filtered.body, 'package', '1') >= 0);
    assert.match(filtered.body, /value="toolkit" id="[^"]+" checked/);
  });

  test('two values of one facet are alternatives: type=toolkit&type=guideline finds both kinds', async () => {
    const a = titles((await t.get('/en/library?type=toolkit')).body).length;
    const b = titles((await t.get('/en/library?type=guideline')).body).length;
    const both = titles((await t.get('/en/library?type=toolkit&type=guideline')).body).length;
    assert.equal(both, Math.min(20, a + b));
  });

  test('the station filter lists the resources of that station', async () => {
    const inPack = readdirSync('content/resources').filter((f) =>
      /^stations:.*package-2-station-1\b/m.test(readFileSync(`content/resources/${f}`, 'utf8')),
    ).length;
    const res = await t.get('/en/library?station=2-1');
    assert.ok(inPack > 0);
    assert.equal(titles(res.body).length, inPack);
    assert.ok(titles(res.body).includes('skills-ecosystem-management-toolkit'));
  });

  test('sorting and paging give stable, bookmarkable pages', async () => {
    const first = titles((await t.get('/en/library?sort=title')).body);
    const second = titles((await t.get('/en/library?sort=title&page=2')).body);
    assert.equal(first.length, 20);
    assert.ok(second.length > 0);
    assert.equal(new Set([...first, ...second]).size, first.length + second.length);
    const res = await t.get('/en/library?sort=title');
    assert.match(res.body, /<a rel="next" href="\/en\/library\?sort=title&amp;page=2#results">/);
  });

  test('no match gives a helpful empty state with ways out', async () => {
    const res = await t.get('/en/library?q=zzzyqx&type=toolkit');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /class="empty-state"/);
    assert.match(res.body, /href="\/en\/library\?q=zzzyqx#results"/);
    assert.match(res.body, /href="\/en\/search\?q=zzzyqx"/);
  });

  test('bad parameters get a 400 page naming the parameter', async () => {
    for (const url of ['/en/library?page=0', '/en/library?sort=random', '/en/library?country=greece', `/en/library?q=${'x'.repeat(201)}`]) {
      const res = await t.get(url);
      assert.equal(res.statusCode, 400, url);
    }
    const res = await t.get('/en/library?sort=random');
    assert.match(res.body, /“sort” must be one of: relevance, title, newest, year/);
  });

  test('a resource page shows its source and details, with schema.org data', async () => {
    const res = await t.get('/en/library/skills-ecosystem-management-toolkit');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Skills ecosystem management toolkit<\/h1>/);
    assert.match(res.body, /European Training Foundation/);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(res.body)![1]!) as Record<string, unknown>;
    assert.equal(ld['@type'], 'LearningResource');
    assert.equal(ld.name, 'Skills ecosystem management toolkit');
    assert.equal((await t.get('/en/library/no-such-resource')).statusCode, 404);
  });

  test('a resource that links out has a "Go to the resource" button naming the site it leads to, announced as leaving the platform', async () => {
    const res = await t.get('/en/library/digcomp');
    const access = /<div class="resource-access">([\s\S]*?)<\/div>/.exec(res.body)?.[1] ?? '';
    assert.match(
      access,
      /<a class="button external" href="https:\/\/ec.europa.eu\/social\/main.jsp\?langId=en&amp;catId=1315" rel="noopener noreferrer">Go to the resource<span class="visually-hidden"> \(opens another website\)<\/span><\/a>/,
    );
    assert.match(access, /Website: <span dir="ltr">ec.europa.eu<\/span>/);
    assert.doesNotMatch(res.body, /Search for it by its title and source/);
    const ar = await t.get('/ar/library/digcomp');
    assert.match(ar.body, /class="button external"[^>]*>الانتقال إلى المورد/);
  });

  test('a resource without a link says why, who publishes it and where to ask', async () => {
    const res = await t.get('/en/library/ecovem-memorandum-of-understanding');
    const access = /<div class="resource-access no-link">([\s\S]*?)<\/div>/.exec(res.body)?.[1] ?? '';
    assert.match(
      access,
      /We could not confirm a public address for this resource\. It is published by \u2068ECOVEM – European Centre of Vocational Excellence in Microelectronics\u2069\./,
    );
    assert.match(
      access,
      /ask the publisher for it on their website: <a class="external" href="https:\/\/ecovem.eu\/" rel="noopener noreferrer"><span dir="ltr">ecovem.eu<\/span>/,
    );
    assert.doesNotMatch(res.body, /class="button external"/);
    // With no confirmed website of the publisher, the page names the publisher to ask.
    const none = await t.get('/fr/library/skills-for-the-green-transformation-toolkit');
    assert.match(none.body, /Elle est publiée par \u2068VET Toolbox\u2069\./);
    assert.match(none.body, /Vous pouvez la demander directement à \u2068VET Toolbox\u2069\./);
  });

  test('the list marks the resources that link to their publisher', async () => {
    const res = await t.get('/en/library?q=DigComp');
    const item = /<li class="result">\s*<h3><a href="\/en\/library\/digcomp"[\s\S]*?<\/li>/.exec(res.body)?.[0] ?? '';
    assert.match(item, /<span class="links-out">links to the publisher<\/span>/);
    const other = await t.get('/en/library?q=ECoVEM');
    const without = /<li class="result">\s*<h3><a href="\/en\/library\/ecovem-memorandum-of-understanding"[\s\S]*?<\/li>/.exec(other.body)?.[0];
    assert.ok(without);
    assert.doesNotMatch(without, /links-out/);
  });

  test('the Atom feed lists resources with absolute links', async () => {
    const res = await t.get('/en/library/feed.xml');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /application\/atom\+xml/);
    assert.match(res.body, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    assert.match(res.body, /<link rel="alternate" type="text\/html" href="http:\/\/localhost:3000\/en\/library\/[a-z0-9-]+"\/>/);
  });

  test('a query string on the feed address is served the cached feed, not a new one', async () => {
    // The feed says when it was made (<updated>): a feed made again would say a later time.
    mock.timers.enable({ apis: ['Date'], now: Date.parse('2030-01-01T00:00:00Z') });
    try {
      const first = await t.get('/fr/library/feed.xml');
      mock.timers.tick(60_000);
      const updated = (body: string) => /<feed[\s\S]*?<updated>([^<]+)<\/updated>/.exec(body)?.[1];
      for (const junk of ['?a=1', '?a=2', '?utm_source=x&b=3']) {
        const again = await t.get(`/fr/library/feed.xml${junk}`);
        assert.equal(again.statusCode, 200);
        assert.equal(updated(again.body), updated(first.body), `feed.xml${junk} is the feed made first`);
        assert.equal(again.headers.etag, first.headers.etag);
      }
    } finally {
      mock.timers.reset();
    }
  });
});

describe('e-library after content changes', () => {
  test('a resource added later appears in the list and in search once the content version changes', async () => {
    const { testDatabase } = await import('../../../test/helpers/app.ts');
    const { upsertResource } = await import('../../content/repository/writes.ts');
    const { bumpContentVersion } = await import('../../platform/content-version/repository.ts');
    const { createSearch } = await import('../search/index.ts');
    const { libraryService } = await import('./service.ts');
    const d = await testDatabase({ starterContent: true });
    try {
      const search = createSearch(d.database);
      let version = 'one';
      const library = libraryService(d.database.db, search, () => version);
      const query = { q: '', type: [], package: [], station: [], theme: [], sector: [], source: [], country: [], language: [], year: [], page: 1 };
      const before = await library.list('en', query);
      const id = await upsertResource(d.database.db, {
        slug: 'zebra-guide',
        type: 'guideline',
        source: 'Test source',
        link: null,
        year: 2026,
        translations: [{ lang: 'en', title: 'Zebra crossings in apprenticeships', description: 'Unusual words.' }],
        themes: [],
        sectors: [],
        countries: [],
        languages: ['en'],
        stations: [],
        packages: [],
      });
      await search.index([
        {
          kind: 'resource',
          ref: 'resource:zebra-guide:',
          lang: 'en',
          title: 'Zebra crossings in apprenticeships',
          body: 'Unusual words.',
          path: '/library/zebra-guide',
          resourceId: id,
        },
      ]);
      assert.equal((await library.list('en', query)).total, before.total, 'the same version serves the same index');
      version = await bumpContentVersion(d.database.db);
      assert.equal((await library.list('en', query)).total, before.total + 1);
      const found = await library.list('en', { ...query, q: 'zebra' });
      assert.deepEqual(
        found.items.map((r) => r.slug),
        ['zebra-guide'],
      );
    } finally {
      await d.close();
    }
  });
});

describe('e-library on a phone: results first, filters behind a disclosure', () => {
  const summary = (html: string) => /<details class="filters">\s*<summary>([^<]*)<\/summary>/.exec(html)?.[1];

  test('the filters sit in a closed "Filters (n chosen)" disclosure, and the results follow it with no filter box before them', async () => {
    const none = await t.get('/en/library');
    assert.equal(summary(none.body), 'Filters');
    const two = await t.get('/en/library?type=toolkit&theme=skills-anticipation');
    assert.equal(summary(two.body), 'Filters (2 chosen)');
    assert.equal(summary((await t.get('/fr/library?type=toolkit')).body), 'Filtres (1 choisi)');
    const body = two.body;
    const form = body.indexOf('<form class="library"');
    const details = body.indexOf('<details class="filters">');
    const detailsEnd = body.indexOf('</details>', details);
    const results = body.indexOf('<h2 id="results"');
    assert.ok(form < details && details < results && detailsEnd < results);
    // Every filter box is inside the disclosure; nothing but the search box comes before it.
    const boxes = [...body.matchAll(/<fieldset class="field choice-list facet"/g)].map((m) => m.index);
    assert.ok(boxes.length >= 2 && boxes.every((i) => i > details && i < detailsEnd));
    assert.doesNotMatch(body.slice(form, details), /type="checkbox"/);
  });

  test('applying a filter or turning a page returns to the results', async () => {
    const res = await t.get('/en/library?type=toolkit');
    assert.match(res.body, /<form class="library" action="\/en\/library#results" method="get">/);
    assert.match(res.body, /<h2 id="results"/);
    const all = await t.get('/en/library');
    const pages = [...all.body.matchAll(/<nav class="pagination"[\s\S]*?<\/nav>/g)][0]![0];
    const links = [...pages.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(links.length > 0 && links.every((l) => l.endsWith('#results')));
  });

  test('each active filter is a link to the same search without it, and "Clear all" keeps only the search', async () => {
    const res = await t.get('/en/library?q=skills&type=toolkit&theme=skills-anticipation&sort=newest');
    const chips = /<div class="active-filters">([\s\S]*?)<\/div>/.exec(res.body)![1]!;
    const hrefs = [...chips.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    assert.deepEqual(hrefs, [
      '/en/library?q=skills&theme=skills-anticipation&sort=newest#results',
      '/en/library?q=skills&type=toolkit&sort=newest#results',
      '/en/library?q=skills&sort=newest#results',
    ]);
    assert.match(chips, /Clear all filters/);
    const without = await t.get(hrefs[0]!.replace('#results', ''));
    assert.equal(summary(without.body), 'Filters (1 chosen)');
    assert.doesNotMatch(without.body, /value="toolkit" id="[^"]+" checked/);
  });
});

describe('e-library search pages', () => {
  test('parameters the page ignores neither split the cache nor leak into its links', async () => {
    const plain = await t.get('/en/library?q=partnership&type=toolkit');
    const junk = await t.get('/en/library?type=toolkit&utm_source=mail&q=partnership');
    assert.equal(junk.statusCode, 200);
    assert.equal(junk.headers.etag, plain.headers.etag);
    assert.doesNotMatch(junk.body, /utm_source/);
    assert.match(junk.body, /<link rel="canonical" href="http:\/\/localhost:3000\/en\/library\?q=partnership&amp;type=toolkit">/);
  });
});

describe('e-library with its indexes built in worker threads (a large library)', () => {
  test('the facet index a worker builds is the one the main thread builds', async () => {
    const here = await buildFacetState(t.database.db);
    const there = await inWorker<FacetState>({
      address: addressOf(t.database)!,
      module: facetIndexTask.module.href,
      name: facetIndexTask.name,
    });
    assert.ok(here.ids.length > 20);
    assert.deepEqual(there, here);
    const mod = (await import(facetIndexTask.module.href)) as Record<string, unknown>;
    assert.equal(mod[facetIndexTask.name], facetIndexTask.run);
  });

  test('in the server thread, with builds in worker threads: searches, filters, sorts and languages answer as in the search thread', async () => {
    const token = 'metrics-token-for-this-test';
    const w = await testApp({ env: { INDEX_WORKER_FROM: '0', SEARCH_THREAD: 'false', METRICS_TOKEN: token } });
    try {
      for (const url of [
        '/en/library',
        '/en/library?q=partnership',
        '/en/library?q=skills&type=toolkit&theme=skills-anticipation&sort=newest',
        '/fr/library?q=ecosysteme&sort=relevance',
        '/ar/library?q=الشراكة',
        '/en/library?q=partnrship&page=2',
        '/en/search?q=excellence',
        '/en/packages/2/stations/1',
      ]) {
        const [a, b] = await Promise.all([t.get(url), w.get(url)]);
        assert.equal(b.statusCode, 200, url);
        assert.equal(b.body, a.body, url);
      }
      const metrics = (await w.get('/metrics', { authorization: `Bearer ${token}` })).body;
      assert.ok(Number(/^index_builds_total\{where="worker"\} (\d+)$/m.exec(metrics)?.[1]) >= 2, 'both indexes were built in worker threads');
      assert.match(metrics, /^index_builds_total\{where="fallback"\} 0$/m);
    } finally {
      await w.close();
    }
  });
});
