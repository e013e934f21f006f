import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { day } from '../../../../ui/dates.ts';
import { errorSummary, field } from '../../../../ui/components/field/field.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { layout } from '../../../../ui/layout.ts';
import { langOf } from '../../../../ui/text.ts';
import { inLang } from '../../framework/document.ts';
import { lastDay } from '../../round.ts';
import type { Certificate, CertificateSummary } from '../repository.ts';
import { certificateStatus } from '../service.ts';
import { notice } from '../../../../ui/components/notice/notice.ts';
import { button } from '../../../../ui/components/button/button.ts';

// The public side of recognition: the page that verifies a certificate (valid, expired or
// withdrawn), the lookup form, and the page for a code that matches no certificate.

export const certificatePath = (ctx: PageContext, code: string) => `/${ctx.lang}/certificates/${code}`;

/** What a certificate says, as a list of facts; `extra` rows (issued, validity) come after the round. */
export function certificateFacts(ctx: PageContext, s: CertificateSummary, extra: [string, string][]): Html {
  const { t } = ctx;
  const framework = inLang(s.framework, ctx);
  return html`<dl class="facts">
    <div><dt>${t('certificate.public.centre')}</dt><dd><bdi>${s.centre}</bdi>, ${ctx.format.country(s.country)}</dd></div>
    <div><dt>${t('certificate.public.round')}</dt><dd><bdi>${s.round}</bdi> (${t('round.list.range', { from: day(ctx, s.opensAt), to: day(ctx, lastDay(s.closedAt)) })})</dd></div>
    ${extra.map(([dt, dd]) => html`<div><dt>${dt}</dt><dd>${dd}</dd></div>`)}
    <div><dt>${t('round.framework')}</dt><dd><span${langOf(framework, ctx)}>${framework.value}</span>, ${t('round.version', { version: s.version })}</dd></div>
    <div><dt>${t('certificate.public.evidence')}</dt><dd>${t('certificate.public.evidenceText', { indicators: s.indicators, responses: s.responses })}</dd></div>
    ${s.dimensions.map((d) => {
      const title = inLang(d.title, ctx);
      return html`<div><dt${langOf(title, ctx)}>${title.value}</dt><dd>${d.level ? html`<span class="level level-${d.level}">${t(`report.level.${d.level}`)}</span>` : t('report.notEnough')}</dd></div>`;
    })}
  </dl>`;
}

export function certificateView(ctx: PageContext, c: Certificate): string {
  const { t } = ctx;
  const status = certificateStatus(c);
  const verdict =
    status === 'withdrawn'
      ? t('certificate.public.revoked', { date: day(ctx, c.revoked_at!) })
      : status === 'expired'
        ? t('certificate.public.expired', { date: day(ctx, c.expires_at!) })
        : c.expires_at
          ? t('certificate.public.validUntil', { date: day(ctx, c.expires_at) })
          : t('certificate.public.valid');
  const body = html`<h1>${t('certificate.public.title')}</h1>
    ${notice(html`<p><strong>${verdict}</strong></p>`, { tone: status === 'valid' ? 'success' : 'warning', live: true, className: `certificate-${status}` })}
    ${certificateFacts(ctx, c.summary, [
      [t('certificate.public.code'), c.code],
      [t('certificate.public.issued'), day(ctx, c.issued_at)],
      ...(c.expires_at ? [[t('certificate.public.validity'), day(ctx, c.expires_at)] as [string, string]] : []),
    ])}
    <p><a href="${certificatePath(ctx, c.code)}.pdf">${t('certificate.public.pdf')}</a></p>
    <p class="hint">${t('certificate.public.about')}</p>`;
  return layout(ctx, { title: t('certificate.public.titleOf', { centre: c.summary.centre }), body, index: false, pageType: 'certificate' });
}

const lookupForm = (ctx: PageContext, code: string, errors: FieldError[]) =>
  html`<form class="form" action="/${ctx.lang}/certificates" method="get" novalidate>
    ${field(ctx, { name: 'code', label: ctx.t('certificate.public.code'), hint: ctx.t('certificate.lookup.hint'), value: code, errors, autocomplete: 'off', maxlength: 40 })}
    ${button({ text: ctx.t('certificate.lookup.button') })}
  </form>`;

export function certificateLookupView(ctx: PageContext, code: string, errors: FieldError[] = []): string {
  const { t } = ctx;
  const body = html`${errorSummary(ctx, errors)}
    <h1>${t('certificate.lookup.title')}</h1>
    <p class="lead">${t('certificate.lookup.lead')}</p>
    ${lookupForm(ctx, code, errors)}`;
  return layout(ctx, { title: t('certificate.lookup.title'), body });
}

/** A certificate address whose code matches none: says so, and offers the lookup form to try again. */
export function unknownCertificateView(ctx: PageContext, code: string): string {
  const { t } = ctx;
  const body = html`<h1>${t('certificate.unknown.title')}</h1>
    <p class="lead">${t('certificate.unknown.text', { code: `\u2066${code}\u2069` })}</p>
    <p>${t('certificate.unknown.help')}</p>
    ${lookupForm(ctx, code, [])}`;
  return layout(ctx, { title: t('certificate.unknown.title'), body, index: false, pageType: 'certificate' });
}
