import type { PageContext } from '../http/context.ts';
import { languages } from '../i18n/languages.ts';
import { html, raw, type Html, type Renderable } from './html.ts';

export interface Crumb {
  href: string;
  label: Renderable;
}

export interface LayoutOptions {
  title: string;
  description?: string;
  body: Html;
  breadcrumbs?: Crumb[];
  /** schema.org data, serialised as JSON-LD */
  jsonLd?: object;
  /** false for pages that should not appear in search engines (search results, errors) */
  index?: boolean;
  /** extra class on <body> for page-type styling */
  pageType?: string;
  /** enhancement scripts of this page only, from ui/assets (site.js is on every page) */
  scripts?: string[];
}

/** Each language's name in itself, as the language switcher and the editors' columns show it. */
export const nativeNames: Record<string, string> = { en: 'English', fr: 'Français', ar: 'العربية', uk: 'Українська' };

/** JSON for a script block: "<" escaped so the data can never close the element. */
function jsonLd(data: object): Html {
  return raw(`<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`);
}

export function href(ctx: PageContext, path: string): string {
  return `/${ctx.lang}${path === '/' ? '' : path}`;
}

export function layout(ctx: PageContext, o: LayoutOptions): string {
  const { t } = ctx;
  const here = `${ctx.path === '/' ? '' : ctx.path}${ctx.search}`;
  const siteName = t('site.name');
  const nav: [string, string][] = [
    ['/', t('nav.home')],
    ['/self-assessment', t('nav.selfAssessment')],
    ['/checker', t('nav.checker')],
    ['/case-studies', t('nav.caseStudies')],
    ['/library', t('nav.library')],
    ['/spotlight', t('nav.spotlight')],
    ['/centres', t('nav.centres')],
    ['/about', t('nav.about')],
    // The same for everyone (pages are cached): /account sends visitors to sign in.
    ['/account', t('nav.account')],
  ];
  const current = (path: string) => (path === '/' ? ctx.path === '/' : ctx.path === path || ctx.path.startsWith(`${path}/`));
  return (
    '<!doctype html>' +
    html`<html lang="${ctx.lang}" dir="${ctx.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title === siteName ? siteName : `${o.title} – ${siteName}`}</title>
${o.description ? html`<meta name="description" content="${o.description}">` : ''}
${o.index === false ? html`<meta name="robots" content="noindex">` : ''}
<link rel="canonical" href="${ctx.baseUrl}/${ctx.lang}${here}">
${languages.map((l) => html`<link rel="alternate" hreflang="${l}" href="${ctx.baseUrl}/${l}${here}">`)}
<link rel="alternate" hreflang="x-default" href="${ctx.baseUrl}/en${here}">
<link rel="alternate" type="application/atom+xml" title="${t('feed.title')}" href="/${ctx.lang}/library/feed.xml">
<link rel="stylesheet" href="${ctx.asset('site.css')}">
<link rel="icon" href="${ctx.asset('favicon.svg')}" type="image/svg+xml">
<script src="${ctx.asset('site.js')}" defer></script>
${(o.scripts ?? []).map(
  (name) => html`<script src="${ctx.asset(name)}" defer></script>
`,
)}${o.jsonLd ? jsonLd(o.jsonLd) : ''}
</head>
<body class="${o.pageType ? `page-${o.pageType}` : ''}">
<a class="skip-link" href="#main">${t('layout.skip')}</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="/${ctx.lang}">${siteName}</a>
    <nav class="languages" aria-label="${t('layout.languages')}">
      <ul>
        ${languages.map((l) =>
          l === ctx.lang
            ? html`<li><a href="/${l}${here}" hreflang="${l}" lang="${l}" aria-current="true">${nativeNames[l]}</a></li>`
            : html`<li><a href="/${l}${here}" hreflang="${l}" lang="${l}">${nativeNames[l]}</a></li>`,
        )}
      </ul>
    </nav>
    <form class="site-search" role="search" action="/${ctx.lang}/search" method="get">
      <label for="site-search-q" class="visually-hidden">${t('search.label')}</label>
      <input id="site-search-q" name="q" type="search" maxlength="200" placeholder="${t('search.placeholder')}">
      <button type="submit">${t('search.button')}</button>
    </form>
  </div>
  <div class="wrap header-row">
    <nav class="primary" aria-label="${t('layout.mainNav')}">
      <ul>
        ${nav.map(([path, label]) =>
          current(path)
            ? html`<li><a href="${href(ctx, path)}" aria-current="page">${label}</a></li>`
            : html`<li><a href="${href(ctx, path)}">${label}</a></li>`,
        )}
      </ul>
    </nav>
  </div>
</header>
${
  o.breadcrumbs?.length
    ? html`<nav class="wrap breadcrumbs" aria-label="${t('layout.breadcrumbs')}"><ol>${o.breadcrumbs.map(
        (c) => html`<li><a href="${c.href}">${c.label}</a></li>`,
      )}</ol></nav>`
    : ''
}
<main id="main" class="wrap" tabindex="-1">
${o.body}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>${t('layout.footer')}</p>
    <ul class="footer-links">
      <li><a href="/${ctx.lang}/about">${t('nav.about')}</a></li>
      <li><a href="/${ctx.lang}/self-assessment/framework">${t('nav.framework')}</a></li>
      <li><a href="/${ctx.lang}/library/feed.xml">${t('feed.link')}</a></li>
    </ul>
  </div>
</footer>
</body>
</html>`.value
  );
}
