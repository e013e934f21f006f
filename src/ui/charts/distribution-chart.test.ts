import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PAD } from './canvas.ts';
import { distributionChart } from './distribution-chart.ts';
import { distribution, long } from './examples.ts';
import { contrast, tableRows, tags, textOnFillPairs, texts, viewBoxWidth } from './reading.ts';

// The spread of answers: a stacked bar per row below its label, segments in proportion, counts
// where they fit, every colour in the legend, every count in the table, mirrored right to left.

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
    assert.equal(Number(outlines[0]!.width), viewBoxWidth(chart) - 2 * PAD, 'which spans the chart, its label above it');
  });

  test('counts are written only in segments wide enough for them', () => {
    const chart = distributionChart(distribution()).value;
    // Row two: 1, 2, 300, 40, 1 of 344 — the small ones are slivers without text.
    const counts = [...chart.matchAll(/<g class="segment">[\s\S]*?>([^<>]+)<\/text><\/g>/g)].map((m) => m[1]);
    assert.deepEqual(counts, ['10', '10', '10', '10', '10', '10', '10', '300', '40']);
  });

  test('every colour of the scale carries text at ≥ 4.5:1, dark text on light segments and white on dark', () => {
    const pairs = textOnFillPairs(distributionChart(distribution()).value);
    const fills = new Set(pairs.map((p) => p.fill));
    assert.equal(fills.size, 7, `five scale colours and two greys, got ${[...fills].join(', ')}`);
    for (const { fill, text } of pairs) {
      assert.ok(contrast(fill, text) >= 4.5, `${text} on ${fill}`);
      assert.equal(text, contrast(fill, '#1b1b1b') >= contrast(fill, '#ffffff') ? '#1b1b1b' : '#ffffff', `text on ${fill}`);
    }
  });

  test('the answer scale diverges: both ends strong (≥ 3:1 against white), orange for disagreeing and purple for agreeing', () => {
    const chart = distributionChart(distribution()).value;
    const swatches = tags(chart, 'rect')
      .filter((r) => r.class === 'swatch')
      .map((s) => s.fill!);
    assert.ok(contrast(swatches[0]!, '#ffffff') >= 3, `"strongly disagree" ${swatches[0]} on white`);
    assert.ok(contrast(swatches[4]!, '#ffffff') >= 3, `"strongly agree" ${swatches[4]} on white`);
    const hue = (hex: string) => {
      const [r, b] = [1, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return r! > b! ? 'orange' : b! > r! ? 'purple' : 'grey';
    };
    assert.deepEqual(swatches.slice(0, 5).map(hue), ['orange', 'orange', 'grey', 'purple', 'purple']);
  });

  test('the legend names every category with its colour', () => {
    const chart = distributionChart(distribution()).value;
    const swatches = tags(chart, 'rect').filter((r) => r.class === 'swatch');
    assert.equal(swatches.length, 7);
    assert.equal(new Set(swatches.map((s) => s.fill)).size, 7, 'seven distinct colours');
    const segmentFills = tags(chart, 'rect')
      .filter((r) => r.class === 'segment')
      .slice(0, 7)
      .map((s) => s.fill);
    assert.deepEqual(
      segmentFills,
      swatches.map((s) => s.fill),
    );
  });

  test('a long statement is written out above its bar, on as many lines as it needs up to three', () => {
    const label = texts(distributionChart(distribution()).value).find((t) => t.title === long)!;
    assert.equal(label.lines.map((l) => l.text).join(' '), long);
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
    const segments = (m: string) =>
      tags(m, 'rect')
        .filter((r) => r.class === 'segment')
        .slice(0, 7);
    const [first] = segments(rtl);
    assert.ok(Math.abs(Number(first!.x) + Number(first!.width) - (width - Number(segments(ltr)[0]!.x))) < 0.01);
    assert.ok(
      segments(rtl).every((s) => Number(s.x) <= Number(first!.x)),
      'the first category is rightmost',
    );
  });
});
