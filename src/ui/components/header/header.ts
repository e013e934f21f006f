import { SLOT_END, SLOT_START } from '../../../http/personal.ts';
import { direction, type Lang } from '../../../i18n/languages.ts';
import { html, raw, type Html } from '../../html.ts';
import { wordmark } from '../wordmark/wordmark.ts';

// The page header, phones first: one row with the wordmark, the language and a menu button.
// Both are <details> disclosures, so they open without JavaScript; on a wide screen the menu's
// content (search, navigation, account) shows inline and the buttons go (header.css). The
// questionnaire's header has the name and the language only, so the first statement is on the
// first screen. Every word comes from the caller.

export interface HeaderLink {
  href: string;
  label: string;
  current?: boolean;
}

export interface HeaderOptions {
  home: { href: string; name: string };
  languages: { label: string; items: (HeaderLink & { lang: Lang })[] };
  /** absent for a minimal header (the questionnaire) */
  menu?: {
    label: string;
    navLabel: string;
    nav: HeaderLink[];
    search: { action: string; label: string; placeholder: string; button: string };
    /** the account slot (accountLinks()); kept between markers so a cached page can be given a person's own */
    account: Html;
  };
}

const GLOBE = raw(
  '<svg class="header-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false"><g fill="none" stroke="currentColor" stroke-width="1.6">' +
    '<circle cx="10" cy="10" r="8"/><path d="M2 10h16M10 2c-4 4.5-4 11.5 0 16M10 2c4 4.5 4 11.5 0 16"/></g></svg>',
);
const BARS = raw(
  '<svg class="header-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false"><path d="M2 4.5h16M2 10h16M2 15.5h16" stroke="currentColor" stroke-width="2"/></svg>',
);

const current = (on: boolean | undefined, value: 'page' | 'true') => (on ? html` aria-current="${value}"` : '');

const BELL = raw(
  '<svg class="header-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false"><path d="M10 2.5a5 5 0 0 0-5 5v3.2L3.2 14h13.6L15 10.7V7.5a5 5 0 0 0-5-5zM8 16a2 2 0 0 0 4 0" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/></svg>',
);

/** The links of the account slot: "Sign in" for everyone, or the person's name, the back office and signing out. */
export function accountLinks(items: ((HeaderLink & { ariaLabel?: string }) | Html)[]): Html {
  return html`<ul class="header-account-links">${items.map((i) =>
    'href' in i ? html`<li><a href="${i.href}"${i.ariaLabel ? html` aria-label="${i.ariaLabel}"` : ''}${current(i.current, 'page')}>${i.label}</a></li>` : i,
  )}</ul>`;
}

/**
 * The account slot's link to the person's notifications: the word and the number unread in the
 * phone's menu; on a wide screen a bell with the number, the word kept for screen readers.
 */
export function notificationsLink(o: { href: string; label: string; unread: number; current?: boolean }): Html {
  return html`<li class="header-notifications"><a href="${o.href}"${current(o.current, 'page')}>${BELL}<span class="header-notifications-label">${o.label}</span>${
    o.unread > 0 ? html` <span class="header-count">${o.unread}</span>` : ''
  }</a></li>`;
}

export function header(o: HeaderOptions): Html {
  const here = o.languages.items.find((l) => l.current) ?? o.languages.items[0]!;
  const languages = html`<details class="header-languages">
    <summary>${GLOBE}<span class="visually-hidden">${o.languages.label}: </span><span class="header-lang-name" lang="${here.lang}">${here.label}</span><span class="header-lang-code" aria-hidden="true">${here.lang}</span></summary>
    <nav aria-label="${o.languages.label}"><ul>${o.languages.items.map(
      (l) => html`<li><a href="${l.href}" hreflang="${l.lang}" lang="${l.lang}" dir="${direction(l.lang)}"${current(l.current, 'true')}>${l.label}</a></li>`,
    )}</ul></nav>
  </details>`;
  const m = o.menu;
  return html`<header class="site-header${m ? '' : ' minimal'}">
  <div class="wrap header-bar">
    ${wordmark({ name: o.home.name, href: o.home.href })}
    ${languages}
    ${
      m
        ? html`<details class="header-menu">
      <summary>${BARS}${m.label}</summary>
      <div class="header-menu-body">
        <form class="site-search" role="search" action="${m.search.action}" method="get">
          <label for="site-search-q" class="visually-hidden">${m.search.label}</label>
          <input id="site-search-q" name="q" type="search" dir="auto" maxlength="200" placeholder="${m.search.placeholder}">
          <button type="submit">${m.search.button}</button>
        </form>
        <nav class="primary" aria-label="${m.navLabel}"><ul>${m.nav.map(
          (n) => html`<li><a href="${n.href}"${current(n.current, 'page')}>${n.label}</a></li>`,
        )}</ul></nav>
        <div class="header-account">${raw(SLOT_START)}${m.account}${raw(SLOT_END)}</div>
      </div>
    </details>`
        : ''
    }
  </div>
</header>`;
}
