import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PageCache, renderedFrom } from './page-cache.ts';

describe('rendered-page cache', () => {
  const page = (text: string) => renderedFrom(text, 'text/html');

  test('a page rendered from older content is not served', () => {
    const cache = new PageCache(10);
    cache.set('/en', 'v1', page('old'));
    assert.equal(cache.get('/en', 'v1')?.body.toString(), 'old');
    assert.equal(cache.get('/en', 'v2'), undefined);
  });

  test('past its capacity the least recently used page goes', () => {
    const cache = new PageCache(2);
    cache.set('a', 'v', page('a'));
    cache.set('b', 'v', page('b'));
    cache.get('a', 'v');
    cache.set('c', 'v', page('c'));
    assert.ok(cache.get('a', 'v'));
    assert.equal(cache.get('b', 'v'), undefined);
    assert.ok(cache.get('c', 'v'));
    assert.equal(cache.size, 2);
  });

  test('past its bytes the least recently used pages go, as many as the new one needs', () => {
    // Each page of 1,000 bytes costs 1,250 (a quarter more for its compressed forms).
    const cache = new PageCache(100, 4000);
    for (const k of ['a', 'b', 'c']) cache.set(k, 'v', page(k.repeat(1000)));
    assert.equal(cache.bytes, 3750);
    cache.get('a', 'v');
    cache.set('d', 'v', page('d'.repeat(2000)));
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].filter((k) => cache.get(k, 'v')),
      ['a', 'd'],
    );
    assert.equal(cache.bytes, 1250 + 2500);
    cache.set('a', 'v', page('a'.repeat(100)));
    assert.equal(cache.bytes, 125 + 2500, 'a page kept again replaces its older self');
    cache.set('huge', 'v', page('h'.repeat(5000)));
    assert.equal(cache.get('huge', 'v'), undefined, 'a page bigger than the whole cache is not kept');
    assert.equal(cache.size, 2);
  });

  test('capacity 0 keeps nothing', () => {
    const cache = new PageCache(0);
    cache.set('a', 'v', page('a'));
    assert.equal(cache.get('a', 'v'), undefined);
  });

  test('keeps compressed forms and an ETag that changes with the content', () => {
    const a = page('x'.repeat(5000));
    assert.ok(a.gzip.length < a.body.length && a.br.length < a.body.length);
    assert.notEqual(a.etag, page('y'.repeat(5000)).etag);
  });
});
