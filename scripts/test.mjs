// The README's test command: unit and HTTP-level integration tests on the database named by
// DATABASE_URL (SQLite by default, PostgreSQL when it is a postgres:// URL), then the browser
// suite when Chromium is installed (or always, when CI=true).
//
// It first builds the run's database templates (migrated, and with the starter content), which
// every test file copies instead of building its own (test/helpers/databases.ts), and removes
// them at the end, also after a failure or Ctrl-C. Each step prints its time, a progress line
// every 30 s while it runs (scripts/test-progress.mjs); the run closes with the time of each step
// and the number of tests passed, failed and skipped.
import { spawn } from 'node:child_process';
import { existsSync, globSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildTemplates, engine, scratchFolder, TEMPLATE_ENV } from '../test/helpers/databases.ts';
import { loadStarterContent } from '../test/helpers/starter.ts';
import { CHROMIUM_PATH } from '../test/browser/chromium.ts';

const engineName = engine === 'postgres' ? 'PostgreSQL' : 'SQLite';
// Files spend much of their time waiting on the database and on I/O: on 2 cores, 3 at once was the
// quickest on both engines (SQLite 29 s against 39 s with 2 and 35 s with 4; PostgreSQL 41-45 s against 43 and 47 s).
const concurrency = process.env.TEST_CONCURRENCY ?? '3';
const progress = [
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/test-progress.mjs',
  '--test-reporter-destination=stdout',
];

const clock = (ms) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};

let child = null;
let interrupted = null;
const signals = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };
for (const signal of Object.keys(signals)) {
  process.on(signal, () => {
    interrupted = signal;
    child?.kill(signal);
  });
}

// The tests' own temporary folders (and Chromium's profiles) go in one folder the run removes, even when interrupted.
const scratch = scratchFolder();
const env = {
  ...process.env,
  TMPDIR: scratch,
  INTVE_TEST_COUNTS: join(scratch, 'counts.jsonl'),
  // Compiled (and type-stripped) modules are kept between test processes and runs.
  NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(process.cwd(), 'node_modules', '.cache', 'node-compile'),
};

let templates = null;
// While tests run, the copies of finished test files are dropped (on PostgreSQL a drop waits for a
// checkpoint; done now and then, side by side with the tests, it does not pile up at the end).
const run = (args) =>
  new Promise((resolve) => {
    let reaping = Promise.resolve();
    const reaper = setInterval(() => {
      reaping = reaping.then(() => templates?.reap()).catch((error) => console.error('could not drop finished test databases:', error.message));
    }, 5000);
    child = spawn(process.execPath, args, { stdio: 'inherit', env });
    child.on('exit', (code, signal) => {
      child = null;
      clearInterval(reaper);
      void reaping.then(() => resolve(code ?? (signal ? 128 + (signals[signal] ?? 1) : 1)));
    });
  });

/**
 * The browser suite's files, the two halves of the page checks first: they are the longest, so
 * the shorter journeys fill in around them and both cores stay busy to the end.
 */
const browserFiles = () => {
  const first = (f) => (/\/pages(-second-half)?\.e2e\.ts$/.test(f) ? 0 : 1);
  return globSync('test/browser/**/*.e2e.ts').sort((a, b) => first(a) - first(b) || a.localeCompare(b));
};

const steps = [];
/** Runs one step of the command, timed; `label` names it in the closing summary. */
async function step(label, name, work) {
  if (interrupted) return 1;
  console.log(`\n▶ ${name}\n`);
  const started = Date.now();
  let status;
  try {
    status = await work();
  } catch (error) {
    console.error(error);
    status = 1;
  }
  const took = Date.now() - started;
  steps.push({ label, took, status });
  console.log(`\n${status === 0 ? '✔' : '✖'} ${name}: ${clock(took)}${status === 0 ? '' : ` (exit status ${status})`}`);
  return status;
}

const started = Date.now();
let counts = [];
let status = await step('templates', `database templates on ${engineName}`, async () => {
  templates = await buildTemplates((database) => loadStarterContent(database));
  env[TEMPLATE_ENV] = templates.location;
  return 0;
});
try {
  if (status === 0) {
    status = await step('unit/HTTP', `unit and integration tests on ${engineName}`, () =>
      run(['--test', `--test-concurrency=${concurrency}`, ...progress, 'src/**/*.test.ts', 'test/**/*.test.ts']),
    );
  }
  const chromium = CHROMIUM_PATH;
  if (process.env.SKIP_BROWSER === '1') {
    console.log('\nBrowser tests skipped (SKIP_BROWSER=1).');
  } else if (existsSync(chromium) || process.env.CI === 'true') {
    status ||= await step('browser', `browser tests (${chromium})`, () => run(['--test', '--test-concurrency=2', ...progress, ...browserFiles()]));
  } else {
    console.log(`\nBrowser tests skipped: no Chromium at ${chromium} (apt-get install chromium-headless-shell, or set CHROMIUM_PATH).`);
  }
} finally {
  const cleaning = Date.now();
  counts = existsSync(env.INTVE_TEST_COUNTS)
    ? readFileSync(env.INTVE_TEST_COUNTS, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
    : [];
  await templates?.drop().catch((error) => {
    console.error('could not remove the test database templates:', error);
  });
  rmSync(scratch, { recursive: true, force: true });
  steps.push({ label: 'cleanup', took: Date.now() - cleaning, status: 0 });
}

if (interrupted) status = 128 + signals[interrupted];
const summary = steps.map((s) => `${s.label} ${clock(s.took)}${s.status === 0 ? '' : ' ✖'}`);
console.log(`\n${engineName} ${summary.join(' · ')} · total ${clock(Date.now() - started)}${interrupted ? ` (interrupted by ${interrupted})` : ''}`);
if (counts.length) {
  const sum = (key) => counts.reduce((n, c) => n + c[key], 0);
  console.log(`${engineName}: ${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
}
process.exit(status);
