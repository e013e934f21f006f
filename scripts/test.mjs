// The README's test command: unit and HTTP-level integration tests on the database named by
// DATABASE_URL (SQLite by default, PostgreSQL when it is a postgres:// URL), then the browser
// suite when Chromium is installed (or always, when CI=true).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (args) => spawnSync('node', args, { stdio: 'inherit', env: process.env }).status ?? 1;
const engine = process.env.DATABASE_URL?.startsWith('postgres') ? 'PostgreSQL' : 'SQLite';
console.log(`\n▶ unit and integration tests on ${engine}\n`);
let status = run(['--test', '--test-concurrency=2', 'src/**/*.test.ts', 'test/**/*.test.ts']);

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (process.env.SKIP_BROWSER === '1') {
  console.log('\nBrowser tests skipped (SKIP_BROWSER=1).');
} else if (existsSync(chromium) || process.env.CI === 'true') {
  console.log(`\n▶ browser tests (${chromium})\n`);
  status ||= run(['--test', '--test-concurrency=1', 'test/browser/**/*.e2e.ts']);
} else {
  console.log(`\nBrowser tests skipped: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH).`);
}
process.exit(status);
