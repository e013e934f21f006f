import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SCALE, textOn } from './colours.ts';
import { evil, heat, long } from './examples.ts';
import { heatMap, heatStep } from './heat-map.ts';
import { contrast, cssRule, luminance, tableOf, tableRows, tags } from './reading.ts';

// The heat map is a table: headers for rows and columns, each value in a cell coloured by its
// step of the scale (the colours are site.css classes, checked here against the scale and the
// contrast rule), gaps as dashed cells that say what they are, a key for the eye, and no
// wording of its own.

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cellClass = (attrs: string) => /class="([^"]+)"/.exec(attrs)?.[1];

describe('heatMap', () => {
  test('a figure whose table is named by the caption: no drawing and no separate table', () => {
    const chart = heatMap(heat()).value;
    assert.match(chart, /^<figure class="chart heat-map">\s*<figcaption id="heat-caption">Criteria by group<\/figcaption>/);
    assert.equal(tags(chart, 'table')[0]!['aria-labelledby'], 'heat-caption');
    assert.equal(tags(chart, 'table').length, 1, 'one table');
    assert.ok(!/<svg|<details/.test(chart));
  });

  test('criteria are rows and groups are columns, each with its header', () => {
    const chart = heatMap(heat()).value;
    const head = /<thead>([\s\S]*)<\/thead>/.exec(chart)![1]!;
    assert.deepEqual(
      [...head.matchAll(/<th ([^>]*)>([\s\S]*?)<\/th>/g)].map((m) => [m[1], m[2]]),
      [
        ['scope="col"', 'Criterion'],
        ['scope="col"', '<span class="heat-head">Leaders</span>'],
        ['scope="col"', `<span class="heat-head">${escape(`Teachers ${evil}`)}</span>`],
        ['scope="col" lang="ar" dir="rtl"', '<span class="heat-head">القادة</span>'],
      ],
    );
    const rows = tableRows(chart);
    assert.equal(rows.length, 5);
    for (const row of rows) {
      assert.deepEqual(
        row.cells.map((c) => c.tag),
        ['th', 'td', 'td', 'td'],
        'the row header and three values',
      );
      assert.match(row.cells[0]!.attrs, /^ scope="row"/);
    }
    assert.equal(rows[0]!.cells[0]!.text, long, 'labels in full');
    assert.deepEqual(
      rows[2]!.cells.map((c) => c.text),
      ['Inclusion', '3.5', '5', '4.6'],
    );
    assert.match(rows[2]!.cells[0]!.attrs, /lang="fr"$/);
    assert.match(rows[3]!.cells[0]!.attrs, /lang="ar" dir="rtl"/);
  });

  test('a missing value is a dashed cell that says “not enough answers” to a screen reader', () => {
    const rows = tableRows(heatMap(heat()).value);
    const cells = rows[1]!.cells.slice(1);
    assert.deepEqual(
      cells.map((c) => cellClass(c.attrs)),
      ['heat-missing', 'heat-3', 'heat-missing'],
    );
    assert.equal(cells[0]!.text, '<span class="visually-hidden">not enough answers</span>');
    const dashed = cssRule('.heat-missing');
    assert.match(dashed.border!, /dashed (#[0-9a-f]{6})$/);
    const stroke = /(#[0-9a-f]{6})$/.exec(dashed.border!)![1]!;
    assert.ok(contrast(stroke, '#ffffff') >= 3, `the dashed edge ${stroke} shows against white`);
  });

  test('each value takes the class of its step, and higher values are never lighter', () => {
    const o = heat();
    const cells = tableRows(heatMap(o).value).flatMap((r, i) => r.cells.slice(1).map((c, j) => ({ value: o.values[i]![j], cls: cellClass(c.attrs)! })));
    const valued = cells.filter((c) => typeof c.value === 'number').map((c) => ({ value: c.value as number, step: Number(/^heat-(\d)$/.exec(c.cls)![1]) }));
    assert.deepEqual([...new Set(valued.map((c) => c.step))].sort(), [1, 2, 3, 4, 5], 'the example uses every step');
    for (const c of valued) assert.equal(c.step, heatStep(c.value, o.min, o.max));
    assert.equal(heatStep(1, 1, 5), 1);
    assert.equal(heatStep(1.79, 1, 5), 1);
    assert.equal(heatStep(1.8, 1, 5), 2);
    assert.equal(heatStep(5, 1, 5), 5);
    assert.equal(heatStep(9, 1, 5), 5, 'out of range values are clamped');
    valued.sort((a, b) => a.value - b.value);
    const fill = (step: number) => cssRule(`.heat-${step}`).background!;
    for (let i = 1; i < valued.length; i++)
      assert.ok(luminance(fill(valued[i]!.step)) <= luminance(fill(valued[i - 1]!.step)), `${valued[i]!.value} not lighter than ${valued[i - 1]!.value}`);
  });

  test('the cell colours in site.css are the scale’s, each with its text at ≥ 4.5:1, dark on light and white on dark', () => {
    SCALE.forEach((blue, k) => {
      const rule = cssRule(`.heat-${k + 1}`);
      assert.equal(rule.background, blue, `heat-${k + 1} is step ${k + 1} of the scale`);
      assert.equal(rule.color, textOn(blue), `heat-${k + 1} takes the text colour that contrasts more`);
      assert.ok(contrast(rule.background, rule.color) >= 4.5, `heat-${k + 1}: ${contrast(rule.background, rule.color).toFixed(2)}:1`);
      assert.equal(rule.color, contrast(blue, '#1b1b1b') >= contrast(blue, '#ffffff') ? '#1b1b1b' : '#ffffff');
    });
  });

  test('the key shows the five colours from low to high, then the dashed cell and what it means', () => {
    const key = /<p class="heat-key"[^>]*>[\s\S]*<\/p>/.exec(heatMap(heat()).value)![0];
    assert.match(key, /aria-hidden="true"/, 'for the eye only: the cells carry their numbers and their gaps say what they are');
    const order = [...key.matchAll(/class="heat-swatch (heat-[\w]+)"|>\s*(low|high|not enough answers)\s*</g)].map((m) => m[1] ?? m[2]);
    assert.deepEqual(order, ['low', 'heat-1', 'heat-2', 'heat-3', 'heat-4', 'heat-5', 'high', 'heat-missing', 'not enough answers']);
  });

  test('every word comes from the caller', () => {
    const o = heat({ format: (n) => `n${n}` });
    const words = new Set(
      [o.title, o.cornerHeader, ...o.rows.map((r) => r.label), ...o.columns.map((c) => c.label), o.missingLabel, o.legend.low, o.legend.high].map(escape),
    );
    const shown = heatMap(o)
      .value.replace(/<[^>]+>/g, '\n')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const text of shown) assert.ok(words.has(text) || /^n[\d.]+$/.test(text), `“${text}” is the caller’s`);
  });

  test('right to left: the same table, the browser mirrors it; group names still run upwards', () => {
    const ltr = heatMap(heat()).value;
    const rtl = heatMap(heat({ dir: 'rtl' })).value;
    // Cells in the page's direction carry no dir; those in another carry theirs.
    assert.match(tableOf(rtl), /<th scope="col" lang="ar">/);
    assert.match(tableOf(rtl), /<th scope="row" lang="fr" dir="ltr">Inclusion<\/th>/);
    assert.equal(rtl.replace(/ dir="[a-z]+"/g, ''), ltr.replace(/ dir="[a-z]+"/g, ''));
    assert.ok(!/left|right/.test(rtl), 'nothing physical in the markup');
    assert.equal(cssRule('.heat-head')['writing-mode'], 'sideways-lr');
    assert.equal(cssRule('[dir="rtl"] .heat-head')['writing-mode'], 'vertical-rl');
  });

  test('five or more columns are drawn tighter on a phone, so six groups fit', () => {
    const columns = (n: number) => Array.from({ length: n }, (_, j) => ({ label: `Group ${j + 1}` }));
    const values = (n: number) => heat().rows.map(() => Array<number>(n).fill(3));
    assert.doesNotMatch(heatMap(heat({ columns: columns(4), values: values(4) })).value, /heat-many/);
    assert.match(heatMap(heat({ columns: columns(5), values: values(5) })).value, /<table class="heat heat-many"/);
  });
});
