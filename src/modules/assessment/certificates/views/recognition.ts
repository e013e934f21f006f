import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { day } from '../../../../ui/dates.ts';
import { errorSummary, postForm } from '../../../../ui/components/field/field.ts';
import { html, type Html } from '../../../../ui/html.ts';
import type { RoundPage } from '../../access.ts';
import { inLang } from '../../framework/document.ts';
import { crumbs, roundPath } from '../../paths.ts';
import { privatePage } from '../../rounds/views/rounds.ts';
import type { Certificate } from '../repository.ts';
import { checkRules, type RuleCheck, type Words } from '../rules.ts';
import { certificateStatus, type Draft, type Eligibility } from '../service.ts';
import { certificateFacts, certificatePath } from './certificate.ts';
import { button, buttonGroup } from '../../../../ui/components/button/button.ts';
import { checkbox } from '../../../../ui/components/choice-list/choice-list.ts';
import { notice } from '../../../../ui/components/notice/notice.ts';

// Recognition on a centre's side: the round page's checklist of the rules (each met or not, and
// what is missing), the preview that asks the centre's administrators to confirm, and once issued
// the certificate's state and whether it shows on the centre's public profile.

export const words = (ctx: PageContext): Words => {
  const list = new Intl.ListFormat(ctx.lang, { type: 'conjunction' });
  return {
    list: (xs) => list.format(xs),
    group: (g) => ctx.t(`assessment.groupName.${g}`),
    title: (t) => inLang(t, ctx).value,
    date: (iso) => day(ctx, iso),
  };
};

/** The rules as a checklist: a mark and the rule, and under an unmet rule what is missing. */
export function checklist(ctx: PageContext, checks: RuleCheck[]): Html {
  const { t } = ctx;
  return html`<ul class="checks">
    ${checks.map(
      (c) => html`<li class="${c.met ? 'status-current' : 'status-missing'}" data-rule="${c.id}">
        <span class="visually-hidden">${c.met ? t('certificate.met') : t('certificate.notMet')}: </span><span aria-hidden="true">${c.met ? '✓' : '✗'}</span>
        ${t(c.rule.key, c.rule.values)}
        ${c.missing.length ? html`<span class="check-missing">${c.missing.map((m) => t(m.key, m.values)).join(' ')}</span>` : ''}
      </li>`,
    )}
  </ul>`;
}

/** A certificate's state in the centre's words: valid until, expired or withdrawn, with the date. */
export function statusLine(ctx: PageContext, c: Pick<Certificate, 'revoked_at' | 'expires_at'>): string {
  const { t } = ctx;
  const status = certificateStatus(c);
  if (status === 'withdrawn') return t('certificate.public.revoked', { date: day(ctx, c.revoked_at!) });
  if (status === 'expired') return t('certificate.public.expired', { date: day(ctx, c.expires_at!) });
  return c.expires_at ? t('certificate.public.validUntil', { date: day(ctx, c.expires_at) }) : t('certificate.public.valid');
}

/** The round page's section: what a certificate needs and how far the round is, the preview button, or the certificate. */
export function recognitionSection(ctx: PageContext, e: Eligibility, action: string, csrf: string, manage: boolean): Html {
  const { t } = ctx;
  const c = e.certificate;
  return html`<section aria-labelledby="recognition" class="recognition">
    <h2 id="recognition">${t('certificate.title')}</h2>
    ${
      c
        ? html`<p>${t('certificate.issued', { date: day(ctx, c.issued_at) })} <strong>${statusLine(ctx, c)}</strong></p>
          <p><a href="${certificatePath(ctx, c.code)}">${t('certificate.view', { code: c.code })}</a></p>
          ${
            manage
              ? postForm(
                  `${action}/profile`,
                  csrf,
                  html`${checkbox(ctx, { name: 'onProfile', label: t('certificate.profile.show'), hint: t('certificate.profile.hint'), checked: Boolean(c.on_profile) })}
                    ${button({ text: t('certificate.profile.save'), variant: 'secondary' })}`,
                )
              : ''
          }`
        : html`<p>${t('certificate.lead')}</p>
          ${checklist(ctx, checkRules(e.rules, e.facts, words(ctx)))}
          ${
            manage && e.eligible
              ? postForm(action, csrf, html`<p>${t('certificate.previewLead')}</p>${button({ text: t('certificate.preview') })}`)
              : manage
                ? html`<p class="hint">${t('certificate.notYet')}</p>`
                : ''
          }`
    }
  </section>`;
}

/** What the certificate will say, and the button that issues it: nothing is issued before it is pressed. */
export function previewView(ctx: PageContext, r: RoundPage, d: Draft, csrf: string, errors: FieldError[] = []): string {
  const { t } = ctx;
  const path = roundPath(ctx, r.centre.slug, r.loaded.round.id);
  const body = html`${errorSummary(ctx, errors)}
    <p class="kicker"><bdi>${r.centre.name}</bdi></p>
    <h1>${t('certificate.previewTitle')}</h1>
    <p class="lead">${t('certificate.previewIntro')}</p>
    <div class="certificate-preview">
      <p class="kicker">${t('certificate.public.title')}</p>
      ${certificateFacts(ctx, d.summary, [
        [t('certificate.public.issued'), day(ctx, d.issued_at)],
        [t('certificate.public.validity'), day(ctx, d.expires_at)],
      ])}
    </div>
    <p>${t('certificate.previewAfter')}</p>
    ${postForm(
      `${path}/certificate`,
      csrf,
      html`<input type="hidden" name="confirm" value="yes">
        ${buttonGroup([button({ text: t('certificate.confirm') }), html`<a href="${path}#recognition">${t('certificate.cancel')}</a>`])}`,
    )}`;
  return privatePage(ctx, t('certificate.previewTitle'), body, crumbs(ctx, r, [{ href: path, label: r.loaded.round.title }]));
}

/** The preview asked for before the round meets every rule: what is still missing. */
export function notEligibleView(ctx: PageContext, r: RoundPage, e: Eligibility): string {
  const { t } = ctx;
  const path = roundPath(ctx, r.centre.slug, r.loaded.round.id);
  const body = html`<p class="kicker"><bdi>${r.centre.name}</bdi></p>
    <h1>${t('certificate.previewTitle')}</h1>
    ${notice(t('certificate.error.notEligible'), { live: true })}
    ${checklist(ctx, checkRules(e.rules, e.facts, words(ctx)))}
    <p><a href="${path}#recognition">${t('certificate.back')}</a></p>`;
  return privatePage(ctx, t('certificate.previewTitle'), body, crumbs(ctx, r, [{ href: path, label: r.loaded.round.title }]));
}
