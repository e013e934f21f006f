import type { PageContext } from '../../../../http/context.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { stakeholderGroups } from '../format.ts';
import type { FrameworkDocument } from '../document.ts';
import { MIN_THRESHOLD } from '../../report/anonymity.ts';
import { groupEstimate, presetIndicators } from '../../rounds/presets.ts';
import { linkButton } from '../../../../ui/components/button/button.ts';

// The self-assessment's public page (/{lang}/self-assessment): who answers, how anonymity works,
// how long it takes, its steps and the certificate, with the way in ("Start a self-assessment"
// signs in first, then opens the centre's form). The steps are also on the home page.

export const assessmentSteps = ['plan', 'share', 'close', 'read', 'act', 'recognise'] as const;

/** The six steps of a self-assessment, as an ordered list. */
export const stepsList = (ctx: PageContext): Html => html`<ol class="steps">${assessmentSteps.map((s) => html`<li>${ctx.t(`landing.step.${s}`)}</li>`)}</ol>`;

/** Where "Start a self-assessment" leads: sign-in first when needed (account pages send visitors there). */
export const startPath = (ctx: PageContext): string => href(ctx, '/account/self-assessment/start');

export const startButton = (ctx: PageContext): Html => linkButton({ href: startPath(ctx), text: ctx.t('landing.start') });

export function landingView(ctx: PageContext, doc: FrameworkDocument, minIndicators: number): string {
  const { t } = ctx;
  const recommended = new Set(presetIndicators(doc, 'recommended', minIndicators));
  const minutes = stakeholderGroups
    .map((g) => groupEstimate(doc, recommended, [], g))
    .filter((e) => e.statements > 0)
    .map((e) => e.minutes);
  const groups = new Intl.ListFormat(ctx.lang, { type: 'conjunction' }).format(stakeholderGroups.map((g) => t(`assessment.groupName.${g}`)));
  const body = html`<h1>${t('landing.title')}</h1>
    <p class="lead">${t('landing.lead')}</p>
    <p class="actions">${startButton(ctx)} <a href="${href(ctx, '/self-assessment/framework')}">${t('round.list.framework')}</a></p>
    <p class="hint">${t('landing.account')}</p>
    <section aria-labelledby="steps-heading">
      <h2 id="steps-heading">${t('landing.steps.heading')}</h2>
      ${stepsList(ctx)}
    </section>
    <section aria-labelledby="who-heading">
      <h2 id="who-heading">${t('landing.who.heading')}</h2>
      <p>${t('landing.who.text', { groups })}</p>
    </section>
    <section aria-labelledby="anonymity-heading">
      <h2 id="anonymity-heading">${t('landing.anonymity.heading')}</h2>
      <p>${t('landing.anonymity.text', { min: MIN_THRESHOLD })}</p>
    </section>
    <section aria-labelledby="time-heading">
      <h2 id="time-heading">${t('landing.time.heading')}</h2>
      <p>${t('landing.time.text', { n: recommended.size, from: Math.min(...minutes), to: Math.max(...minutes) })}</p>
    </section>
    <section aria-labelledby="certificate-heading">
      <h2 id="certificate-heading">${t('landing.certificate.heading')}</h2>
      <p>${t('landing.certificate.text', { min: minIndicators })}</p>
      <p>${startButton(ctx)}</p>
    </section>`;
  return layout(ctx, { title: t('landing.title'), description: t('landing.lead'), body, pageType: 'self-assessment' });
}
