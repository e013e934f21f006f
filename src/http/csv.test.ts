import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csv, csvCell } from './csv.ts';

test('a CSV cell is quoted when it needs to be, and a formula is never run by a spreadsheet', () => {
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(3), '3');
  assert.equal(csvCell(3.456), '3.46');
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a, "b"'), '"a, ""b"""');
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  for (const start of ['+', '-', '@', '\t']) assert.ok(csvCell(`${start}1`).replace(/^"/, '').startsWith("'"), start);
  assert.equal(
    csv([
      ['a', 1],
      [null, 'b'],
    ]),
    'a,1\r\n,b\r\n',
  );
});
