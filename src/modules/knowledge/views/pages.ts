import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../../ui/html.ts';
import { layout } from '../../../ui/layout.ts';
import { externalLink, facts } from '../../../ui/components/shared.ts';
import type { OperatorConfig } from '../../../config.ts';
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

/** A page of the content pack; `before` comes between the lead and the text (the operator's details). */
export function contentPageView(ctx: PageContext, page: Page, before: Html | string = ''): string {
  const body = html`<h1${langOf(page.title, ctx)}>${page.title.value}</h1>
    ${page.lead ? html`<p class="lead"${langOf(page.lead, ctx)}>${page.lead.value}</p>` : ''}
    ${before}
    ${prose(page.body, ctx)}`;
  return layout(ctx, { title: page.title.value, ...(page.lead ? { description: page.lead.value } : {}), body, pageType: 'page' });
}

/**
 * Who runs this installation (deployment configuration, never the content pack): on the legal
 * notice and the privacy notice. What is not set is said plainly rather than invented.
 */
export function operatorView(ctx: PageContext, o: OperatorConfig, withDpo: boolean): Html {
  const { t } = ctx;
  const mail = (address: string) => html`<a href="mailto:${address}">${address}</a>`;
  const rows: [string, Html | string][] = [];
  if (o.name) rows.push([t('legal.operator.name'), o.name]);
  if (o.address) rows.push([t('legal.operator.address'), html`${o.address.split(/\s*\|\s*/).map((line, i) => html`${i ? html`<br>` : ''}${line}`)}`]);
  if (o.email) rows.push([t('legal.operator.email'), mail(o.email)]);
  if (withDpo && o.dpoEmail) rows.push([t('legal.operator.dpo'), mail(o.dpoEmail)]);
  return html`<section class="card operator" aria-labelledby="operator-heading">
    <h2 id="operator-heading">${t('legal.operator.heading')}</h2>
    ${rows.length ? facts(rows) : ''}
    ${o.name && o.email ? '' : html`<p>${t('legal.operator.unset')}</p>`}
    <p><a href="/${ctx.lang}/contact">${t('legal.operator.contact')}</a></p>
  </section>`;
}
