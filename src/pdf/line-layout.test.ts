import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isolate } from '../i18n/messages.ts';
import { lineLayout } from './line-layout.ts';

// The order of runs on a line is the bidi algorithm's business, not the fonts': widths here are a
// fixed advance per character, wide enough that every paragraph is one line.
const { layoutText } = lineLayout((_font, size, text) => text.length * size * 0.5);
const style = { size: 8, bold: false, color: '#000' };

/** The runs of the one line, left to right, with the bidi controls they no longer draw. */
function runs(text: string, rtl: boolean): string[] {
  const box = layoutText(text, style, 10_000, rtl);
  assert.equal(box.lines.length, 1);
  return box.lines[0]!.runs.map((r) => r.text);
}
const leftOf = (all: string[], a: string, b: string) => all.findIndex((r) => r.includes(a)) < all.findIndex((r) => r.includes(b));

test('an Arabic footer keeps a Latin title and the date apart when the title is isolated', () => {
  const date = '07/12/2026';
  // Without isolation the date reads as part of the Latin run: "Round 1 · 07/12/2026" is one left-to-right run, the
  // date glued after the title instead of at the line's far (left) end.
  const plain = runs(`Lycée Sousse · تقرير Round 1 · ${date}`, true);
  assert.ok(
    plain.some((r) => r.includes('Round') && r.includes('2026')),
    `without isolation the title and the date run together: ${plain.join(' | ')}`,
  );

  const fixed = runs(`${isolate('Lycée Sousse')} · تقرير ${isolate('Round 1')} · ${date}`, true);
  assert.ok(leftOf(fixed, '2026', 'Round'), `date leftmost: ${fixed.join(' | ')}`);
  assert.ok(leftOf(fixed, 'Round', 'Lyc'), `the title left of the centre, which starts the line on the right: ${fixed.join(' | ')}`);
  assert.ok(!fixed.join('').match(/[\u2066-\u2069]/), 'isolates are never drawn');
});

test('an isolated Arabic name in an English line stays one piece', () => {
  const line = runs(`Report of ${isolate('مركز سوسة')} (2)`, false);
  assert.ok(leftOf(line, 'Report', 'سوسة'), line.join(' | '));
  assert.ok(leftOf(line, 'سوسة', '(2)'), `the count stays after the name: ${line.join(' | ')}`);
});
