// A node:test reporter that keeps a long run from looking hung: every INTVE_TEST_PROGRESS_SECONDS
// (30 by default) a line with the tests and files finished so far and the files still running
// (with how long each has run), and at the end the slowest files (and the counts, added to the
// file INTVE_TEST_COUNTS names, for scripts/test.mjs's closing line). Node holds back a file's test
// events until the files started before it have finished (the spec reporter's lines come in
// bursts when several files run at once), but it reports each file's start and end at once.
import { appendFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Transform } from 'node:stream';

const every = Number(process.env.INTVE_TEST_PROGRESS_SECONDS ?? 30) * 1000;

const clock = (ms) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};
const short = (file) => relative(process.cwd(), file);

function progress() {
  const started = Date.now();
  const files = new Set();
  const running = new Map();
  const finished = new Map();
  let done = 0;
  let failed = 0;
  let skipped = 0;
  const isFile = (data) => typeof data?.file === 'string' && typeof data.name === 'string' && resolve(data.name) === data.file;
  const stream = new Transform({
    writableObjectMode: true,
    transform({ type, data }, _encoding, callback) {
      const file = isFile(data);
      if (type === 'test:enqueue' && file) files.add(data.file);
      if (type === 'test:dequeue' && file) running.set(data.file, Date.now());
      if (type === 'test:complete' && file) {
        running.delete(data.file);
        finished.set(data.file, data.details.duration_ms);
      }
      if ((type === 'test:pass' || type === 'test:fail') && !file && data.details.type !== 'suite') {
        done++;
        if (type === 'test:fail') failed++;
        else if (data.skip !== undefined) skipped++;
      }
      callback();
    },
    flush(callback) {
      clearInterval(timer);
      if (process.env.INTVE_TEST_COUNTS)
        appendFileSync(process.env.INTVE_TEST_COUNTS, `${JSON.stringify({ passed: done - failed - skipped, failed, skipped })}\n`);
      const slowest = [...finished].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.INTVE_TEST_SLOWEST ?? 5));
      if (slowest.length > 1) this.push(`slowest files: ${slowest.map(([f, ms]) => `${short(f)} ${clock(ms)}`).join(' · ')}\n`);
      callback();
    },
  });
  const timer = setInterval(() => {
    const now = Date.now();
    const still = [...running].map(([f, since]) => `${short(f)} ${clock(now - since)}`).join(', ');
    stream.push(
      `… ${clock(now - started)}: ${done} tests finished${failed ? ` (${failed} failed)` : ''}, ${finished.size} of ${files.size} files${still ? `; running ${still}` : ''}\n`,
    );
  }, every);
  timer.unref();
  return stream;
}

export default progress();
