import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { siteStylesheet } from '../ui/styles/stylesheet.ts';
import { renderedFrom, type Rendered } from './page-cache.ts';

// Static assets (CSS, JS, icons) are read once at start, fingerprinted by content hash and kept
// compressed in memory. Fingerprinted URLs never change meaning, so they are cached for a year.
// site.css is made of the parts in ui/styles/; the rest are the files of ui/assets/.

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface Assets {
  /** the fingerprinted URL of an asset, e.g. /assets/site.3f2a9c1b.css */
  url(name: string): string;
  /** the asset behind a fingerprinted file name */
  get(file: string): Rendered | undefined;
}

export function loadAssets(dir = new URL('../ui/assets/', import.meta.url).pathname): Assets {
  const byName = new Map<string, string>();
  const byFile = new Map<string, Rendered>();
  const files = readdirSync(dir)
    .filter((name) => types[extname(name)])
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  for (const { name, text } of [...files, { name: 'site.css', text: siteStylesheet() }]) {
    const type = types[extname(name)]!;
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 10);
    const file = name.replace(/(\.[a-z]+)$/, `.${hash}$1`);
    byName.set(name, `/assets/${file}`);
    byFile.set(file, renderedFrom(text, type));
  }
  return {
    url(name) {
      const url = byName.get(name);
      if (!url) throw new Error(`unknown asset: ${name}`);
      return url;
    },
    get: (file) => byFile.get(file),
  };
}
