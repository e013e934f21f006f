import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { estimate, MAX_LINES, truncate, wrap } from './labels.ts';

// A chart's labels: wrapped to the width, whole words where they fit, cut with an ellipsis only
// past the last line, the cut kept at the end of the text in either direction.

const fits = (lines: string[], size: number, width: number) => lines.every((l) => estimate(l, size) <= width);

describe('labels', () => {
  test('a short label is one line, whitespace collapsed', () => {
    assert.deepEqual(wrap('  Teacher \n training ', 14, 344), ['Teacher training']);
    assert.deepEqual(wrap('', 14, 344), ['']);
  });

  test('a longer label breaks at spaces into lines that fit the width', () => {
    const label = 'Les diplômés du centre sont bien préparés à leur premier emploi et à la suite de leur parcours';
    const lines = wrap(label, 14, 344);
    assert.ok(lines.length > 1 && lines.length <= MAX_LINES);
    assert.ok(fits(lines, 14, 344));
    assert.equal(lines.join(' '), label, 'nothing lost, nothing cut');
  });

  test('past the last line the label is cut with an ellipsis, inside a bidi isolate', () => {
    const label = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const lines = wrap(label, 14, 200);
    assert.equal(lines.length, MAX_LINES);
    assert.ok(fits(lines, 14, 200));
    const last = lines.at(-1)!;
    assert.ok(last.startsWith('\u2068') && last.endsWith('…\u2069'), last);
    assert.deepEqual(wrap(label, 14, 200, 1).length, 1, 'the number of lines is the caller’s to choose');
  });

  test('a word longer than a line is broken inside it, and Arabic is counted by letters', () => {
    const lines = wrap('Berufsausbildungsförderungsgesetzgebungsverfahren', 14, 100);
    assert.ok(lines.length > 1 && fits(lines, 14, 100), lines.join(' | '));
    const arabic = wrap('التعلّم القائم على العمل والتدريب الميداني في الشركات الشريكة', 14, 250);
    assert.ok(arabic.length > 1 && fits(arabic, 14, 250));
    assert.equal(arabic.join(' '), 'التعلّم القائم على العمل والتدريب الميداني في الشركات الشريكة');
  });

  test('a legend entry is cut at about 40 characters', () => {
    assert.equal(truncate('Strongly agree'), 'Strongly agree');
    const cut = truncate('Company partners and in-company trainers of the region');
    assert.ok(cut.endsWith('…\u2069') && [...cut].length <= 42, cut);
  });
});
