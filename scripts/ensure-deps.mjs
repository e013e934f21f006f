// Runs before `npm start` and `npm test` on whatever Node the machine has (even an old one):
// installs the locked dependencies, which include the project's own LTS Node, when they are
// missing or older than package-lock.json. Kept to plain JavaScript for that reason.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json';
const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs;

if (stale) {
  console.log('Installing dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const localNode = 'node_modules/.bin/node';
const major = Number(process.versions.node.split('.')[0]);
if (!existsSync(localNode) && major < 22) {
  console.error(`This project needs Node 22 or 24; found ${process.version} and no bundled Node for this platform. Install an LTS Node and retry.`);
  process.exit(1);
}
