import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainExcerpt, plainText, renderMarkdown } from './markdown.ts';

test('in right-to-left text, Latin names are isolated so their "+" and brackets stay in place', () => {
  const out = renderMarkdown('برنامج Erasmus+ (KA1) و **ETF Network for Excellence** في [موقع ENE](https://example.org/?a=1&b=2) عام 2025.', true).value;
  assert.match(out, /برنامج <bdi>Erasmus\+<\/bdi> \(<bdi>KA1<\/bdi>\)/);
  assert.match(out, /<strong><bdi>ETF Network for Excellence<\/bdi><\/strong>/);
  assert.match(out, /<a href="https:\/\/example.org\/\?a=1&amp;b=2" rel="noopener noreferrer">موقع <bdi>ENE<\/bdi><\/a>/, 'addresses untouched');
  assert.match(out, /عام 2025\./, 'numbers alone need no isolation');
});

test('links in what members write are marked as theirs (nofollow ugc); the platform’s own are not', () => {
  const link = '[our site](https://centre.example/) and [the library](/en/library)';
  assert.match(
    renderMarkdown(link, false, { userWritten: true }).value,
    /<a href="https:\/\/centre.example\/" rel="nofollow ugc noopener noreferrer">our site<\/a>/,
  );
  assert.match(
    renderMarkdown(link, false, { userWritten: true }).value,
    /<a href="\/en\/library">the library<\/a>/,
    'a link within the platform stays as it is',
  );
  assert.match(renderMarkdown(link).value, /<a href="https:\/\/centre.example\/" rel="noopener noreferrer">/);
});

test('left-to-right text is rendered as written, and escaping still holds', () => {
  assert.equal(renderMarkdown('Erasmus+ & <script>x</script> text').value.trim(), '<p>Erasmus+ &amp;  text</p>');
  assert.equal(renderMarkdown('نص & <b>x', true).value.includes('<b>'), false);
});

test('a name kept in its language can be marked in content', () => {
  assert.match(renderMarkdown('les <span lang="en">IntVE Knowledge Packages</span> de l’ETF').value, /<span lang="en">IntVE Knowledge Packages<\/span>/);
  assert.doesNotMatch(renderMarkdown('<span style="color:red" onclick="x()">a</span>').value, /style|onclick/);
});

test('plain text: paragraphs without markup come out as they are, markup is stripped', () => {
  // No markup: the text itself, its white space collapsed (the lexer is not needed for it).
  assert.equal(
    plainText('A scan of the ecosystem.\nIt compares  regions.\n\nThe scan is an example, 2024.'),
    'A scan of the ecosystem. It compares regions. The scan is an example, 2024.',
  );
  assert.equal(plainText('مسح   للنظام البيئي.\n\nالفقرة الثانية.'), 'مسح للنظام البيئي. الفقرة الثانية.');
  // Markup of every kind the quick test must notice.
  assert.equal(plainText('**Bold** and _slanted_ and [a link](https://example.org) and `code`.'), 'Bold and slanted and a link and code.');
  // Marked-up words inside a sentence keep their punctuation and neighbours.
  assert.equal(plainText('How do you **train tutors**?'), 'How do you train tutors?');
  assert.equal(plainText('A [guide](https://example.org), and *more*.'), 'A guide, and more.');
  assert.equal(plainText('Line one  \nline two'), 'Line one line two');
  assert.equal(plainText('Not \\*bold\\*'), 'Not *bold*');
  assert.equal(plainText('1. First step\n2. Second step'), 'First step Second step');
  assert.equal(plainText('- one\n- two'), 'one two');
  assert.equal(plainText('Heading\n=======\n\nText under it.'), 'Heading Text under it.');
  assert.equal(plainText('Heading\n---\nText.'), 'Heading Text.');
  assert.equal(plainText('# Title\n\nBody text'), 'Title Body text');
  assert.equal(plainText('> quoted words'), 'quoted words');
});

test('an excerpt is the start of the plain text, cut after a whole word', () => {
  assert.equal(plainExcerpt('Short **text**.', 50), 'Short text.');
  assert.equal(plainExcerpt('Placement officers find host companies', 20), 'Placement officers…');
  assert.equal(plainExcerpt('Unbreakablewordwithoutspaces', 10), 'Unbreakabl…');
  assert.equal(plainExcerpt(null, 10), '');
});
