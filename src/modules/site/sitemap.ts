import type { AppContext } from '../../app.ts';
import { languages } from '../../i18n/languages.ts';
import { escapeHtml as esc } from '../../ui/html.ts';

/** Every public page in every language, each with its hreflang alternates. */
export async function sitemapXml(a: AppContext): Promise<string> {
  const db = a.database.db;
  const [packages, stations, studies, resources] = await Promise.all([
    db.selectFrom('packages').select(['number', 'updated_at']).execute(),
    db
      .selectFrom('stations')
      .innerJoin('packages', 'packages.id', 'stations.package_id')
      .select(['packages.number', 'stations.position', 'stations.updated_at'])
      .execute(),
    db.selectFrom('case_studies').select(['slug', 'updated_at']).execute(),
    db.selectFrom('resources').select(['slug', 'updated_at']).where('published', '=', 1).execute(),
  ]);
  const paths: { path: string; updated?: string }[] = [
    { path: '' },
    { path: '/checker' },
    { path: '/case-studies' },
    { path: '/library' },
    { path: '/spotlight' },
    { path: '/about' },
    ...packages.map((p) => ({ path: `/packages/${p.number}`, updated: p.updated_at })),
    ...stations.map((s) => ({ path: `/packages/${s.number}/stations/${s.position}`, updated: s.updated_at })),
    ...studies.map((c) => ({ path: `/case-studies/${c.slug}`, updated: c.updated_at })),
    ...resources.map((r) => ({ path: `/library/${r.slug}`, updated: r.updated_at })),
  ];
  const base = a.config.baseUrl;
  const urls = paths.flatMap(({ path, updated }) =>
    languages.map(
      (lang) => `<url><loc>${esc(`${base}/${lang}${path}`)}</loc>${updated ? `<lastmod>${updated.slice(0, 10)}</lastmod>` : ''}${languages
        .map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${esc(`${base}/${l}${path}`)}"/>`)
        .join('')}</url>`,
    ),
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls.join('\n')}
</urlset>`;
}
