import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { day } from '../../../../ui/dates.ts';
import { errorSummary, field, postForm } from '../../../../ui/forms.ts';
import { html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import type { Certificate } from '../repository.ts';

// The administrators' page of certificate rules, with the certificates issued and a way to
// withdraw one.

const adminCrumbs = (ctx: PageContext) => [{ href: href(ctx, '/admin'), label: ctx.t('admin.heading') }];

export function settingsView(
  ctx: PageContext,
  csrf: string,
  values: Record<string, string>,
  certificates: Certificate[],
  errors: FieldError[] = [],
  notice?: string,
): string {
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
    ${
      certificates.length
        ? html`<table class="members">
          <caption class="visually-hidden">${t('settings.certificates')}</caption>
          <thead><tr><th scope="col">${t('certificate.public.code')}</th><th scope="col">${t('certificate.public.centre')}</th><th scope="col">${t('certificate.public.issued')}</th><th scope="col">${t('round.list.status')}</th></tr></thead>
          <tbody>${certificates.map(
            (c) => html`<tr>
              <th scope="row"><a href="/${ctx.lang}/certificates/${c.code}" lang="en" dir="ltr">${c.code}</a></th>
              <td>${c.summary.centre}</td>
              <td>${day(ctx, c.issued_at)}</td>
              <td>${
                c.revoked_at
                  ? t('certificate.public.revoked', { date: day(ctx, c.revoked_at) })
                  : postForm(
                      href(ctx, `/admin/self-assessment/certificates/${c.code}/withdraw`),
                      csrf,
                      html`<button type="submit" class="link-button">${t('settings.withdraw')}<span class="visually-hidden"> ${c.code}</span></button>`,
                      'inline-form',
                    )
              }</td>
            </tr>`,
          )}</tbody>
        </table>`
        : html`<p class="empty-state">${t('settings.noCertificates')}</p>`
    }`;
  return layout(ctx, { title: t('settings.title'), body, breadcrumbs: adminCrumbs(ctx), index: false, pageType: 'admin' });
}
