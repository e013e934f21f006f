import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { geoContains } from 'd3-geo';
import { countries } from '../../../modules/centres/lists.ts';
import { assertValid, contrast, cssRule, tableRows, tags } from '../../charts/reading.ts';
import { atlasCodes } from './atlas-codes.ts';
import { countryMap, scaleSteps, SHADES, type CountryMapOptions } from './country-map.ts';
import { atlas, countryGeometries, mapGeometry } from './geometry.ts';

// What the country map promises: every country of the platform on it, links for countries with
// centres (named, to the caller's addresses), the same figures in a table, the selection marked,
// the caller's text escaped, colours with enough contrast, and a drawing light enough for a slow
// connection.

const names: Record<string, string> = { FR: 'France', DE: 'Germany', MT: 'Malta', UA: 'Ukraine', PT: 'Portugal', XK: 'Kosovo', GB: 'United Kingdom' };
const options = (over: Partial<CountryMapOptions> = {}): CountryMapOptions => ({
  id: 'map',
  caption: 'Centres by country',
  counts: new Map([
    ['DE', 14],
    ['FR', 12],
    ['MT', 1],
    ['XK', 2],
    ['PT', 2],
    ['UA', 0],
  ]),
  countryName: (code) => names[code] ?? code,
  href: (code) => `/en/centres?country=${code}`,
  linkLabel: (code, n) => `${names[code] ?? code}: ${n} centres`,
  tableHeadings: { country: 'Country', count: 'Centres' },
  formatNumber: (n) => String(n),
  legend: { title: 'Number of centres' },
  ...over,
});

const svgOf = (markup: string) => /<svg[\s\S]*<\/svg>/.exec(markup)![0];
/** The map's links: each one's attributes, accessible name (its title) and what it draws. */
const links = (markup: string) =>
  [...svgOf(markup).matchAll(/<a ([^>]*)><title>([^<]*)<\/title>([\s\S]*?)<\/a>/g)].map((m) => ({
    attrs: tags(`<a ${m[1]!}>`, 'a')[0]!,
    name: m[2]!,
    body: m[3]!,
  }));

describe('country map: the countries', () => {
  test('every country of the platform has a line in the map’s table of codes, and no other', () => {
    assert.deepEqual(Object.keys(atlasCodes).sort(), [...countries].sort());
  });

  test('every country of the platform is drawn: a shape, or a marker where it is too small to see', () => {
    const { shapes } = mapGeometry();
    for (const code of countries) {
      const s = shapes.get(code);
      assert.ok(s, `${code} is on the map`);
      assert.ok(s.d.length > 0 || s.marker, `${code} has a shape or a marker`);
    }
    for (const code of ['MT', 'LI', 'LU', 'CY', 'ME', 'XK', 'PS']) assert.ok(shapes.get(code)!.marker, `${code} has a marker`);
    for (const code of ['FR', 'DE', 'KZ', 'TR']) assert.equal(shapes.get(code)!.marker, null, `${code} needs no marker`);
  });

  test('Crimea is drawn as part of Ukraine and northern Cyprus as part of Cyprus, as the EU and ISO 3166 have them', () => {
    const { countries: shapes, context } = countryGeometries(atlas());
    const simferopol: [number, number] = [34.1, 44.95];
    const kyrenia: [number, number] = [33.32, 35.33];
    assert.ok(geoContains(shapes.get('UA')!, simferopol));
    assert.ok(!geoContains(context, simferopol), 'not in the land around');
    assert.ok(geoContains(shapes.get('CY')!, kyrenia));
    assert.ok(!geoContains(context, kyrenia));
  });

  test('the drawing is computed once per process', () => {
    assert.equal(mapGeometry(), mapGeometry());
  });
});

describe('country map: the figure', () => {
  test('is valid HTML without inline styles, and a figure with its caption, a titled SVG that is never mirrored, a key and a table', async () => {
    const map = countryMap(options());
    await assertValid(map, 'country map');
    assert.match(map.value, /^<figure class="country-map" id="map">\s*<figcaption id="map-caption">Centres by country<\/figcaption>/);
    const svg = tags(map.value, 'svg')[0]!;
    assert.equal(svg.dir, 'ltr');
    assert.equal(svg.width, '100%');
    assert.equal(svg.role, 'group', 'a group of links, not an image');
    assert.match(svg.viewBox!, /^0 0 1000 \d+$/);
    assert.match(map.value, /<svg [^>]*><title>Centres by country<\/title>/);
    assert.match(map.value, /<ul aria-labelledby="map-legend">/);
  });

  test('countries with centres are links to the given address, named with the given label; others are not links', () => {
    const found = links(countryMap(options()).value);
    assert.deepEqual(
      found.map((l) => [l.attrs.href, l.name]),
      [
        // Large countries first, most centres first; the small ones' markers after them, drawn on top.
        ['/en/centres?country=DE', 'Germany: 14 centres'],
        ['/en/centres?country=FR', 'France: 12 centres'],
        ['/en/centres?country=PT', 'Portugal: 2 centres'],
        ['/en/centres?country=XK', 'Kosovo: 2 centres'],
        ['/en/centres?country=MT', 'Malta: 1 centres'],
      ],
    );
    for (const l of found.filter((x) => ['XK', 'MT'].some((c) => x.attrs.href!.endsWith(c))))
      assert.match(l.body, /<circle /, 'a small country’s link holds its marker');
    // Ukraine (0) and every country without a count are drawn in a hidden group, not as links.
    assert.match(countryMap(options()).value, /<g class="cm-zero" aria-hidden="true"><path d="m/);
  });

  test('shades follow the scale of the counts, the darkest for the most', () => {
    const found = links(countryMap(options()).value);
    const shade = (code: string) => found.find((l) => l.attrs.href!.endsWith(code))!.attrs.class;
    assert.deepEqual(scaleSteps(14), [
      [1, 2],
      [3, 5],
      [6, 10],
      [11, 14],
    ]);
    assert.equal(shade('DE'), 'cm-4');
    assert.equal(shade('FR'), 'cm-4');
    assert.equal(shade('PT'), 'cm-1');
    assert.equal(shade('MT'), 'cm-1');
    assert.deepEqual(scaleSteps(3), [
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    assert.deepEqual(scaleSteps(0), []);
    for (const max of [5, 8, 37, 120, 4321]) {
      const steps = scaleSteps(max);
      assert.ok(steps.length >= 3 && steps.length <= 4, `${max}: three or four steps`);
      assert.equal(steps[0]![0], 1);
      assert.equal(steps.at(-1)![1], max);
      steps.forEach(([from, to], i) => assert.ok(from <= to && (i === 0 || from === steps[i - 1]![1] + 1), `${max}: steps follow each other`));
    }
  });

  test('the table lists every country with centres, most first then by name, with the same numbers and links', () => {
    const map = countryMap(options({ counts: new Map([...options().counts, ['GB', 2]]) }));
    const rows = tableRows(map.value).map((r) => r.cells.map((c) => c.text));
    assert.deepEqual(rows, [
      ['<a href="/en/centres?country=DE">Germany</a>', '14'],
      ['<a href="/en/centres?country=FR">France</a>', '12'],
      ['<a href="/en/centres?country=XK">Kosovo</a>', '2'],
      ['<a href="/en/centres?country=PT">Portugal</a>', '2'],
      // A country the map does not draw is still in the table.
      ['<a href="/en/centres?country=GB">United Kingdom</a>', '2'],
      ['<a href="/en/centres?country=MT">Malta</a>', '1'],
    ]);
    assert.ok(!links(map.value).some((l) => l.attrs.href!.endsWith('GB')), 'no link on the map for a country it does not draw');
  });

  test('the selected countries are outlined on the map and marked current in the map and the table', () => {
    const map = countryMap(options({ selected: ['FR', 'MT', 'UA'] })).value;
    const current = links(map).filter((l) => l.attrs['aria-current'] === 'true');
    assert.deepEqual(
      current.map((l) => l.attrs.href),
      ['/en/centres?country=FR', '/en/centres?country=MT'],
    );
    assert.match(map, /<a href="\/en\/centres\?country=FR" aria-current="true">France<\/a>/);
    // Each selected country, Ukraine without centres too, is outlined by copies of its shape drawn on top.
    const rings = tags(/<g class="cm-rings"[\s\S]*<\/svg>/.exec(map)![0], 'use').map((u) => u.href);
    assert.deepEqual(rings.sort(), ['#map-fr', '#map-fr', '#map-mt', '#map-mt', '#map-ua', '#map-ua']);
    for (const id of ['map-fr', 'map-mt', 'map-ua']) assert.equal(map.split(` id="${id}"`).length, 2, `one element is ${id}`);
    assert.match(map, /<circle id="map-mt" /, 'a small country’s outline is its marker’s');
  });

  test('with no centres anywhere, every country is drawn, none a link, and there is no table', () => {
    const map = countryMap(options({ counts: new Map() })).value;
    assert.equal(links(map).length, 0);
    assert.ok(!map.includes('<table'));
    assert.match(map, /<li><span class="cm-swatch cm-swatch-0"><\/span>0<\/li>\s*<\/ul>/, 'the key has the blank only');
  });

  test('text from the caller stays text', async () => {
    const evil = '<script>alert("x")</script> & "q"';
    const map = countryMap(
      options({
        caption: evil,
        countryName: () => evil,
        linkLabel: () => evil,
        href: (code) => `/en/centres?country=${code}&x="><script>`,
        legend: { title: evil, step: () => evil },
      }),
    );
    assert.ok(!map.value.includes('<script'));
    assert.ok(map.value.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;q&quot;'));
    assert.ok(map.value.includes('href="/en/centres?country=DE&amp;x=&quot;&gt;&lt;script&gt;"'));
    await assertValid(map, 'country map with markup in its text');
  });

  test('refuses an id that is not [a-z0-9-]', () => {
    assert.throws(() => countryMap(options({ id: 'a b' })), /id must be/);
  });
});

describe('country map: weight and colours', () => {
  test('the map stays light on a slow connection: under 40 KB of SVG with every country a link', () => {
    const all = new Map(countries.map((c, i) => [c, i + 1]));
    const svg = svgOf(countryMap(options({ counts: all, selected: ['FR'] })).value);
    assert.ok(Buffer.byteLength(svg) < 40_000, `the SVG is ${Buffer.byteLength(svg)} bytes`);
  });

  test('each shade has 3:1 against white (the sea, the borders, countries without centres) and the land around; the stylesheet uses them', () => {
    const land = cssRule('.cm-land').fill!;
    for (const [i, shade] of SHADES.entries()) {
      assert.ok(contrast(shade, '#ffffff') >= 3, `${shade} on white: ${contrast(shade, '#ffffff').toFixed(2)}`);
      assert.ok(contrast(shade, land) >= 3, `${shade} on ${land}: ${contrast(shade, land).toFixed(2)}`);
      assert.equal(cssRule(`.cm-${i + 1}`).fill, shade);
      assert.equal(cssRule(`.cm-swatch-${i + 1}`).background, shade);
    }
    assert.equal(cssRule('.country-map-svg a').stroke, '#ffffff');
    // Countries without centres: white, with borders of 3:1 against white and the land.
    const zero = cssRule('.cm-zero');
    assert.ok(contrast(zero.stroke!, '#ffffff') >= 3 && contrast(zero.stroke!, land) >= 3);
  });
});
