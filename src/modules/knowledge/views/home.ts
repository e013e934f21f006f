import type { PageContext } from '../../../http/context.ts';
import { html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { packageCard } from '../../../ui/components/card/card.ts';
import { langOf, prose, txt } from '../../../ui/text.ts';
import type { CaseStudy, Package, Page, SpotlightItem } from '../service.ts';
import { startButton, stepsList } from '../../assessment/framework/views/landing.ts';
import { checkerForm } from './checker.ts';
import { caseStudyCard } from './case-studies.ts';

export function homeView(ctx: PageContext, d: { page: Page | null; packages: Package[]; caseStudies: CaseStudy[]; spotlight: SpotlightItem[] }): string {
  const { t } = ctx;
  const title = d.page?.title.value ?? t('site.name');
  const body = html`
    <div class="hero">
      <h1${langOf(d.page?.title, ctx)}>${title}</h1>
      ${d.page?.lead ? html`<p class="lead"${langOf(d.page.lead, ctx)}>${d.page.lead.value}</p>` : ''}
      ${prose(d.page?.body, ctx)}
    </div>

    <section aria-labelledby="packages-heading">
      <h2 id="packages-heading">${t('home.packages.heading')}</h2>
      <p>${t('home.packages.intro')}</p>
      <div class="grid two">${d.packages.map((p) => packageCard(ctx, p, 3))}</div>
    </section>

    <section aria-labelledby="assessment-heading" class="panel">
      <h2 id="assessment-heading">${t('home.assessment.heading')}</h2>
      <p>${t('home.assessment.intro')}</p>
      ${stepsList(ctx)}
      <p class="actions">${startButton(ctx)} <a href="${href(ctx, '/self-assessment')}">${t('home.assessment.more')}</a></p>
    </section>

    <section aria-labelledby="checker-heading" class="panel">
      <h2 id="checker-heading">${t('checker.heading')}</h2>
      <p>${t('checker.intro')}</p>
      ${checkerForm(ctx, d.packages, [], 3)}
    </section>

    <section aria-labelledby="cases-heading">
      <h2 id="cases-heading">${t('caseStudies.heading')}</h2>
      <p>${t('caseStudies.intro')}</p>
      <div class="grid two">${d.caseStudies.map((c) => caseStudyCard(ctx, c, 3))}</div>
    </section>

    <section aria-labelledby="spotlight-heading">
      <h2 id="spotlight-heading">${t('spotlight.heading')}</h2>
      <p>${t('spotlight.intro')}</p>
      <ul class="link-list">
        ${d.spotlight.map((s) => html`<li><a href="${href(ctx, '/spotlight')}#${s.slug}">${txt(s.title, ctx)}</a></li>`)}
      </ul>
    </section>`;
  return layout(ctx, {
    title,
    description: d.page?.lead?.value ?? t('site.description'),
    body,
    pageType: 'home',
    jsonLd: { '@context': 'https://schema.org', '@type': 'WebSite', name: t('site.name'), url: `${ctx.baseUrl}/${ctx.lang}` },
  });
}
