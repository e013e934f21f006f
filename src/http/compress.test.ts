import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { brotliLater, brotliOptions, gzipLater } from './compress.ts';

// Reused gzip streams (compress.ts) must give what a fresh zlib.gzip gives: a whole gzip member
// per body, whatever came before on the same stream, however large, however many at once.

const page = (seed: number, size: number) => {
  const words = ['apprenticeship', 'partnership', 'centre', 'excellence', 'تدريب', 'stage', 'entreprise', 'навчання'];
  let text = '';
  for (let i = 0; text.length < size; i++) text += `<li><a href="/en/library/r-${seed}-${i}">${words[(i * 7 + seed) % words.length]}</a> ${i % 97}</li>\n`;
  return Buffer.from(text);
};

describe('gzip on reused streams', () => {
  test('each body comes back whole, one after another on the same streams', async () => {
    for (let i = 0; i < 30; i++) {
      const body = page(i, 2_000 + i * 1_000);
      assert.deepEqual(gunzipSync(await gzipLater(body)), body, `body ${i}`);
    }
  });

  test('a body whose compressed form is far larger than a stream buffers (1 MB of noise, a 300 KB report)', async () => {
    const noise = randomBytes(1 << 20);
    assert.deepEqual(gunzipSync(await gzipLater(noise)), noise);
    const report = page(7, 300_000);
    const gz = await gzipLater(report);
    assert.ok(gz.length < report.length / 4, 'compressed');
    assert.deepEqual(gunzipSync(gz), report);
  });

  test('many at once, each its own member, none mixed with another', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => page(i, 5_000 + (i % 5) * 20_000));
    const out = await Promise.all(bodies.map((b) => gzipLater(b)));
    out.forEach((gz, i) => assert.deepEqual(gunzipSync(gz), bodies[i]));
  });

  test('an empty body is a valid, empty gzip member', async () => {
    assert.equal(gunzipSync(await gzipLater(Buffer.alloc(0))).length, 0);
  });
});

describe('brotli for one body', () => {
  test('the window fits the body, from 16 to 22 bits', () => {
    const window = (size: number) => brotliOptions(4, size).params![constants.BROTLI_PARAM_LGWIN];
    assert.equal(window(0), 16);
    assert.equal(window(50_000), 16);
    assert.equal(window(70_000), 17);
    assert.equal(window(300_000), 19);
    assert.equal(window(50_000_000), 22);
  });

  test('a body comes back whole', async () => {
    const body = page(3, 120_000);
    assert.deepEqual(brotliDecompressSync(await brotliLater(body, 5)), body);
  });
});
