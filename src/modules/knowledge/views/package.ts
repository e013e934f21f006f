import type { PageContext } from '../../../http/context.ts';
import { html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { langOf, prose, txt } from '../../../ui/text.ts';
import { packageIllustration, stationIllustration } from '../../../ui/components/illustration/illustration.ts';
import type { CaseStudy, Package } from '../service.ts';
import { caseStudyCard } from './case-studies.ts';
import { card } from '../../../ui/components/card/card.ts';

export function packageView(ctx: PageContext, pkg: Package, packages: Package[], caseStudies: CaseStudy[]): string {
  const { t } = ctx;
  const other = packages.find((p) => p.id !== pkg.id);
  const body = html`${packageIllustration(pkg.number, 'page-visual')}<p class="kicker">${t('package.label', { number: pkg.number })} · ${t(`package.level.${pkg.level}`)}</p>
    <h1${langOf(pkg.title, ctx)}>${pkg.title.value}</h1>
    ${pkg.subtitle ? html`<p class="lead"${langOf(pkg.subtitle, ctx)}>${pkg.subtitle.value}</p>` : ''}
    ${prose(pkg.introduction, ctx)}

    <section aria-labelledby="checklist-heading" class="panel">
      <h2 id="checklist-heading">${t('package.checklist.heading')}</h2>
      <ul class="checklist">${pkg.checklist.map((c) => html`<li${langOf(c.text, ctx)}>${c.text.value}</li>`)}</ul>
      <p>${t('package.checklist.after')} <a href="${href(ctx, '/checker')}">${t('package.checklist.checker')}</a></p>
    </section>

    <section aria-labelledby="stations-heading">
      <h2 id="stations-heading">${t('package.stations.heading')}</h2>
      <p>${t('package.stations.intro')}</p>
      <ol class="stations">
        ${pkg.stations.map(
          (s) =>
            html`<li>
              ${card({
                heading: html`${t('station.label', { number: s.position })}${t('format.colon')}${txt(s.title, ctx)}`,
                headingLevel: 3,
                href: href(ctx, `/packages/${pkg.number}/stations/${s.position}`),
                visual: stationIllustration(pkg.number, s.position, 'card-visual'),
                body: s.offer ? html`<p${langOf(s.offer, ctx)}>${s.offer.value}</p>` : '',
              })}
            </li>`,
        )}
      </ol>
    </section>

    ${
      caseStudies.length
        ? html`<section aria-labelledby="cases-heading">
          <h2 id="cases-heading">${t('package.caseStudies')}</h2>
          <div class="grid two">${caseStudies.map((c) => caseStudyCard(ctx, c, 3))}</div>
        </section>`
        : ''
    }
    ${
      other
        ? html`<p class="panel">${t(pkg.level === 'beginner' ? 'package.next' : 'package.previous', { number: other.number })}
          <a href="${href(ctx, `/packages/${other.number}`)}">${txt(other.title, ctx)}</a></p>`
        : ''
    }
    <p><a href="${href(ctx, `/library?package=${pkg.number}`)}">${t('package.library', { number: pkg.number })}</a></p>`;
  return layout(ctx, {
    title: `${t('package.label', { number: pkg.number })}${t('format.colon')}${pkg.title.value}`,
    description: pkg.subtitle?.value ?? pkg.title.value,
    body,
    pageType: 'package',
    breadcrumbs: [{ href: href(ctx, '/'), label: t('nav.home') }],
  });
}
