// `npm run shots`: full-page screenshots of every page type of the browser suite's list, in
// English, French and Arabic, at 360 and 1280 px, on a fresh test database with the suite's
// fixture. Written to shots/ (git-ignored) as <nn>-<page>.<lang>.<width>.png, so they sort by
// page type. `npm run shots -- report plan` photographs only the pages whose names contain a word.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileId, langs, pageCases } from '../test/pages/catalogue.ts';
import { DESKTOP, openCase, PHONE, startSuite, tabs } from '../test/browser/setup.ts';

const started = Date.now();
const out = resolve('shots');
const words = process.argv.slice(2).map((w) => w.toLowerCase());
const chosen = words.length ? pageCases.filter((p) => words.some((w) => p.name.toLowerCase().includes(w))) : pageCases;
if (!chosen.length) throw new Error(`no page type's name contains ${words.join(' or ')}`);

mkdirSync(out, { recursive: true });
for (const file of readdirSync(out))
  if (file.endsWith('.png') && (!words.length || chosen.some((p) => file.startsWith(`${fileId(p)}.`)))) rmSync(join(out, file));

const suite = await startSuite();
const open = tabs(suite);
let count = 0;
try {
  for (const p of chosen) {
    for (const lang of langs) {
      const tab = await open.get(p.as ?? 'visitor');
      // Loaded at each width, so what the site's script does on a phone shows too.
      for (const size of [PHONE, DESKTOP]) {
        await tab.page.setViewportSize(size);
        await openCase(suite, tab, lang, p);
        await tab.page.screenshot({ path: join(out, `${fileId(p)}.${lang}.${size.width}.png`), fullPage: true });
        count++;
      }
    }
  }
} finally {
  await open.close();
  await suite.close();
}
console.log(`${count} screenshots of ${chosen.length} page types in ${out} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
