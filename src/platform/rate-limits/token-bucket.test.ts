import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenBuckets } from './token-bucket.ts';

function buckets(burst = 3, perSecond = 2, maxAddresses?: number) {
  let now = 0;
  const b = new TokenBuckets({ burst, perSecond }, { now: () => now, ...(maxAddresses ? { maxAddresses } : {}) });
  return { b, advance: (ms: number) => (now += ms) };
}

test('an address gets its burst, then waits for the next token', () => {
  const { b } = buckets(3, 2);
  for (let i = 0; i < 3; i++) assert.deepEqual(b.take('192.0.2.1'), { ok: true });
  assert.deepEqual(b.take('192.0.2.1'), { ok: false, retryAfterSeconds: 1 });
  assert.deepEqual(b.take('192.0.2.2'), { ok: true }, 'another address has its own bucket');
});

test('tokens come back at the rate, never above the burst', () => {
  const { b, advance } = buckets(3, 2);
  for (let i = 0; i < 3; i++) b.take('a');
  advance(499);
  assert.equal(b.take('a').ok, false, 'not a whole token yet');
  advance(1);
  assert.equal(b.take('a').ok, true, 'half a second at 2 a second brings one back');
  assert.equal(b.take('a').ok, false);
  advance(60_000);
  for (let i = 0; i < 3; i++) assert.equal(b.take('a').ok, true, `token ${i + 1} after a long pause`);
  assert.equal(b.take('a').ok, false, 'a pause fills the bucket to its burst and no further');
});

test('a refused request costs nothing and Retry-After counts down', () => {
  const { b, advance } = buckets(1, 0.25);
  b.take('a');
  assert.deepEqual(b.take('a'), { ok: false, retryAfterSeconds: 4 });
  for (let i = 0; i < 10; i++) b.take('a');
  advance(3000);
  assert.deepEqual(b.take('a'), { ok: false, retryAfterSeconds: 1 }, 'refusals did not push the wait further out');
  advance(1000);
  assert.equal(b.take('a').ok, true);
});

test('a held address is refused until the time is over', () => {
  const { b, advance } = buckets(3, 2);
  b.hold('a', 60);
  assert.deepEqual(b.take('a'), { ok: false, retryAfterSeconds: 61 });
  advance(60_500);
  assert.equal(b.take('a').ok, true);
});

test('refusals are reported once a minute per address', () => {
  const { b, advance } = buckets();
  assert.equal(b.report('a'), true);
  assert.equal(b.report('a'), false);
  assert.equal(b.report('b'), true, 'each address once');
  advance(59_999);
  assert.equal(b.report('a'), false);
  advance(1);
  assert.equal(b.report('a'), true);
});

test('memory is bounded: the address seen least recently is forgotten first', () => {
  const { b } = buckets(1, 1, 3);
  for (const a of ['a', 'b', 'c']) b.take(a);
  b.take('a');
  b.take('d');
  assert.equal(b.size, 3);
  assert.equal(b.take('b').ok, true, 'b was forgotten, so it starts with a full bucket');
  assert.equal(b.take('a').ok, false, 'a was used recently and is remembered (empty)');
  const many = buckets(1, 1, 100).b;
  for (let i = 0; i < 1000; i++) {
    many.take(`198.51.100.${i}`);
    assert.ok(many.size <= 100, `${many.size} addresses kept`);
  }
});
