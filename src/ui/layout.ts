import type { PageContext } from '../http/context.ts';
import { languages, nativeNames } from '../i18n/languages.ts';
import type { Person } from '../http/personal.ts';
import { html, raw, type Html, type Renderable } from './html.ts';
import { footer } from './components/footer/footer.ts';
import { accountLinks, header, notificationsLink } from './components/header/header.ts';

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
  /** styles of this page type only, from ui/assets (site.css is on every page and counts in every page's weight) */
  stylesheets?: string[];
}

/** Each language's name in itself (kept in i18n/languages.ts with the list of languages). */
export { nativeNames } from '../i18n/languages.ts';

/** JSON for a script block: "<" escaped so the data can never close the element. */
function jsonLd(data: object): Html {
  return raw(`<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`);
}

export function href(ctx: PageContext, path: string): string {
  return `/${ctx.lang}${path === '/' ? '' : path}`;
}

/** The header's account slot: "Sign in" for everyone, or the signed-in person's name, the back office (editors, administrators) and signing out. */
export function accountSlot(ctx: PageContext, person: Person | null): Html {
  const { t } = ctx;
  if (!person) return accountLinks([{ href: href(ctx, '/account/sign-in'), label: t('header.signIn') }]);
  return accountLinks([
    { href: href(ctx, '/account'), label: person.name, ariaLabel: t('header.account', { name: person.name }), current: ctx.path === '/account' },
    notificationsLink({
      href: href(ctx, '/account/notifications'),
      label: t('notifications.heading'),
      unread: person.unread ?? 0,
      current: ctx.path.startsWith('/account/notifications'),
    }),
    ...(person.backOffice ? [{ href: href(ctx, '/admin'), label: t('header.backOffice'), current: ctx.path.startsWith('/admin') }] : []),
    { href: href(ctx, '/account/sign-out'), label: t('account.signOut.submit') },
  ]);
}

/** The page header: the full one, or on the questionnaire's pages the name and the language only. */
export function siteHeader(ctx: PageContext): Html {
  const { t } = ctx;
  const here = `${ctx.path === '/' ? '' : ctx.path}${ctx.search}`;
  const nav: [string, string][] = [
    ['/', t('nav.home')],
    ['/self-assessment', t('nav.selfAssessment')],
    ['/checker', t('nav.checker')],
    ['/case-studies', t('nav.caseStudies')],
    ['/library', t('nav.library')],
    ['/spotlight', t('nav.spotlight')],
    ['/centres', t('nav.centres')],
    ['/communities', t('nav.communities')],
    ['/about', t('nav.about')],
  ];
  const current = (path: string) => (path === '/' ? ctx.path === '/' : ctx.path === path || ctx.path.startsWith(`${path}/`));
  const questionnaire = ctx.path === '/survey' || ctx.path.startsWith('/survey/');
  return header({
    home: { href: `/${ctx.lang}`, name: t('site.name') },
    languages: {
      label: t('layout.languages'),
      items: languages.map((l) => ({ lang: l, href: `/${l}${here}`, label: nativeNames[l] ?? l, current: l === ctx.lang })),
    },
    ...(questionnaire
      ? {}
      : {
          menu: {
            label: t('header.menu'),
            navLabel: t('layout.mainNav'),
            nav: nav.map(([path, label]) => ({ href: href(ctx, path), label, current: current(path) })),
            search: { action: `/${ctx.lang}/search`, label: t('search.label'), placeholder: t('search.placeholder'), button: t('search.button') },
            // Public pages are cached: they carry the anonymous slot, which http/personal.ts replaces for a signed-in person.
            account: accountSlot(ctx, ctx.person ?? null),
          },
        }),
  });
}

/** The page footer: the platform's pages, and the policies every visitor may look for. */
export function siteFooter(ctx: PageContext): Html {
  const { t } = ctx;
  const link = (path: string, label: string) => ({ href: href(ctx, path), label });
  return footer({
    name: t('site.name'),
    home: `/${ctx.lang}`,
    about: t('layout.footer'),
    label: t('footer.label'),
    groups: [
      [link('/about', t('nav.about')), link('/self-assessment/framework', t('nav.framework')), link('/library/feed.xml', t('feed.link'))],
      [
        link('/privacy', t('footer.privacy')),
        link('/cookies', t('footer.cookies')),
        link('/accessibility', t('footer.accessibility')),
        link('/legal', t('footer.legal')),
        link('/help', t('footer.help')),
        link('/contact', t('footer.contact')),
      ],
    ],
  });
}

export function layout(ctx: PageContext, o: LayoutOptions): string {
  const { t } = ctx;
  const here = `${ctx.path === '/' ? '' : ctx.path}${ctx.search}`;
  const siteName = t('site.name');
  return (
    '<!doctype html>' +
    html`<html lang="${ctx.lang}" dir="${ctx.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title === siteName ? siteName : `${o.title} – ${siteName}`}</title>
<meta name="description" content="${o.description ?? t('site.description')}">
${o.index === false ? html`<meta name="robots" content="noindex">` : ''}
<link rel="canonical" href="${ctx.baseUrl}/${ctx.lang}${here}">
${languages.map((l) => html`<link rel="alternate" hreflang="${l}" href="${ctx.baseUrl}/${l}${here}">`)}
<link rel="alternate" hreflang="x-default" href="${ctx.baseUrl}/en${here}">
<link rel="alternate" type="application/atom+xml" title="${t('feed.title')}" href="/${ctx.lang}/library/feed.xml">
<link rel="stylesheet" href="${ctx.asset('site.css')}">
${(o.stylesheets ?? []).map(
  (name) => html`<link rel="stylesheet" href="${ctx.asset(name)}">
`,
)}<link rel="icon" href="${ctx.asset('favicon.svg')}" type="image/svg+xml">
<script src="${ctx.asset('site.js')}" defer></script>
${(o.scripts ?? []).map(
  (name) => html`<script src="${ctx.asset(name)}" defer></script>
`,
)}${o.jsonLd ? jsonLd(o.jsonLd) : ''}
</head>
<body class="${o.pageType ? `page-${o.pageType}` : ''}">
<a class="skip-link" href="#main">${t('layout.skip')}</a>
${siteHeader(ctx)}
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
${siteFooter(ctx)}
</body>
</html>`.value
  );
}
