import { html, type Html } from '../../html.ts';
import { wordmark } from '../wordmark/wordmark.ts';

// The page footer: the wordmark, a line about the platform, and two groups of links (the
// platform's own pages, and the policies every visitor may look for). Every word comes from the caller.

export interface FooterOptions {
  name: string;
  home: string;
  /** one line about who made the platform */
  about: string;
  /** the label of the footer's navigation */
  label: string;
  groups: { href: string; label: string }[][];
}

export function footer(o: FooterOptions): Html {
  return html`<footer class="site-footer">
  <div class="wrap footer-grid">
    <div class="footer-about">
      ${wordmark({ name: o.name, href: o.home })}
      <p>${o.about}</p>
    </div>
    <nav class="footer-links" aria-label="${o.label}">
      ${o.groups.map((g) => html`<ul>${g.map((l) => html`<li><a href="${l.href}">${l.label}</a></li>`)}</ul>`)}
    </nav>
  </div>
</footer>`;
}
