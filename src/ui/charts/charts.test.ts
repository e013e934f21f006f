import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Html } from '../html.ts';
import { barChart } from './bar-chart.ts';
import { PAD, WIDTH } from './canvas.ts';
import { distributionChart } from './distribution-chart.ts';
import { bars, distribution, grouped, heat } from './examples.ts';
import { heatMap } from './heat-map.ts';
import { FONT, LINE } from './labels.ts';
import { assertValid, contrast, cssRule, rootFontSize, tags, textOnFillPairs, textOnWhite, texts, viewBoxHeight, viewBoxWidth } from './reading.ts';

// What every chart guarantees: escaped labels, no inline styles, valid HTML, a figure named by
// its caption with its numbers in a table; for the drawn ones (SVG), readable colours (WCAG
// contrast computed from the markup, independently of the module), everything inside the
// viewBox, text legible on a phone, and each row's label above its bars. Each chart's own
// behaviour is in its own test file.

const drawn = (dir: 'ltr' | 'rtl'): [string, Html][] => [
  ['bar chart', barChart(bars({ dir }))],
  ['grouped bar chart', barChart(grouped({ dir }))],
  ['distribution', distributionChart(distribution({ dir }))],
];
const all = (dir: 'ltr' | 'rtl'): [string, Html][] => [...drawn(dir), ['heat map', heatMap(heat({ dir }))]];

/** A phone's column: 360 px less the page's margins. */
const PHONE_COLUMN = 328;

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
    }

    for (const [what, chart] of drawn(dir)) {
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
        for (const { fill, text } of textOnFillPairs(chart.value))
          assert.ok(contrast(fill, text) >= 4.5, `${text} on ${fill}: ${contrast(fill, text).toFixed(2)}:1`);
        for (const fill of textOnWhite(chart.value)) assert.ok(contrast(fill, '#ffffff') >= 4.5, `${fill} on white: ${contrast(fill, '#ffffff').toFixed(2)}:1`);
        for (const bar of tags(chart.value, 'rect').filter((r) => r.class === 'bar'))
          assert.ok(contrast(bar.fill!, '#ffffff') >= 3, `bar ${bar.fill!} on white`);
      });

      test(`${what} (${dir}) draws everything inside its viewBox`, () => {
        const width = viewBoxWidth(chart.value);
        const height = viewBoxHeight(chart.value);
        for (const r of tags(chart.value, 'rect')) {
          assert.ok(Number(r.x) >= 0 && Number(r.x) + Number(r.width) <= width + 0.01, `rect at ${r.x!} wide ${r.width!} in ${width}`);
          assert.ok(Number(r.y) >= 0 && Number(r.y) + Number(r.height) <= height + 0.01, `rect at y ${r.y!} tall ${r.height!} in ${height}`);
        }
        for (const t of texts(chart.value)) {
          assert.ok(Number(t.attrs.x) >= 0 && Number(t.attrs.x) <= width, `text at ${t.attrs.x!} in ${width}`);
          for (const line of t.lines) if (line.attrs.x) assert.equal(line.attrs.x, t.attrs.x, 'every line starts where its text does');
          const size = Number(t.attrs['font-size']);
          const top = Number(t.attrs.y) - (t.attrs.dy ? size / 2 : size);
          const bottom = Number(t.attrs.y) + (t.lines.length - 1) * LINE + size / 3;
          assert.ok(top >= 0 && bottom <= height, `“${t.lines[0]!.text}” from y ${top} to ${bottom} in ${height}`);
        }
        for (const l of tags(chart.value, 'line'))
          for (const k of ['x1', 'x2'] as const) assert.ok(Number(l[k]) >= 0 && Number(l[k]) <= width, `line at ${l[k]!} in ${width}`);
      });

      test(`${what} (${dir}) is drawn narrow: its smallest text is ≥ 9 px in a phone's ${PHONE_COLUMN} px, and no larger than the page's text on a wide screen`, () => {
        const width = viewBoxWidth(chart.value);
        assert.equal(width, WIDTH, 'every drawn chart has the same width, so all show their text at one size');
        const sizes = tags(chart.value, 'text').map((t) => Number(t['font-size']));
        assert.ok((Math.min(...sizes) * PHONE_COLUMN) / width >= 9, `${Math.min(...sizes)} units at ${PHONE_COLUMN}/${width}`);
        const cap = /^([\d.]+)rem$/.exec(cssRule('.chart-svg')['max-inline-size']!);
        assert.ok(cap, 'site.css caps the drawing’s width in rem');
        assert.ok((Math.max(...sizes) * Number(cap[1]) * rootFontSize) / width <= 18, `the largest text ${Math.max(...sizes)} units at ${cap[1]!}rem`);
      });

      test(`${what} (${dir}): each row's label is on its own lines above its bars, starting where they start`, () => {
        const width = viewBoxWidth(chart.value);
        const start = dir === 'ltr' ? PAD : width - PAD;
        const svg = chart.value;
        // Row labels are the larger text; a row's bars (or its gap's note) follow its label in the markup.
        const pieces = [...svg.matchAll(/<text [^>]*font-size="(\d+)"[^>]*>|<rect class="(?:bar|outline)"[^>]*\/>/g)].map((m) => ({
          markup: m[0],
          label: m[1] === String(FONT),
        }));
        const labels = texts(svg).filter((t) => t.attrs['font-size'] === String(FONT));
        assert.ok(labels.length >= 2, 'a label per row');
        let row = -1;
        let baseline = 0;
        let next = Infinity;
        for (const piece of pieces) {
          if (piece.label) {
            row++;
            const l = labels[row]!;
            assert.equal(Number(l.attrs.x), start, `label ${row} starts at the chart's ${dir === 'ltr' ? 'left' : 'right'} edge`);
            assert.equal(l.attrs['text-anchor'], l.attrs.direction === dir ? 'start' : 'end', 'and runs from it');
            baseline = Number(l.attrs.y) + (l.lines.length - 1) * LINE;
            next = row + 1 < labels.length ? Number(labels[row + 1]!.attrs.y) - FONT : Infinity;
            continue;
          }
          const r = tags(piece.markup, 'rect')[0];
          if (!r || row < 0) continue;
          assert.ok(Number(r.y) > baseline + 3, `row ${row}: the bar at y ${r.y!} is below its label's last line (${baseline})`);
          assert.ok(Number(r.y) + Number(r.height) < next, `row ${row}: and above the next label`);
          if (r.class === 'bar' || r.class === 'outline')
            assert.equal(dir === 'ltr' ? Number(r.x) : Number(r.x) + Number(r.width), start, 'bars start at the same edge as labels');
        }
      });
    }
  }

  test('a chart id outside [a-z0-9-] is refused', () => {
    assert.throws(() => barChart(bars({ id: 'Scores "x"' })), /id/);
    assert.throws(() => heatMap(heat({ id: 'a b' })), /id/);
    assert.throws(() => distributionChart(distribution({ id: '' })), /id/);
  });
});
