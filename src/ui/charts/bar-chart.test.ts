import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { barChart } from './bar-chart.ts';
import { PAD, WIDTH } from './canvas.ts';
import { AXIS, GRID } from './colours.ts';
import { bars, grouped, long, longer } from './examples.ts';
import { estimate, FONT, MAX_LINES, SMALL } from './labels.ts';
import { svgOf, tableOf, tableRows, tags, texts, viewBoxWidth } from './reading.ts';

// Bar charts: a gap and a muted note for a missing value, the numbers beside the bars, labels
// wrapped above their bars and cut only past three lines, right-to-left mirroring, a legend for
// grouped bars, and the same numbers in the table.

describe('barChart', () => {
  test('a missing value is the missing label in the table and a muted note instead of a bar in the chart', () => {
    const chart = barChart(bars()).value;
    const rows = tableRows(chart);
    assert.equal(rows[1]!.cells[1]!.text, 'not enough answers');
    assert.equal(tags(chart, 'rect').filter((r) => r.class === 'bar').length, 4, 'four values, four bars');
    const note = texts(chart).find((t) => t.lines[0]!.text === 'not enough answers')!;
    assert.equal(note.attrs.fill, AXIS, 'in muted text');
    const axis = Number(tags(chart, 'rect').find((r) => r.class === 'bar')!.x);
    assert.ok(Number(note.attrs.x) > axis && Number(note.attrs.x) < axis + 10, 'where the bar would start');
    const g = barChart(grouped()).value;
    assert.equal(tags(g, 'rect').filter((r) => r.class === 'bar').length, 4, 'six slots, two missing');
    const grid = tags(g, 'line').filter((l) => l.stroke === GRID);
    assert.ok(grid.length > 0);
    for (const gap of texts(g).filter((t) => t.attrs.fill === AXIS && t.attrs.dy)) {
      const y = Number(gap.attrs.y);
      assert.ok(!grid.some((l) => Number(l.y1) <= y && y <= Number(l.y2)), `no grid line runs through the note at y ${y}`);
    }
    assert.deepEqual(
      tableRows(g).map((r) => r.cells.map((c) => c.text)),
      [
        ['Shared vision', '4.2', 'not enough answers', '3'],
        [long, '2', '2.5', 'not enough answers'],
      ],
    );
  });

  test('each value is written just past the end of its bar, inside the chart', () => {
    for (const dir of ['ltr', 'rtl'] as const) {
      const chart = barChart(grouped({ dir })).value;
      const width = viewBoxWidth(chart);
      const values = texts(chart).filter((t) => /^[\d.]+$/.test(t.lines[0]!.text) && t.attrs.dy);
      const barRects = tags(chart, 'rect').filter((r) => r.class === 'bar');
      assert.equal(values.length, barRects.length, 'a number per bar');
      barRects.forEach((b, i) => {
        const x = Number(values[i]!.attrs.x);
        const end = dir === 'ltr' ? Number(b.x) + Number(b.width) : Number(b.x);
        assert.ok(Math.abs((dir === 'ltr' ? x - end : end - x) - 4) < 0.02, `${dir}: the number 4 units past the bar's end (${x} vs ${end})`);
        const w = estimate(values[i]!.lines[0]!.text, SMALL);
        assert.ok(dir === 'ltr' ? x + w <= width : x - w >= 0, 'and inside the chart');
      });
    }
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

  test('right to left: the bars grow leftwards from the right, and the labels start at the right above them', () => {
    const ltr = barChart(bars()).value;
    const rtl = barChart(bars({ dir: 'rtl' })).value;
    const width = viewBoxWidth(ltr);
    assert.equal(viewBoxWidth(rtl), width);
    const ltrBars = tags(ltr, 'rect').filter((r) => r.class === 'bar');
    const rtlBars = tags(rtl, 'rect').filter((r) => r.class === 'bar');
    const axis = Number(ltrBars[0]!.x);
    assert.ok(
      ltrBars.every((b) => Number(b.x) === axis),
      'left to right: every bar starts at the axis',
    );
    ltrBars.forEach((b, i) => {
      const m = rtlBars[i]!;
      assert.notEqual(m.x, b.x);
      assert.equal(m.width, b.width, 'same length');
      assert.ok(Math.abs(Number(m.x) + Number(m.width) - (width - axis)) < 0.01, 'right to left: each bar ends at the mirrored axis');
      assert.ok(width - axis > width / 2, 'which is on the right');
    });
    // A right-to-left label's start is its right end: it hangs leftwards from the mirrored axis.
    const label = texts(rtl).find((t) => t.attrs['font-size'] === String(FONT) && t.attrs.direction === 'rtl')!;
    assert.equal(Number(label.attrs.x), width - axis);
    assert.equal(label.attrs['text-anchor'], 'start');
    // A left-to-right label in the right-to-left chart still starts from the right edge, its end there.
    const french = texts(rtl).find((t) => t.attrs.lang === 'fr')!;
    assert.equal(Number(french.attrs.x), width - axis);
    assert.equal(french.attrs['text-anchor'], 'end');
    assert.equal(french.attrs.direction, 'ltr');
  });

  test('a long label wraps onto lines above its bar; past three lines it is cut, with the full text as a tooltip and in the table', () => {
    const chart = barChart(bars()).value;
    const room = WIDTH - 2 * PAD;
    const twoLines = texts(chart).find((t) => t.title === long)!;
    assert.equal(twoLines.lines.length, 2, 'two lines');
    assert.equal(twoLines.lines.map((l) => l.text).join(' '), long, 'the whole label, cut at a space');
    const cut = texts(chart).find((t) => t.title === longer)!;
    assert.equal(cut.lines.length, MAX_LINES);
    const last = cut.lines.at(-1)!.text;
    assert.ok(last.startsWith('\u2068') && last.endsWith('…\u2069'), `the last line ends with an ellipsis, isolated: ${last}`);
    for (const line of [...twoLines.lines, ...cut.lines]) assert.ok(estimate(line.text, FONT) <= room, `“${line.text}” fits the width`);
    assert.ok(tableOf(chart).includes(`>${long}</th>`) && tableOf(chart).includes(`>${longer}</th>`), 'the full labels in the table');
    // Each line is a tspan at the label's own x, a line below the one before.
    assert.equal(twoLines.lines[0]!.attrs.dy, undefined);
    assert.equal(twoLines.lines[1]!.attrs.dy, '18');
  });

  test('a label in another language is marked in the table and in the drawing', () => {
    const chart = barChart(
      bars({
        rows: [
          { label: 'Formation', lang: 'fr', values: [2] },
          { label: 'التكوين', lang: 'ar', values: [3] },
        ],
      }),
    ).value;
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
    const barFills = new Set(
      tags(chart, 'rect')
        .filter((r) => r.class === 'bar')
        .map((r) => r.fill),
    );
    assert.deepEqual(new Set(swatches.map((s) => s.fill)), barFills);
    assert.equal(barFills.size, 3);
    const firstBar = Math.min(
      ...tags(chart, 'rect')
        .filter((r) => r.class === 'bar')
        .map((r) => Number(r.y)),
    );
    assert.ok(
      swatches.every((s) => Number(s.y) + Number(s.height) < firstBar),
      'above the bars',
    );
  });
});
