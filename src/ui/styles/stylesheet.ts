import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The site's one stylesheet, kept as a file per part of the site (10-base.css … 90-charts.css)
// and one per component (components/<name>/<name>.css), and served as one. The parts are joined
// in the order of their names, which is the cascade's order, so a later part may refine an earlier
// one; the components come right after the base (as if they were named 15-<name>.css), so the
// parts of the site build on them. A new area adds a part of its own.

const stylesDir = new URL('.', import.meta.url).pathname;
const componentsDir = new URL('../components/', import.meta.url).pathname;

export function siteStylesheet(): string {
  const parts = readdirSync(stylesDir)
    .filter((name) => /^\d{2}-[a-z-]+\.css$/.test(name))
    .map((name) => ({ key: name, file: join(stylesDir, name) }));
  const components = existsSync(componentsDir)
    ? readdirSync(componentsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(componentsDir, d.name, `${d.name}.css`)))
        .map((d) => ({ key: `15-${d.name}.css`, file: join(componentsDir, d.name, `${d.name}.css`) }))
    : [];
  return [...parts, ...components]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((p) => readFileSync(p.file, 'utf8'))
    .join('\n');
}
