import type { PageContext } from '../../../http/context.ts';
import { problemSummary } from '../../../ui/components/field/field.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { langOf, txt } from '../../../ui/text.ts';
import { button } from '../../../ui/components/button/button.ts';
import { choiceList } from '../../../ui/components/choice-list/choice-list.ts';
import type { CheckerResult, Package } from '../service.ts';

/** The checklists of both packages as one GET form; its result URL can be shared. */
export function checkerForm(ctx: PageContext, packages: Package[], checked: string[], headingLevel: 2 | 3, error?: string): Html {
  const { t } = ctx;
  return html`<form class="checker" action="${href(ctx, '/checker/result')}" method="get" novalidate>
    ${error ? problemSummary(ctx, { headingLevel, items: [{ text: error, href: `#field-c-${packages[0]?.number ?? 1}-0` }] }) : ''}
    ${packages.map((p) =>
      choiceList(ctx, {
        kind: 'checkbox',
        name: 'c',
        id: `c-${p.number}`,
        legend: html`${t('checker.legend', { number: p.number })} <span class="legend-title">${txt(p.title, ctx)}</span>`,
        values: checked,
        options: p.checklist.map((c) => ({ value: c.key, label: html`<span${langOf(c.text, ctx)}>${c.text.value}</span>` })),
      }),
    )}
    ${button({ text: t('checker.submit') })}
  </form>`;
}

export function checkerView(ctx: PageContext, packages: Package[], checked: string[], error?: string): string {
  const { t } = ctx;
  const body = html`<h1>${t('checker.heading')}</h1>
    <p class="lead">${t('checker.intro')}</p>
    ${checkerForm(ctx, packages, checked, 2, error)}`;
  return layout(ctx, {
    title: error ? `${t('form.errorTitlePrefix')} ${t('checker.heading')}` : t('checker.heading'),
    description: t('checker.intro'),
    body,
    pageType: 'checker',
  });
}

export function checkerResultView(ctx: PageContext, packages: Package[], result: CheckerResult, checked: string[]): string {
  const { t } = ctx;
  const r = result.recommended;
  const body = html`<h1>${t('checker.result.heading')}</h1>
    <section class="panel recommendation" aria-labelledby="recommended-heading">
      <h2 id="recommended-heading">${t('checker.result.start', { number: r.number })}
        <a href="${href(ctx, `/packages/${r.number}`)}">${txt(r.title, ctx)}</a></h2>
      <p>${t(`checker.result.reason.${result.reason}`, {
        count: result.picks.filter((p) => p.package.id === r.id).length,
        number: r.number,
      })}</p>
    </section>
    <section aria-labelledby="stations-heading">
      <h2 id="stations-heading">${t('checker.result.stations')}</h2>
      <ol class="advice">
        ${result.stations.map(
          (s) => html`<li>
            <h3><a href="${href(ctx, `/packages/${s.package.number}/stations/${s.station.position}`)}">${t('station.ofPackage', {
              station: s.station.position,
              package: s.package.number,
            })}${t('format.colon')}${txt(s.station.title, ctx)}</a></h3>
            <p>${t('checker.result.because', { count: s.because.length })}</p>
            <ul>
              ${s.because.map(
                (c) =>
                  html`<li><strong${langOf(c.text, ctx)}>${c.text.value}</strong>${c.why ? html` – <span${langOf(c.why, ctx)}>${c.why.value}</span>` : ''}</li>`,
              )}
            </ul>
          </li>`,
        )}
      </ol>
    </section>
    <section aria-labelledby="change-heading">
      <h2 id="change-heading">${t('checker.result.change')}</h2>
      ${checkerForm(ctx, packages, checked, 3)}
    </section>`;
  return layout(ctx, { title: t('checker.result.heading'), body, pageType: 'checker-result', index: false });
}
