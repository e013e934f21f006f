import type { DB } from '../../db/database.ts';
import { languages } from '../../i18n/languages.ts';
import { escapeHtml as esc } from '../../ui/html.ts';
import { publishedCentreCount, publishedCentres, publishedPages, publishedResourceCount, publishedResources } from './repository.ts';

// The sitemap protocol allows 50,000 addresses per file: /sitemap.xml is an index of one file for
// the fixed pages, one per RESOURCES_PER_FILE resources and one per as many centre profiles
// (every language each).

/** 10,000 with up to five languages; fewer per file as languages are added, to stay within 50,000 addresses. */
export const RESOURCES_PER_FILE = Math.min(10_000, Math.floor(50_000 / languages.length));

interface Entry {
  path: string;
  updated?: string;
}

function urlset(base: string, entries: Entry[]): string {
  const urls = entries.flatMap(({ path, updated }) =>
    languages.map(
      (lang) =>
        `<url><loc>${esc(`${base}/${lang}${path}`)}</loc>${updated ? `<lastmod>${updated.slice(0, 10)}</lastmod>` : ''}${languages
          .map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${esc(`${base}/${l}${path}`)}"/>`)
          .join('')}</url>`,
    ),
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls.join('\n')}
</urlset>`;
}

export async function sitemapIndex(db: DB, base: string): Promise<string> {
  const [n, centres] = await Promise.all([publishedResourceCount(db), publishedCentreCount(db)]);
  const files = [
    '/sitemap-pages.xml',
    ...Array.from({ length: Math.ceil(n / RESOURCES_PER_FILE) }, (_, i) => `/sitemap-resources-${i + 1}.xml`),
    ...Array.from({ length: Math.ceil(centres / RESOURCES_PER_FILE) }, (_, i) => `/sitemap-centres-${i + 1}.xml`),
  ];
  return `<?xml version="1.0" encoding="utf-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${files.map((f) => `<sitemap><loc>${esc(base + f)}</loc></sitemap>`).join('\n')}
</sitemapindex>`;
}

/** Home, fixed pages (the self-assessment's public ones among them), and the published packages, stations and case studies. */
export async function sitemapPages(db: DB, base: string): Promise<string> {
  const [packages, stations, studies] = await publishedPages(db);
  return urlset(base, [
    { path: '' },
    { path: '/checker' },
    { path: '/case-studies' },
    { path: '/library' },
    { path: '/centres' },
    { path: '/spotlight' },
    { path: '/about' },
    { path: '/help' },
    { path: '/contact' },
    { path: '/privacy' },
    { path: '/cookies' },
    { path: '/accessibility' },
    { path: '/legal' },
    { path: '/self-assessment' },
    { path: '/self-assessment/framework' },
    ...packages.map((p) => ({ path: `/packages/${p.number}`, updated: p.updated_at })),
    ...stations.map((s) => ({ path: `/packages/${s.number}/stations/${s.position}`, updated: s.updated_at })),
    ...studies.map((c) => ({ path: `/case-studies/${c.slug}`, updated: c.updated_at })),
  ]);
}

/** One file of published centre profiles (1-based), or null past the last one. */
export async function sitemapCentres(db: DB, base: string, file: number): Promise<string | null> {
  const centres = await publishedCentres(db, RESOURCES_PER_FILE, (file - 1) * RESOURCES_PER_FILE);
  if (centres.length === 0 && file > 1) return null;
  return urlset(
    base,
    centres.map((c) => ({ path: `/centres/${c.slug}`, updated: c.updated_at })),
  );
}

/** One file of resource pages (1-based), or null past the last one. */
export async function sitemapResources(db: DB, base: string, file: number): Promise<string | null> {
  const resources = await publishedResources(db, RESOURCES_PER_FILE, (file - 1) * RESOURCES_PER_FILE);
  if (resources.length === 0 && file > 1) return null;
  return urlset(
    base,
    resources.map((r) => ({ path: `/library/${r.slug}`, updated: r.updated_at })),
  );
}
