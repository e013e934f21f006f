import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

// Reading a PDF as a person does: its pages as pictures (poppler's pdftoppm, which CI installs).

export const hasPoppler = !spawnSync('pdftoppm', ['-v']).error;

/** One page of a PDF as a PNG, `dpi` dots per inch (1-based page number). */
export function pdfPage(pdf: Buffer, page = 1, dpi = 100): Buffer {
  const result = spawnSync('pdftoppm', ['-png', '-singlefile', '-r', String(dpi), '-f', String(page), '-l', String(page), '-'], {
    input: pdf,
    maxBuffer: 64 << 20,
  });
  assert.equal(result.status, 0, result.stderr?.toString());
  return result.stdout;
}
