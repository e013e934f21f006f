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
