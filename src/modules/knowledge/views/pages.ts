import type { PageContext } from '../../../http/context.ts';
import { html } from '../../../ui/html.ts';
import { layout } from '../../../ui/layout.ts';
import { externalLink } from '../../../ui/components/shared.ts';
import { langOf, prose } from '../../../ui/text.ts';
import type { Page, SpotlightItem } from '../service.ts';

export function spotlightView(ctx: PageContext, items: SpotlightItem[]): string {
  const { t } = ctx;
  const body = html`<h1>${t('spotlight.heading')}</h1>
    <p class="lead">${t('spotlight.intro')}</p>
    ${items.map(
      (s) => html`<section class="card spotlight" id="${s.slug}" aria-labelledby="${s.slug}-heading">
        <h2 id="${s.slug}-heading"${langOf(s.title, ctx)}>${s.title.value}</h2>
        ${prose(s.description, ctx)}
        ${
          s.link
            ? html`<p>${externalLink(ctx, s.link, html`<span${langOf(s.linkText ?? s.title, ctx)}>${(s.linkText ?? s.title).value}</span>`)}</p>`
            : s.linkText
              ? html`<p class="meta">${t('spotlight.seeAlso')} <span${langOf(s.linkText, ctx)}>${s.linkText.value}</span></p>`
              : ''
        }
      </section>`,
    )}`;
  return layout(ctx, { title: t('spotlight.heading'), description: t('spotlight.intro'), body, pageType: 'spotlight' });
}

export function contentPageView(ctx: PageContext, page: Page): string {
  const body = html`<h1${langOf(page.title, ctx)}>${page.title.value}</h1>
    ${page.lead ? html`<p class="lead"${langOf(page.lead, ctx)}>${page.lead.value}</p>` : ''}
    ${prose(page.body, ctx)}`;
  return layout(ctx, { title: page.title.value, ...(page.lead ? { description: page.lead.value } : {}), body, pageType: 'page' });
}
