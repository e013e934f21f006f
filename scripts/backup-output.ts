import type { Progress } from '../src/backup.ts';

// What the backup and restore commands print: sizes and counts people read at a glance, and a
// progress line now and then on a terminal, so a long run does not look stuck.

const number = new Intl.NumberFormat('en');

export const count = (n: number, one: string, many: string) => `${number.format(n)} ${n === 1 ? one : many}`;

export function size(bytes: number): string {
  if (bytes < 1024) return `${number.format(bytes)} bytes`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** A progress printer for standard error, at most one line every two seconds, only on a terminal. */
export function progress(verb: string): (p: Progress) => void {
  let last = Date.now();
  return (p) => {
    if (!process.stderr.isTTY || Date.now() - last < 2000) return;
    last = Date.now();
    process.stderr.write(`${verb} ${'table' in p ? `${p.table} (${count(p.rows, 'row', 'rows')})` : p.file}…\n`);
  };
}
