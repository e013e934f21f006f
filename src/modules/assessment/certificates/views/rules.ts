import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { day } from '../../../../ui/dates.ts';
import { errorSummary, field, postForm } from '../../../../ui/components/field/field.ts';
import { choiceList } from '../../../../ui/components/choice-list/choice-list.ts';
import { html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { stakeholderGroups } from '../../framework/format.ts';
import type { Certificate } from '../repository.ts';
import type { CertificateRules } from '../rules.ts';
import { certificateStatus } from '../service.ts';
import { doneNotice } from '../../../../ui/components/notice/notice.ts';
import { button } from '../../../../ui/components/button/button.ts';
import { table } from '../../../../ui/components/table/table.ts';

// The administrators' page of certificate rules, with the certificates issued and a way to
// withdraw one.

const adminCrumbs = (ctx: PageContext) => [{ href: href(ctx, '/admin'), label: ctx.t('admin.heading') }];

/** The rules as the form shows them. */
export const rulesValues = (r: CertificateRules): Record<string, string | string[]> => ({
  minDays: String(r.minDays),
  minGroups: String(r.minGroups),
  requiredGroups: r.requiredGroups,
  minIndicators: String(r.minIndicators),
  minAnswers: String(r.minAnswers),
  validityMonths: String(r.validityMonths),
});

export function settingsView(
  ctx: PageContext,
  csrf: string,
  values: Record<string, string | string[]>,
  certificates: Certificate[],
  errors: FieldError[] = [],
  notice?: string,
): string {
  const { t } = ctx;
  const text = (name: string) => {
    const v = values[name];
    return typeof v === 'string' ? v : '';
  };
  const number = (name: string, maxlength: number) =>
    field(ctx, { name, label: t(`settings.${name}`), hint: t(`settings.${name}Hint`), value: text(name), errors, maxlength });
  const body = html`${errorSummary(ctx, errors)}
    <h1>${t('settings.title')}</h1>
    ${doneNotice(notice && t(notice))}
    <p class="lead">${t('settings.lead')}</p>
    ${postForm(
      href(ctx, '/admin/self-assessment/settings'),
      csrf,
      html`${number('minDays', 3)}
        ${number('minGroups', 1)}
        ${choiceList(ctx, {
          name: 'requiredGroups',
          legend: t('settings.requiredGroups'),
          hint: t('settings.requiredGroupsHint'),
          kind: 'checkbox',
          values: Array.isArray(values.requiredGroups) ? values.requiredGroups : values.requiredGroups ? [values.requiredGroups] : [],
          options: stakeholderGroups.map((g) => ({ value: g, label: t(`assessment.groupName.${g}`) })),
          errors,
        })}
        ${number('minIndicators', 3)}
        ${number('minAnswers', 4)}
        ${number('validityMonths', 3)}
        ${button({ text: t('settings.save') })}`,
    )}
    <h2>${t('settings.certificates')}</h2>
    ${
      certificates.length
        ? table({
            id: 'certificates',
            caption: t('settings.certificates'),
            captionHidden: true,
            head: [t('certificate.public.code'), t('certificate.public.centre'), t('certificate.public.issued'), t('round.list.status')],
            rowHeadings: true,
            rows: certificates.map((c) => [
              html`<a href="/${ctx.lang}/certificates/${c.code}" lang="en" dir="ltr">${c.code}</a>`,
              html`<bdi>${c.summary.centre}</bdi>`,
              day(ctx, c.issued_at),
              c.revoked_at
                ? t('certificate.public.revoked', { date: day(ctx, c.revoked_at) })
                : certificateStatus(c) === 'expired'
                  ? t('certificate.public.expired', { date: day(ctx, c.expires_at!) })
                  : postForm(
                      href(ctx, `/admin/self-assessment/certificates/${c.code}/withdraw`),
                      csrf,
                      button({ variant: 'link', text: html`${t('settings.withdraw')}<span class="visually-hidden"> ${c.code}</span>` }),
                      'inline-form',
                    ),
            ]),
          })
        : html`<p class="empty-state">${t('settings.noCertificates')}</p>`
    }`;
  return layout(ctx, { title: t('settings.title'), body, breadcrumbs: adminCrumbs(ctx), index: false, pageType: 'admin' });
}
