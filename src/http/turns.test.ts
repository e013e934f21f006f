import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextPass, Turns } from './turns.ts';

/** Counts passes of the event loop (a setImmediate that schedules itself) until stopped. */
function countPasses(): { now: () => number; stop: () => void } {
  let pass = 0;
  let done = false;
  const tick = () => {
    pass++;
    if (!done) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => pass, stop: () => (done = true) };
}

test('addresses take turns: a burst from one address waits behind everyone else, not in front', async () => {
  const turns = new Turns();
  const order: string[] = [];
  const all = ['a1', 'a2', 'a3', 'b1', 'c1', 'b2'].map((name) => turns.take(name[0]!).then(() => order.push(name)));
  assert.equal(turns.length, 6);
  await Promise.all(all);
  assert.deepEqual(order, ['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  assert.equal(turns.length, 0);
});

test('one turn per pass of the event loop, so what arrived in between is read before the next turn', async () => {
  const turns = new Turns();
  const passes = countPasses();
  const seen: number[] = [];
  await Promise.all([1, 2, 3].map(() => turns.take('a').then(() => seen.push(passes.now()))));
  passes.stop();
  assert.equal(seen.length, 3);
  assert.ok(seen[0]! < seen[1]! && seen[1]! < seen[2]!, `turns in passes ${seen.join(', ')}`);
});

test('nextPass: answers that arrive together are rendered one per pass of the event loop, in order', async () => {
  const passes = countPasses();
  const seen: [number, number][] = [];
  await Promise.all([1, 2, 3, 4].map((n) => nextPass().then(() => seen.push([n, passes.now()]))));
  passes.stop();
  assert.deepEqual(
    seen.map(([n]) => n),
    [1, 2, 3, 4],
  );
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i]![1] > seen[i - 1]![1], `renders in passes ${seen.map(([, p]) => p).join(', ')}`);
});
