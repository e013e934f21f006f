import type { PageContext } from '../../http/context.ts';
import { html, type Html, type Renderable } from '../html.ts';

// Small shared pieces of markup. They never hard-code wording: the caller passes the text.

/** A list of definition pairs (term: value), skipping empty values. */
export function facts(pairs: [string, Renderable][]): Html {
  const shown = pairs.filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0));
  if (shown.length === 0) return html``;
  return html`<dl class="facts">${shown.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>`;
}

/** A link that leaves the platform, announced as such; `button` styles it as the page's main action. */
export function externalLink(ctx: PageContext, url: string, text: Renderable, o: { button?: boolean } = {}): Html {
  return html`<a class="${o.button ? 'button external' : 'external'}" href="${url}" rel="noopener noreferrer">${text}<span class="visually-hidden"> ${ctx.t('link.external')}</span></a>`;
}

/** The host name of an address, shown beside a link that leaves the platform ("ec.europa.eu"). */
export function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}
