import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The site's one stylesheet, kept as a file per part of the site (10-base.css … 90-charts.css)
// and served as one: the parts are joined in the order of their names, which is the cascade's
// order, so a later part may refine an earlier one. A new area adds a part of its own.

const dir = new URL('.', import.meta.url).pathname;

export function siteStylesheet(): string {
  const parts = readdirSync(dir)
    .filter((name) => /^\d{2}-[a-z-]+\.css$/.test(name))
    .sort();
  return parts.map((name) => readFileSync(join(dir, name), 'utf8')).join('\n');
}
