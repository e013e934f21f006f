import type { PageContext } from '../../http/context.ts';
import type { Text } from '../../i18n/localise.ts';
import { html, type Html, type Renderable } from '../html.ts';
import { href } from '../layout.ts';
import { langOf, txt } from '../text.ts';
import { packageIllustration } from './illustration/illustration.ts';

// Small shared pieces of markup. They never hard-code wording: the caller passes the text.

/** A card linking to a package, as on the home page. */
export function packageCard(
  ctx: PageContext,
  p: { number: number; level: string; title: Text; subtitle: Text | null; stations: { position: number; title: Text }[] },
  headingLevel: 2 | 3 = 2,
): Html {
  const { t } = ctx;
  const heading = html`<a href="${href(ctx, `/packages/${p.number}`)}"><span class="kicker">${t('package.label', { number: p.number })}</span> ${txt(p.title, ctx)}</a>`;
  return html`<article class="card package-card level-${p.level}">
    ${packageIllustration(p.number, 'card-visual')}
    <p class="badge">${t(`package.level.${p.level}`)}</p>
    ${headingLevel === 2 ? html`<h2>${heading}</h2>` : html`<h3>${heading}</h3>`}
    ${p.subtitle ? html`<p${langOf(p.subtitle, ctx)}>${p.subtitle.value}</p>` : ''}
    <ol class="station-list">
      ${p.stations.map(
        (s) =>
          html`<li><a href="${href(ctx, `/packages/${p.number}/stations/${s.position}`)}">${t('station.label', { number: s.position })}: ${txt(s.title, ctx)}</a></li>`,
      )}
    </ol>
  </article>`;
}

/** A list of definition pairs (term: value), skipping empty values. */
export function facts(pairs: [string, Renderable][]): Html {
  const shown = pairs.filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0));
  if (shown.length === 0) return html``;
  return html`<dl class="facts">${shown.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>`;
}

/** Previous/next links, labelled for screen readers. */
export function pager(ctx: PageContext, label: string, previous: { href: string; text: Html } | null, next: { href: string; text: Html } | null): Html {
  if (!previous && !next) return html``;
  return html`<nav class="pager" aria-label="${label}">
    ${previous ? html`<a class="pager-previous" rel="prev" href="${previous.href}"><span class="pager-dir">${ctx.t('pager.previous')}</span> ${previous.text}</a>` : ''}
    ${next ? html`<a class="pager-next" rel="next" href="${next.href}"><span class="pager-dir">${ctx.t('pager.next')}</span> ${next.text}</a>` : ''}
  </nav>`;
}

/** A link that leaves the platform, announced as such; `button` styles it as the page's main action. */
export function externalLink(ctx: PageContext, url: string, text: Renderable, o: { button?: boolean } = {}): Html {
  return html`<a class="${o.button ? 'button external' : 'external'}" href="${url}" rel="noopener noreferrer">${text}<span class="visually-hidden"> ${ctx.t('link.external')}</span></a>`;
}

/** The host name of an address, shown beside a link that leaves the platform ("ec.europa.eu"). */
export function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}
