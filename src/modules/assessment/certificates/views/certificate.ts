import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { day } from '../../../../ui/dates.ts';
import { errorSummary, field } from '../../../../ui/forms.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { layout } from '../../../../ui/layout.ts';
import { langOf } from '../../../../ui/text.ts';
import { inLang } from '../../framework/document.ts';
import { lastDay } from '../../round.ts';
import type { Certificate } from '../repository.ts';
import type { Eligibility } from '../service.ts';

// Recognition: the conditions on a round's page, and the public page that verifies a certificate.

export const certificatePath = (ctx: PageContext, code: string) => `/${ctx.lang}/certificates/${code}`;

/** The round page's section: what a certificate needs, and the button or the certificate. */
export function recognitionSection(ctx: PageContext, e: Eligibility, action: string, csrf: string, manage: boolean): Html {
  const { t } = ctx;
  const check = (ok: boolean, text: string) =>
    html`<li class="${ok ? 'status-current' : 'status-missing'}"><span class="visually-hidden">${ok ? t('certificate.met') : t('certificate.notMet')}: </span><span aria-hidden="true">${ok ? '✓' : '✗'}</span> ${text}</li>`;
  return html`<section aria-labelledby="recognition">
    <h2 id="recognition">${t('certificate.title')}</h2>
    ${
      e.certificate
        ? html`<p>${t('certificate.issued', { date: day(ctx, e.certificate.issued_at) })} <a href="${certificatePath(ctx, e.certificate.code)}">${t('certificate.view', { code: e.certificate.code })}</a></p>`
        : html`<p>${t('certificate.lead')}</p>
        <ul class="checks">
          ${check(e.finished, t('certificate.finished'))}
          ${check(e.covered >= e.rules.minIndicators, t('certificate.covered', { covered: e.covered, min: e.rules.minIndicators, answers: e.rules.minAnswers }))}
          ${check(e.plan, t('certificate.plan'))}
        </ul>
        ${manage && e.eligible ? html`<form class="form" action="${action}" method="post"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">${t('certificate.request')}</button></form>` : ''}`
    }
  </section>`;
}

export function certificateView(ctx: PageContext, c: Certificate): string {
  const { t } = ctx;
  const s = c.summary;
  const framework = inLang(s.framework, ctx);
  const valid = c.revoked_at === null;
  const body = html`<h1>${t('certificate.public.title')}</h1>
    <p class="notice ${valid ? '' : 'revoked'}" role="status"><strong>${valid ? t('certificate.public.valid') : t('certificate.public.revoked', { date: day(ctx, c.revoked_at!) })}</strong></p>
    <dl class="facts">
      <div><dt>${t('certificate.public.centre')}</dt><dd>${s.centre}, ${ctx.format.country(s.country)}</dd></div>
      <div><dt>${t('certificate.public.code')}</dt><dd lang="en" dir="ltr">${c.code}</dd></div>
      <div><dt>${t('certificate.public.issued')}</dt><dd>${day(ctx, c.issued_at)}</dd></div>
      <div><dt>${t('certificate.public.round')}</dt><dd>${s.round} (${t('round.list.range', { from: day(ctx, s.opensAt), to: day(ctx, lastDay(s.closedAt)) })})</dd></div>
      <div><dt>${t('round.framework')}</dt><dd><span${langOf(framework, ctx)}>${framework.value}</span>, ${t('round.version', { version: s.version })}</dd></div>
      <div><dt>${t('certificate.public.evidence')}</dt><dd>${t('certificate.public.evidenceText', { indicators: s.indicators, responses: s.responses })}</dd></div>
      ${s.dimensions.map((d) => {
        const title = inLang(d.title, ctx);
        return html`<div><dt${langOf(title, ctx)}>${title.value}</dt><dd>${d.level ? html`<span class="level level-${d.level}">${t(`report.level.${d.level}`)}</span>` : t('report.notEnough')}</dd></div>`;
      })}
    </dl>
    <p><a href="${certificatePath(ctx, c.code)}.pdf">${t('certificate.public.pdf')}</a></p>
    <p class="hint">${t('certificate.public.about')}</p>`;
  return layout(ctx, { title: t('certificate.public.titleOf', { centre: s.centre }), body, index: false, pageType: 'certificate' });
}

export function certificateLookupView(ctx: PageContext, code: string, errors: FieldError[] = []): string {
  const { t } = ctx;
  const body = html`${errorSummary(ctx, errors)}
    <h1>${t('certificate.lookup.title')}</h1>
    <p class="lead">${t('certificate.lookup.lead')}</p>
    <form class="form" action="/${ctx.lang}/certificates" method="get" novalidate>
      ${field(ctx, { name: 'code', label: t('certificate.public.code'), hint: t('certificate.lookup.hint'), value: code, errors, autocomplete: 'off', maxlength: 20 })}
      <button type="submit">${t('certificate.lookup.button')}</button>
    </form>`;
  return layout(ctx, { title: t('certificate.lookup.title'), body });
}
