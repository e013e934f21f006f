// `npm run lighthouse`: Lighthouse's mobile audit (performance, accessibility, best practices,
// SEO) of the pages people reach most, in English and Arabic, on a fresh test database with the
// browser suite's fixture; Debian's Chromium does the measuring. Prints a table and writes it to
// bench/lighthouse.md. `npm run lighthouse -- station` audits only pages whose names contain a word.
// Not part of `npm test`: the performance score depends on the machine, and the run takes minutes.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { testApp } from '../test/helpers/app.ts';
import { FULL_CHROMIUM } from '../test/browser/chromium.ts';
import { CHROMIUM_FLAGS } from '../test/browser/setup.ts';
import { buildFixture, type Fixture, type SignedInPerson } from '../test/pages/fixture.ts';

const lighthouseVersion = (JSON.parse(readFileSync(new URL('../node_modules/lighthouse/package.json', import.meta.url), 'utf8')) as { version: string })
  .version;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const LANGS = ['en', 'ar'];
const pages: { name: string; path: (f: Fixture) => string; as?: SignedInPerson }[] = [
  { name: 'home', path: () => '' },
  { name: 'station', path: () => '/packages/1/stations/1' },
  { name: 'e-library', path: () => '/library' },
  { name: 'report', path: (f) => `${f.finished}/report`, as: 'member' },
  { name: 'questionnaire', path: (f) => `/survey/r/${f.token}/1` },
];

/** A port nobody listens on, so BASE_URL (canonical links, hreflang) can name the address the audit opens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const words = process.argv.slice(2).map((w) => w.toLowerCase());
const chosen = words.length ? pages.filter((p) => words.some((w) => p.name.includes(w))) : pages;
const port = await freePort();
const base = `http://localhost:${port}`;
const app = await testApp({ env: { BASE_URL: base } });
const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH ?? FULL_CHROMIUM, chromeFlags: CHROMIUM_FLAGS });
const rows: string[] = [];
try {
  await app.app.listen({ port, host: '127.0.0.1' });
  const fixture = await buildFixture(app);
  for (const p of chosen) {
    for (const lang of LANGS) {
      const url = `${base}/${lang}${p.path(fixture)}`;
      const cookie = p.as ? [...fixture.people[p.as].agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
        ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
      });
      if (!result) throw new Error(`no result for ${url}`);
      const { categories, audits } = result.lhr;
      const scores = CATEGORIES.map((c) => Math.round((categories[c]?.score ?? 0) * 100));
      const failing = Object.values(audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => a.id);
      const fcp = audits['first-contentful-paint']?.displayValue ?? '';
      const lcp = audits['largest-contentful-paint']?.displayValue ?? '';
      const row = `| ${p.name} | ${lang} | ${scores.join(' | ')} | ${fcp} | ${lcp} | ${failing.join(', ') || '–'} |`;
      rows.push(row);
      console.log(row);
    }
  }
} finally {
  chrome.kill();
  await app.close();
}
const table = [
  '| page | lang | performance | accessibility | best practices | SEO | first paint | largest paint | failing audits |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
].join('\n');
if (!words.length) {
  writeFileSync(
    new URL('../bench/lighthouse.md', import.meta.url),
    `# Lighthouse, mobile profile\n\nMeasured by \`npm run lighthouse\` on ${new Date().toISOString().slice(0, 10)} (Lighthouse ${lighthouseVersion}, Debian's Chromium, simulated slow 4G and a mid-range phone). The performance score varies with the machine's load by a few points.\n\n${table}\n`,
  );
}
console.log(`\n${table}`);
