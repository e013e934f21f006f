import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HtmlValidate } from 'html-validate';
import type { Html } from '../html.ts';
import { barChart, type BarChartOptions } from './bar-chart.ts';
import { distributionChart, type DistributionOptions } from './distribution-chart.ts';
import { heatMap, type HeatMapOptions } from './heat-map.ts';

// The charts: escaped labels, gaps for missing values, mirrored for right-to-left
// pages, a table with the same numbers, readable colours (WCAG contrast computed here from
// the markup, independently of the module), no inline styles, and valid HTML.

const format = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 1 });
const evil = 'Mentors <script>alert("x")</script> & "quotes"';
const long = 'Work-based learning is planned together with the partner companies of the region';

const bars = (over: Partial<BarChartOptions> = {}): BarChartOptions => ({
  id: 'scores',
  title: 'Average score per criterion',
  tableLabel: 'Show as a table',
  rowHeader: 'Criterion',
  series: [{ key: 'all', label: 'All groups' }],
  rows: [
    { label: evil, values: [3.4] },
    { label: 'Teacher training', values: [null] },
    { label: long, lang: 'fr', values: [1] },
    { label: 'Digital skills', values: [5] },
  ],
  min: 1,
  max: 5,
  format,
  missingLabel: 'not enough answers',
  dir: 'ltr',
  ...over,
});

const grouped = (over: Partial<BarChartOptions> = {}): BarChartOptions =>
  bars({
    id: 'groups',
    series: [
      { key: 'leaders', label: 'Leaders' },
      { key: 'teachers', label: `Teachers ${evil}` },
      { key: 'companies', label: 'Companies' },
    ],
    rows: [
      { label: 'Shared vision', values: [4.2, null, 3] },
      { label: long, values: [2, 2.5, null] },
    ],
    ...over,
  });

const heat = (over: Partial<HeatMapOptions> = {}): HeatMapOptions => ({
  id: 'heat',
  title: 'Groups by criterion',
  tableLabel: 'Show as a table',
  cornerHeader: 'Group',
  rows: [{ label: 'Leaders' }, { label: evil }, { label: 'القادة', lang: 'ar' }],
  columns: [{ label: long }, { label: 'Teacher training' }, { label: 'Inclusion', lang: 'fr' }, { label: 'Digital skills' }, { label: 'Funding' }],
  // Every step of the colour scale is used, so every text/fill pair is checked below.
  values: [
    [1, 1.9, 2.7, 3.5, 5],
    [null, 3, null, 4.6, 1.2],
    [2.2, 3.3, 4.4, 1.1, 4],
  ],
  min: 1,
  max: 5,
  format,
  missingLabel: 'not enough answers',
  dir: 'ltr',
  legend: { low: 'low', high: 'high' },
  ...over,
});

const distribution = (over: Partial<DistributionOptions> = {}): DistributionOptions => ({
  id: 'answers',
  title: 'Answers per indicator',
  tableLabel: 'Show as a table',
  rowHeader: 'Indicator',
  categories: ['1', '2', '3', '4', '5', 'not applicable', evil].map((label, k) => ({ key: `c${k}`, label })),
  rows: [
    // Equal shares: every segment is wide enough for its count, so every colour carries text.
    { label: long, counts: [10, 10, 10, 10, 10, 10, 10] },
    { label: 'Teacher training', lang: 'fr', counts: [0, 1, 2, 300, 40, 0, 1] },
    { label: 'No answers yet', counts: [0, 0, 0, 0, 0, 0, 0] },
  ],
  format,
  dir: 'ltr',
  ...over,
});

// --- a little markup reading, enough for the markup these functions write ---

/** The opening tags of an element, each as its attributes. */
function tags(markup: string, name: string): Record<string, string>[] {
  return [...markup.matchAll(new RegExp(`<${name}(\\s[^>]*)?/?>`, 'g'))].map((m) => Object.fromEntries([...(m[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
}
const svgOf = (markup: string) => /<svg[\s\S]*<\/svg>/.exec(markup)![0];
const tableOf = (markup: string) => /<table>[\s\S]*<\/table>/.exec(markup)![0];
const viewBoxWidth = (markup: string) => Number(tags(markup, 'svg')[0]!.viewBox!.split(' ')[2]);
/** Body rows of the table, each as its cells' opening tag name and text. */
function tableRows(markup: string): { cells: { tag: string; attrs: string; text: string }[] }[] {
  const tbody = /<tbody>([\s\S]*)<\/tbody>/.exec(tableOf(markup))![1]!;
  return [...tbody.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) => ({ cells: [...tr[1]!.matchAll(/<(th|td)([^>]*)>([\s\S]*?)<\/\1>/g)].map((c) => ({ tag: c[1]!, attrs: c[2]!, text: c[3]! })) }));
}

// --- WCAG 2.1 contrast, computed independently of the module ---

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}
function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Every fill with text drawn over it: a <g class="cell|segment"> holds the rect and then its text. */
function textOnFillPairs(markup: string): { fill: string; text: string }[] {
  return [...markup.matchAll(/<g class="(?:cell|segment)"><rect [^>]*fill="(#[0-9a-f]{6})"[^>]*\/><text [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => ({ fill: m[1]!, text: m[2]! }));
}
/** Text drawn straight on the white background (everything outside cells and segments). */
function textOnWhite(markup: string): string[] {
  const outside = svgOf(markup).replace(/<g class="(?:cell|segment)">[\s\S]*?<\/g>/g, '');
  return tags(outside, 'text').map((t) => t.fill!);
}

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'no-inline-style': 'error',
    // The page wrapper below writes the lowercase doctype, as the site's layout does (the browser suite sets the same).
    'doctype-style': ['error', { style: 'lowercase' }],
  },
});
async function assertValid(chart: Html, what: string): Promise<void> {
  const report = await validator.validateString(`<!doctype html><html lang="en"><head><title>x</title></head><body><main>${chart.value}</main></body></html>`);
  const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
  assert.ok(report.valid, `html-validate on ${what}:\n${messages.join('\n')}`);
}

const all = (dir: 'ltr' | 'rtl'): [string, Html][] => [
  ['bar chart', barChart(bars({ dir }))],
  ['grouped bar chart', barChart(grouped({ dir }))],
  ['heat map', heatMap(heat({ dir }))],
  ['distribution', distributionChart(distribution({ dir }))],
];

describe('every chart', () => {
  for (const dir of ['ltr', 'rtl'] as const) {
    for (const [what, chart] of all(dir)) {
      test(`${what} (${dir}) is valid HTML`, () => assertValid(chart, `${what} (${dir})`));

      test(`${what} (${dir}) escapes labels`, () => {
        assert.ok(!chart.value.includes('<script'), 'no script element');
        assert.ok(!chart.value.includes('"x"'), 'no raw quotes');
        assert.ok(chart.value.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;'), 'the label, escaped');
      });

      test(`${what} (${dir}) has no inline styles`, () => {
        assert.ok(!/\sstyle\s*=/i.test(chart.value), 'no style attribute');
        assert.ok(!/<style[\s>]/i.test(chart.value), 'no style element');
      });

      test(`${what} (${dir}) is a figure: caption, named image, table in details`, () => {
        const id = /<figcaption id="([a-z0-9-]+)-caption">/.exec(chart.value)?.[1];
        assert.ok(id, 'a figcaption with an id');
        assert.match(chart.value, /^<figure class="chart">\s*<figcaption/);
        const svg = tags(chart.value, 'svg')[0]!;
        assert.equal(svg.role, 'img');
        assert.equal(svg['aria-labelledby'], `${id}-caption`);
        assert.equal(svg.width, '100%');
        assert.match(svg.viewBox!, /^0 0 [\d.]+ [\d.]+$/);
        assert.match(chart.value, /<svg [^>]*><title>[^<]+<\/title>/, 'the svg has a title first');
        assert.match(chart.value, /<details class="chart-data"><summary>Show as a table<\/summary>\s*<table>\s*<caption>/);
      });

      test(`${what} (${dir}): text over colour has ≥ 4.5:1, text on white ≥ 4.5:1, bars ≥ 3:1`, () => {
        for (const { fill, text } of textOnFillPairs(chart.value)) assert.ok(contrast(fill, text) >= 4.5, `${text} on ${fill}: ${contrast(fill, text).toFixed(2)}:1`);
        for (const fill of textOnWhite(chart.value)) assert.ok(contrast(fill, '#ffffff') >= 4.5, `${fill} on white: ${contrast(fill, '#ffffff').toFixed(2)}:1`);
        for (const bar of tags(chart.value, 'rect').filter((r) => r.class === 'bar')) assert.ok(contrast(bar.fill!, '#ffffff') >= 3, `bar ${bar.fill!} on white`);
      });

      test(`${what} (${dir}) draws everything inside its viewBox`, () => {
        const width = viewBoxWidth(chart.value);
        for (const r of tags(chart.value, 'rect')) assert.ok(Number(r.x) >= 0 && Number(r.x) + Number(r.width) <= width + 0.01, `rect at ${r.x!} wide ${r.width!} in ${width}`);
        for (const t of tags(chart.value, 'text')) assert.ok(Number(t.x) >= 0 && Number(t.x) <= width, `text at ${t.x!} in ${width}`);
      });
    }
  }

  test('every colour of the scales is used with text over it, and each pair passes', () => {
    const pairs = [...textOnFillPairs(heatMap(heat()).value), ...textOnFillPairs(distributionChart(distribution()).value)];
    const fills = new Set(pairs.map((p) => p.fill));
    assert.ok(fills.size >= 7, `five blues and two greys, got ${[...fills].join(', ')}`);
    // Light cells take the dark text, dark cells white.
    for (const { fill, text } of pairs) assert.equal(text, contrast(fill, '#1b1b1b') >= contrast(fill, '#ffffff') ? '#1b1b1b' : '#ffffff', `text on ${fill}`);
  });

  test('a chart id outside [a-z0-9-] is refused', () => {
    assert.throws(() => barChart(bars({ id: 'Scores "x"' })), /id/);
    assert.throws(() => heatMap(heat({ id: 'a b' })), /id/);
    assert.throws(() => distributionChart(distribution({ id: '' })), /id/);
  });
});

describe('barChart', () => {
  test('a missing value is the missing label in the table and no bar in the chart', () => {
    const chart = barChart(bars()).value;
    const rows = tableRows(chart);
    assert.equal(rows[1]!.cells[1]!.text, 'not enough answers');
    assert.equal(tags(chart, 'rect').filter((r) => r.class === 'bar').length, 3, 'three values, three bars');
    const g = barChart(grouped()).value;
    assert.equal(tags(g, 'rect').filter((r) => r.class === 'bar').length, 4, 'six slots, two missing');
    assert.deepEqual(
      tableRows(g).map((r) => r.cells.map((c) => c.text)),
      [
        ['Shared vision', '4.2', 'not enough answers', '3'],
        [long, '2', '2.5', 'not enough answers'],
      ],
    );
  });

  test('the table has a header row and one row per label, one cell per series', () => {
    const chart = barChart(grouped()).value;
    const head = tags(/<thead>[\s\S]*<\/thead>/.exec(chart)![0], 'th');
    assert.equal(head.length, 4);
    assert.ok(head.every((th) => th.scope === 'col'));
    const rows = tableRows(chart);
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.deepEqual(
        row.cells.map((c) => c.tag),
        ['th', 'td', 'td', 'td'],
      );
      assert.match(row.cells[0]!.attrs, /scope="row"/);
    }
  });

  test('right to left: the bars grow leftwards from the right, ending at the mirrored axis', () => {
    const ltr = barChart(bars()).value;
    const rtl = barChart(bars({ dir: 'rtl' })).value;
    const width = viewBoxWidth(ltr);
    assert.equal(viewBoxWidth(rtl), width);
    const ltrBars = tags(ltr, 'rect').filter((r) => r.class === 'bar');
    const rtlBars = tags(rtl, 'rect').filter((r) => r.class === 'bar');
    const axis = Number(ltrBars[0]!.x);
    assert.ok(ltrBars.every((b) => Number(b.x) === axis), 'left to right: every bar starts at the axis');
    ltrBars.forEach((b, i) => {
      const m = rtlBars[i]!;
      assert.notEqual(m.x, b.x);
      assert.equal(m.width, b.width, 'same length');
      assert.ok(Math.abs(Number(m.x) + Number(m.width) - (width - axis)) < 0.01, 'right to left: each bar ends at the mirrored axis');
      assert.ok(width - axis > width / 2, 'which is on the right');
    });
    // Row labels sit right of the bars, their end (their left edge, in right-to-left text) next to the axis.
    const label = tags(rtl, 'text').find((t) => t['font-size'] === '14')!;
    assert.ok(Number(label.x) > width - axis);
    assert.equal(label['text-anchor'], 'end');
    assert.equal(label.direction, 'rtl');
  });

  test('long labels are cut in the drawing, with the full text as a tooltip and in the table', () => {
    const chart = barChart(bars()).value;
    const svg = svgOf(chart);
    assert.ok(svg.includes(`<title>${long}</title>`));
    const drawn = /<title>Work-based[^<]*<\/title>([^<]*)<\/text>/.exec(svg)![1]!;
    assert.ok(drawn.endsWith('…\u2069'), drawn);
    assert.ok([...drawn].length <= 42, 'about 40 characters, plus the bidi isolate');
    assert.ok(tableOf(chart).includes(`>${long}</th>`));
  });

  test('a label in another language is marked in the table and in the drawing', () => {
    const chart = barChart(bars({ rows: [{ label: 'Formation', lang: 'fr', values: [2] }, { label: 'التكوين', lang: 'ar', values: [3] }] })).value;
    assert.match(tableOf(chart), /<th scope="row" lang="fr">Formation<\/th>/);
    assert.match(tableOf(chart), /<th scope="row" lang="ar" dir="rtl">التكوين<\/th>/);
    assert.match(svgOf(chart), /<text [^>]*direction="ltr"[^>]*lang="fr"><title>Formation<\/title>Formation<\/text>/);
    assert.match(svgOf(chart), /<text [^>]*direction="rtl"[^>]*lang="ar"><title>التكوين<\/title>التكوين<\/text>/);
  });

  test('numbers come from the caller’s format, ticks included', () => {
    const chart = barChart(bars({ format: (n) => `<${n}>` })).value;
    assert.ok(chart.includes('&lt;3.4&gt;'));
    for (const t of ['1', '2', '3', '4', '5']) assert.ok(svgOf(chart).includes(`>&lt;${t}&gt;</text>`), `tick ${t}`);
  });

  test('grouped bars have a legend naming each series in its colour', () => {
    const chart = barChart(grouped()).value;
    const swatches = tags(chart, 'rect').filter((r) => r.class === 'swatch');
    assert.equal(swatches.length, 3);
    const barFills = new Set(tags(chart, 'rect').filter((r) => r.class === 'bar').map((r) => r.fill));
    assert.deepEqual(new Set(swatches.map((s) => s.fill)), barFills);
    assert.equal(barFills.size, 3);
  });
});

describe('heatMap', () => {
  test('missing values are the missing label in the table and an empty cell in the drawing', () => {
    const chart = heatMap(heat()).value;
    const rows = tableRows(chart);
    assert.equal(rows.length, 3);
    for (const row of rows) assert.equal(row.cells.length, 6, 'the row header and five values');
    assert.deepEqual(
      rows[1]!.cells.map((c) => c.text),
      [heat().rows[1]!.label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'), 'not enough answers', '3', 'not enough answers', '4.6', '1.2'],
    );
    assert.equal(tags(chart, 'rect').filter((r) => r.class === 'cell').length, 13);
    assert.equal(tags(chart, 'rect').filter((r) => r.class === 'missing').length, 2);
    // Column headers carry their language; a right-to-left row header its direction.
    assert.match(tableOf(chart), /<th scope="col" lang="fr">Inclusion<\/th>/);
    assert.match(tableOf(chart), /<th scope="row" lang="ar" dir="rtl">القادة<\/th>/);
  });

  test('higher values are darker', () => {
    const chart = heatMap(heat()).value;
    const cells = [...chart.matchAll(/<rect class="cell"[^>]*fill="(#[0-9a-f]{6})"[^>]*\/><text[^>]*>([^<]+)<\/text>/g)].map((m) => ({ fill: m[1]!, value: Number(m[2]) }));
    cells.sort((a, b) => a.value - b.value);
    for (let i = 1; i < cells.length; i++) assert.ok(luminance(cells[i]!.fill) <= luminance(cells[i - 1]!.fill), `${cells[i]!.value} not lighter than ${cells[i - 1]!.value}`);
  });

  test('right to left: row labels on the right, the first column rightmost, column labels tilted the other way', () => {
    const ltr = heatMap(heat()).value;
    const rtl = heatMap(heat({ dir: 'rtl' })).value;
    const width = viewBoxWidth(rtl);
    const firstCell = (m: string) => tags(m, 'rect').find((r) => r.class === 'cell')!;
    assert.ok(Math.abs(Number(firstCell(rtl).x) + Number(firstCell(rtl).width) - (width - Number(firstCell(ltr).x))) < 0.01);
    const rotations = (m: string) => tags(m, 'text').filter((t) => t.transform).map((t) => t.transform!.split(' ')[0]);
    assert.ok(rotations(ltr).every((r) => r === 'rotate(-45'));
    assert.ok(rotations(rtl).every((r) => r === 'rotate(45'));
  });
});

describe('distributionChart', () => {
  test('one stacked bar per row with answers, segments proportional to the counts', () => {
    const chart = distributionChart(distribution()).value;
    const outlines = tags(chart, 'rect').filter((r) => r.class === 'outline');
    assert.equal(outlines.length, 2, 'the row without answers is a gap');
    const segments = tags(chart, 'rect').filter((r) => r.class === 'segment');
    assert.equal(segments.length, 7 + 5, 'zero counts draw nothing');
    const first = segments.slice(0, 7).map((s) => Number(s.width));
    for (const w of first) assert.ok(Math.abs(w - first[0]!) < 0.02, 'equal counts, equal widths');
    assert.ok(Math.abs(first.reduce((a, b) => a + b, 0) - Number(outlines[0]!.width)) < 0.1, 'the segments fill the bar');
  });

  test('counts are written only in segments wide enough for them', () => {
    const chart = distributionChart(distribution()).value;
    // Row two: 1, 2, 300, 40, 1 of 344 — the small ones are slivers without text.
    const texts = [...chart.matchAll(/<g class="segment">[\s\S]*?>([^<>]+)<\/text><\/g>/g)].map((m) => m[1]);
    assert.deepEqual(texts, ['10', '10', '10', '10', '10', '10', '10', '300', '40']);
  });

  test('the legend names every category with its colour', () => {
    const chart = distributionChart(distribution()).value;
    const swatches = tags(chart, 'rect').filter((r) => r.class === 'swatch');
    assert.equal(swatches.length, 7);
    assert.equal(new Set(swatches.map((s) => s.fill)).size, 7, 'seven distinct colours');
    const segmentFills = tags(chart, 'rect').filter((r) => r.class === 'segment').slice(0, 7).map((s) => s.fill);
    assert.deepEqual(segmentFills, swatches.map((s) => s.fill));
  });

  test('the table has every count, zeros included', () => {
    const chart = distributionChart(distribution()).value;
    const rows = tableRows(chart);
    assert.equal(rows.length, 3);
    assert.deepEqual(
      rows[2]!.cells.map((c) => c.text),
      ['No answers yet', '0', '0', '0', '0', '0', '0', '0'],
    );
    assert.match(rows[1]!.cells[0]!.attrs, /lang="fr"/);
    assert.equal(tags(/<thead>[\s\S]*<\/thead>/.exec(chart)![0], 'th').length, 8);
  });

  test('right to left: the bars are mirrored, the first category at the right end', () => {
    const ltr = distributionChart(distribution()).value;
    const rtl = distributionChart(distribution({ dir: 'rtl' })).value;
    const width = viewBoxWidth(rtl);
    const segments = (m: string) => tags(m, 'rect').filter((r) => r.class === 'segment').slice(0, 7);
    const [first] = segments(rtl);
    assert.ok(Math.abs(Number(first!.x) + Number(first!.width) - (width - Number(segments(ltr)[0]!.x))) < 0.01);
    assert.ok(segments(rtl).every((s) => Number(s.x) <= Number(first!.x)), 'the first category is rightmost');
  });
});
