import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { errorSummary, field, postForm } from '../../../ui/forms.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { langOf } from '../../../ui/text.ts';
import type { Text } from '../../../i18n/localise.ts';
import type { Certificate } from '../certificates.ts';
import { scoreFormat } from '../report/views/report.ts';
import { day } from '../../../ui/dates.ts';

// Administrators' self-assessment pages: the certificate rules, and the policy view of results
// aggregated by country, sector and dimension.

const adminCrumbs = (ctx: PageContext) => [{ href: href(ctx, '/admin'), label: ctx.t('admin.heading') }];

export function settingsView(ctx: PageContext, csrf: string, values: Record<string, string>, certificates: Certificate[], errors: FieldError[] = [], notice?: string): string {
  const { t } = ctx;
  const body = html`${errorSummary(ctx, errors)}
    <h1>${t('settings.title')}</h1>
    ${notice ? html`<p class="notice" role="status">${t(notice)}</p>` : ''}
    <p class="lead">${t('settings.lead')}</p>
    ${postForm(
      href(ctx, '/admin/self-assessment/settings'),
      csrf,
      html`${field(ctx, { name: 'minIndicators', label: t('settings.minIndicators'), hint: t('settings.minIndicatorsHint'), value: values.minIndicators ?? '', errors, maxlength: 3 })}
        ${field(ctx, { name: 'minAnswers', label: t('settings.minAnswers'), hint: t('settings.minAnswersHint'), value: values.minAnswers ?? '', errors, maxlength: 4 })}
        <button type="submit">${t('settings.save')}</button>`,
    )}
    <h2>${t('settings.certificates')}</h2>
    ${certificates.length
      ? html`<table class="members">
          <caption class="visually-hidden">${t('settings.certificates')}</caption>
          <thead><tr><th scope="col">${t('certificate.public.code')}</th><th scope="col">${t('certificate.public.centre')}</th><th scope="col">${t('certificate.public.issued')}</th><th scope="col">${t('round.list.status')}</th></tr></thead>
          <tbody>${certificates.map(
            (c) => html`<tr>
              <th scope="row"><a href="/${ctx.lang}/certificates/${c.code}" lang="en" dir="ltr">${c.code}</a></th>
              <td>${c.summary.centre}</td>
              <td>${day(ctx, c.issued_at)}</td>
              <td>${c.revoked_at
                ? t('certificate.public.revoked', { date: day(ctx, c.revoked_at) })
                : postForm(href(ctx, `/admin/self-assessment/certificates/${c.code}/withdraw`), csrf, html`<button type="submit" class="link-button">${t('settings.withdraw')}<span class="visually-hidden"> ${c.code}</span></button>`, 'inline-form')}</td>
            </tr>`,
          )}</tbody>
        </table>`
      : html`<p class="empty-state">${t('settings.noCertificates')}</p>`}`;
  return layout(ctx, { title: t('settings.title'), body, breadcrumbs: adminCrumbs(ctx), index: false, pageType: 'admin' });
}

export interface PolicyTable {
  by: 'country' | 'sector';
  /** rows: a country or sector with its label */
  rows: { key: string; label: string }[];
  /** columns: overall, then each dimension */
  columns: { key: string; label: Text }[];
  cells: Map<string, { score: number; centres: number }>;
}

export function policyView(ctx: PageContext, tables: PolicyTable[], minCentres: number, centres: number): string {
  const { t } = ctx;
  const fmt = scoreFormat(ctx);
  const table = (p: PolicyTable): Html => html`<section aria-labelledby="policy-${p.by}">
    <h2 id="policy-${p.by}">${t(`policy.by.${p.by}`)}</h2>
    ${p.rows.length
      ? html`<div class="table-scroll"><table class="scores">
          <caption class="visually-hidden">${t(`policy.by.${p.by}`)}</caption>
          <thead><tr><th scope="col">${t(`policy.column.${p.by}`)}</th>${p.columns.map((c) => html`<th scope="col"${langOf(c.label, ctx)}>${c.label.value}</th>`)}</tr></thead>
          <tbody>${p.rows.map(
            (r) => html`<tr><th scope="row">${r.label}</th>${p.columns.map((c) => {
              const cell = p.cells.get(`${r.key}:${c.key}`);
              return html`<td>${cell && cell.centres >= minCentres ? html`${fmt(cell.score)} <span class="meta">(${t('report.benchmark.centres', { n: cell.centres })})</span>` : html`<span class="meta">${t('report.benchmark.tooFew')}</span>`}</td>`;
            })}</tr>`,
          )}</tbody>
        </table></div>`
      : html`<p class="empty-state">${t('policy.none')}</p>`}
  </section>`;
  const body = html`<h1>${t('policy.title')}</h1>
    <p class="lead">${t('policy.lead', { min: minCentres, centres })}</p>
    ${tables.map(table)}`;
  return layout(ctx, { title: t('policy.title'), body, breadcrumbs: adminCrumbs(ctx), index: false, pageType: 'admin' });
}
