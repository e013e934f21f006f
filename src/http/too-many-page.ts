import type { PageContext } from './context.ts';
import { html } from '../ui/html.ts';
import { href, layout } from '../ui/layout.ts';

/**
 * The page a person sees when their address has spent its budget of new searches (429): what
 * happened, how long to wait, the search again as a plain link, and the way back. Never indexed.
 * The same for every refused search of a page and language, so it can be kept: "try again" is
 * the empty address, which is the page's own (the refused search, query and all).
 */
export function tooManyView(ctx: PageContext, retryAfterSeconds: number): string {
  const { t } = ctx;
  const body = html`<h1>${t('error.429.title')}</h1>
    <p class="lead">${t('error.429.text', { seconds: retryAfterSeconds })}</p>
    <p>${t('error.429.rest')}</p>
    <h2>${t('error.whatNext')}</h2>
    <ul>
      <li><a href="">${t('error.429.again')}</a></li>
      <li><a href="${href(ctx, '/library')}">${t('error.goLibrary')}</a></li>
      <li><a href="${href(ctx, '/')}">${t('error.goHome')}</a></li>
    </ul>`;
  return layout(ctx, { title: t('error.429.title'), body, index: false, pageType: 'error' });
}
