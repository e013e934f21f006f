import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withinOneEdit } from './partition.ts';
import { gallop, SearchIndex, topK, type IndexedDocument } from './search-index.ts';

// The in-memory index on its own, without a database: matching, ranking, typos, phrases, and
// that an index changed document by document answers exactly as one built afresh.

const doc = (id: number, title: string, body: string, o: Partial<IndexedDocument> = {}): IndexedDocument => ({
  id,
  kind: 'resource',
  ref: `resource:${id}:`,
  lang: 'en',
  title,
  body,
  ...o,
});

function indexOf(docs: IndexedDocument[]): SearchIndex {
  const index = new SearchIndex();
  for (const d of docs) index.put(d);
  index.tidy(true);
  return index;
}

const ids = (index: SearchIndex, text: string, lang: 'en' | 'fr' | 'ar' = 'en') =>
  index.search(text, lang, { offset: 0, limit: 50 })?.hits.map((h) => h.id) ?? null;

describe('in-memory search index', () => {
  test('every word must be there; stop words alone are not a query', () => {
    const index = indexOf([doc(1, 'Tracer studies', 'Following graduates after training'), doc(2, 'Graduate surveys', 'Asking employers about skills')]);
    assert.deepEqual(ids(index, 'tracer graduates'), [1]);
    assert.deepEqual(ids(index, 'tracer employers'), []);
    assert.equal(index.search('the and of', 'en', { offset: 0, limit: 10 }), null);
  });

  test('BM25: a rare word outweighs a common one, and a title match outweighs a body match', () => {
    const docs = [
      doc(1, 'Skills partnerships', 'skills skills skills'),
      doc(2, 'Regional overview', 'skills and a hydrogen pilot'),
      doc(3, 'Hydrogen valleys', 'skills for energy'),
      ...Array.from({ length: 20 }, (_, i) => doc(10 + i, `Report ${i}`, 'skills in every sector')),
    ];
    const index = indexOf(docs);
    // "hydrogen" is rare: both documents with it lead; the one with it in the title first.
    assert.deepEqual(ids(index, 'skills hydrogen'), [3, 2]);
    assert.equal(ids(index, 'skills')![0], 1);
  });

  test('the exact phrase ranks above the same words apart', () => {
    const index = indexOf([
      doc(1, 'Guide', 'Learning at work with companies, and what makes a good placement.'),
      doc(2, 'Guide', 'A good placement makes learning at work work.'),
      doc(3, 'Guide', 'Placement of learners; work with companies; good learning.'),
    ]);
    const found = ids(index, 'good placement')!;
    assert.equal(found.length, 3);
    assert.deepEqual(found.slice(0, 2).sort(), [1, 2]);
    assert.equal(found[2], 3);
  });

  test('one typo is forgiven in words of five letters or more, never in shorter ones', () => {
    const index = indexOf([doc(1, 'Partnership guide', 'How training centres work with companies'), doc(2, 'Data', 'Open data about jobs')]);
    for (const typo of ['partnrship', 'patnership', 'partnersihp', 'trainng', 'compnies']) assert.deepEqual(ids(index, typo), [1], typo);
    assert.deepEqual(ids(index, 'prtnrship'), [], 'two edits are too many');
    assert.deepEqual(ids(index, 'jbos'), [], 'four letters: no typo allowed');
    // A correctly spelled word does not pull in its neighbours.
    const more = indexOf([doc(1, 'Training', 'x'), doc(2, 'Raining', 'x')]);
    assert.deepEqual(ids(more, 'training'), [1]);
  });

  test('a word the index has matches exactly, not the words one edit from it; a typo match ranks lower', () => {
    const both = indexOf([doc(1, 'Careers', 'guidance'), doc(2, 'Carers', 'guidance')]);
    assert.deepEqual(ids(both, 'carers'), [2]);
    assert.deepEqual(ids(both, 'careers'), [1]);
    const index = indexOf([doc(1, 'Guidance', 'for careers'), doc(2, 'Guidance', 'for mentors')]);
    const exact = index.search('guidance careers', 'en', { offset: 0, limit: 10 })!.hits[0]!;
    const typo = index.search('guidance carers', 'en', { offset: 0, limit: 10 })!.hits[0]!;
    assert.equal(typo.id, 1);
    assert.ok(typo.score < exact.score);
  });

  test('a reader in French finds French documents and English-only items, each item once, their own language first', () => {
    const index = indexOf([
      doc(1, 'Building partnerships', 'Companies and schools', { ref: 'station:a:' }),
      doc(2, 'Construire des partenariats', 'Les entreprises et les écoles', { ref: 'station:a:', lang: 'fr' }),
      doc(3, 'Partnership charter', 'A model agreement', { ref: 'resource:c:' }),
    ]);
    const found = index.search('partenariats', 'fr', { offset: 0, limit: 10 })!;
    assert.deepEqual(
      found.hits.map((h) => h.id),
      [2],
    );
    const both = index.search('partnership', 'fr', { offset: 0, limit: 10 })!;
    assert.equal(both.total, 2, 'station:a: counts once');
    assert.deepEqual(both.hits.map((h) => h.id).sort(), [1, 3]);
  });

  test('kinds narrow the matches', () => {
    const index = indexOf([doc(1, 'Quality', 'assurance'), doc(2, 'Quality', 'assurance', { kind: 'station', ref: 'station:1:' })]);
    assert.deepEqual(
      index.search('quality', 'en', { kinds: ['station'], offset: 0, limit: 10 })!.hits.map((h) => h.id),
      [2],
    );
  });

  test('changed document by document, the index answers exactly as one built afresh', () => {
    const words = 'skills training centres quality employers digital green learners regional partnership apprenticeship teachers'.split(' ');
    const text = (i: number, n: number) => Array.from({ length: n }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ');
    const live = new SearchIndex();
    const final = new Map<number, IndexedDocument>();
    for (let i = 1; i <= 300; i++) {
      const d = doc(i, text(i, 3), text(i + 1, 12));
      live.put(d);
      final.set(i, d);
    }
    live.tidy(true);
    // Edits, removals and additions, with the tidying a real instance does after each batch.
    for (let round = 0; round < 5; round++) {
      for (let i = 1 + round; i <= 300; i += 7) {
        const d = doc(i, text(i + round, 4), text(i * 3 + round, 10));
        live.put(d);
        final.set(i, d);
      }
      for (let i = 5 + round; i <= 300; i += 23) {
        live.delete(i);
        final.delete(i);
      }
      for (let i = 301 + round * 10; i < 311 + round * 10; i++) {
        const d = doc(i, text(i, 3), text(i, 9));
        live.put(d);
        final.set(i, d);
      }
      live.tidy();
    }
    live.tidy(true);
    const fresh = indexOf([...final.values()]);
    assert.equal(live.documents, fresh.documents);
    for (const q of ['skills', 'quality employers', 'green digital learners', 'regional partnership', 'trainng', 'teachers centres']) {
      const a = live.search(q, 'en', { offset: 0, limit: 400 })!;
      const b = fresh.search(q, 'en', { offset: 0, limit: 400 })!;
      assert.equal(a.total, b.total, q);
      assert.deepEqual(
        a.hits.map((h) => h.id),
        b.hits.map((h) => h.id),
        q,
      );
      for (let k = 0; k < a.hits.length; k++) assert.ok(Math.abs(a.hits[k]!.score - b.hits[k]!.score) < 1e-4, q);
    }
  });

  test('a removed document is gone at once, before any tidying', () => {
    const index = indexOf([doc(1, 'Zebra', 'stripes'), doc(2, 'Zebra', 'crossing')]);
    index.delete(1);
    assert.deepEqual(ids(index, 'zebra'), [2]);
    index.put(doc(1, 'Horse', 'stripes'));
    assert.deepEqual(ids(index, 'zebra'), [2]);
    assert.deepEqual(ids(index, 'horse'), [1]);
  });
});

describe('the index’s small parts', () => {
  test('one edit: insertion, deletion, substitution, transposition', () => {
    assert.ok(withinOneEdit('partner', 'partner'));
    assert.ok(withinOneEdit('partner', 'partners'));
    assert.ok(withinOneEdit('partners', 'partner'));
    assert.ok(withinOneEdit('partner', 'pertner'));
    assert.ok(withinOneEdit('partner', 'patrner'));
    assert.ok(!withinOneEdit('partner', 'ptarner2'));
    assert.ok(!withinOneEdit('partner', 'pratenr'));
    assert.ok(!withinOneEdit('abc', 'abcde'));
  });

  test('gallop finds the first position at or after the target', () => {
    const docs = Int32Array.from([1, 3, 5, 7, 9, 11, 13, 15, 17]);
    for (let target = 0; target <= 18; target++) {
      const expected = docs.findIndex((d) => d >= target);
      for (let from = 0; from <= (expected < 0 ? docs.length : expected); from++) {
        assert.equal(gallop(docs, docs.length, from, target), expected < 0 ? docs.length : expected, `target ${target} from ${from}`);
      }
    }
  });

  test('topK keeps the best, best first, ties in the given order', () => {
    const scores = [5, 1, 9, 5, 7, 9, 0];
    assert.deepEqual(
      topK(scores, 4, (a, b) => a < b),
      [2, 5, 4, 0],
    );
    assert.deepEqual(
      topK(scores, 100, (a, b) => a < b),
      [2, 5, 4, 0, 3, 1, 6],
    );
    assert.deepEqual(
      topK(scores, 0, (a, b) => a < b),
      [],
    );
  });
});
