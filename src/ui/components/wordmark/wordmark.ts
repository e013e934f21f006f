import { html, raw, type Html } from '../../html.ts';

// The platform's mark and name. The mark is a few hundred bytes of inline SVG (no request): an
// "I" with a dot in the accent colour and a "V" in a rounded frame, drawn in currentColor so it
// takes the colour of where it stands. The name stays real text, translated and read aloud; the
// mark is decorative.

const MARK = raw(
  '<svg class="wordmark-mark" viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false">' +
    '<rect x="1.5" y="1.5" width="37" height="37" rx="8" fill="none" stroke="currentColor" stroke-width="3"/>' +
    '<path d="M9.5 15h5v15h-5zM17.5 11h4.6l4.4 12.2 4.4-12.2h4.6l-6.8 19h-4.4z" fill="currentColor"/>' +
    '<circle cx="12" cy="10" r="2.6" class="wordmark-dot"/></svg>',
);

export interface WordmarkOptions {
  /** the platform's name as text (translated) */
  name: string;
  /** where the mark leads (the home page); without it, the mark is not a link */
  href?: string;
}

export function wordmark(o: WordmarkOptions): Html {
  const inner = html`${MARK}<span class="wordmark-name">${o.name}</span>`;
  return o.href ? html`<a class="wordmark" href="${o.href}">${inner}</a>` : html`<span class="wordmark">${inner}</span>`;
}
