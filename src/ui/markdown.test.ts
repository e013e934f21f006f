import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown } from './markdown.ts';

test('in right-to-left text, Latin names are isolated so their "+" and brackets stay in place', () => {
  const out = renderMarkdown('برنامج Erasmus+ (KA1) و **ETF Network for Excellence** في [موقع ENE](https://example.org/?a=1&b=2) عام 2025.', true).value;
  assert.match(out, /برنامج <bdi>Erasmus\+<\/bdi> \(<bdi>KA1<\/bdi>\)/);
  assert.match(out, /<strong><bdi>ETF Network for Excellence<\/bdi><\/strong>/);
  assert.match(out, /<a href="https:\/\/example.org\/\?a=1&amp;b=2" rel="noopener noreferrer">موقع <bdi>ENE<\/bdi><\/a>/, 'addresses untouched');
  assert.match(out, /عام 2025\./, 'numbers alone need no isolation');
});

test('left-to-right text is rendered as written, and escaping still holds', () => {
  assert.equal(renderMarkdown('Erasmus+ & <script>x</script> text').value.trim(), '<p>Erasmus+ &amp;  text</p>');
  assert.equal(renderMarkdown('نص & <b>x', true).value.includes('<b>'), false);
});

test('a name kept in its language can be marked in content', () => {
  assert.match(renderMarkdown('les <span lang="en">IntVE Knowledge Packages</span> de l’ETF').value, /<span lang="en">IntVE Knowledge Packages<\/span>/);
  assert.doesNotMatch(renderMarkdown('<span style="color:red" onclick="x()">a</span>').value, /style|onclick/);
});
