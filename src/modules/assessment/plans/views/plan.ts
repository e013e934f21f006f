import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { day } from '../../../../ui/dates.ts';
import { errorSummary, postForm } from '../../../../ui/components/field/field.ts';
import { choiceList } from '../../../../ui/components/choice-list/choice-list.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { langOf, txt } from '../../../../ui/text.ts';
import { inLang } from '../../framework/document.ts';
import { crumbs, roundPath } from '../../paths.ts';
import { scoreFormat } from '../../report/views/report.ts';
import type { Plan, PlanAction } from '../repository.ts';
import { isOverdue, progressOf, type PlanData } from '../service.ts';
import { actionFields } from './fields.ts';
import { notice } from '../../../../ui/components/notice/notice.ts';
import { tag } from '../../../../ui/components/tag/tag.ts';
import { button, linkButton } from '../../../../ui/components/button/button.ts';
import { card, cardGrid } from '../../../../ui/components/card/card.ts';

// The development plan: focus areas chosen from the report; under each, its actions as cards
// (owner, due date, status, the statement they should move, the latest progress note), which sit
// side by side on a wide screen and one under another on a phone; and the actions the Knowledge
// Packages recommend for it, each with "Add to plan" (the new-action page, prefilled).

export interface PlanState {
  csrf: string;
  notice?: string;
  errors?: FieldError[];
  form?: 'focus' | 'action';
  values?: Record<string, string | string[]>;
  editingFocus?: boolean;
  /** the action chosen in the report before the plan existed, carried through the focus form */
  then?: { criterion?: string; source?: string };
}

function criterionScore(ctx: PageContext, d: PlanData, id: string): Html {
  const s = d.scores.get(id)?.score.all;
  return s === null || s === undefined ? html`` : html` <span class="meta">(${scoreFormat(ctx)(s)})</span>`;
}

function focusForm(ctx: PageContext, d: PlanData, s: PlanState): Html {
  const { t } = ctx;
  const path = `${roundPath(ctx, d.page.centre.slug, d.page.loaded.round.id)}/plan`;
  const chosen =
    s.form === 'focus' && s.values ? (Array.isArray(s.values.focus) ? s.values.focus : s.values.focus ? [s.values.focus] : []) : (d.plan?.focus ?? d.suggested);
  return postForm(
    `${path}/focus`,
    s.csrf,
    html`${choiceList(ctx, {
      name: 'focus',
      legend: t('plan.focus.legend'),
      hint: `${t('plan.focus.hint', { min: d.focusRange.min, max: d.focusRange.max })}${d.released ? '' : ` ${t('plan.focus.notReleased')}`}`,
      kind: 'checkbox',
      values: chosen,
      errors: s.form === 'focus' ? s.errors : [],
      options: d.criteria.map((c) => {
        const title = inLang(c.title, ctx);
        return {
          value: c.id,
          label: html`<span${langOf(title, ctx)}>${title.value}</span>${criterionScore(ctx, d, c.id)}${d.suggested.includes(c.id) ? html` ${tag(t('plan.focus.suggested'))}` : ''}`,
        };
      }),
    })}
    ${d.plan?.actions.length ? html`<p class="hint">${t('plan.focus.dropWarning')}</p>` : ''}
    ${
      s.then?.criterion
        ? html`${notice(t('plan.focus.thenAction'), { live: true })}
          <input type="hidden" name="criterion" value="${s.then.criterion}">${s.then.source ? html`<input type="hidden" name="source" value="${s.then.source}">` : ''}`
        : ''
    }
    ${button({ text: t('plan.focus.save') })}`,
    'form plan-forms',
  );
}

export function statusLabel(ctx: PageContext, a: PlanAction): Html {
  return html`<span class="plan-status plan-${a.status}">${ctx.t(`plan.status.${a.status}`)}</span>${isOverdue(a) ? html` <strong class="status-missing">${ctx.t('plan.overdue')}</strong>` : ''}`;
}

/** An action's facts as a description list: owner, due date, status, the statement it should move. */
export function actionFacts(ctx: PageContext, d: PlanData, a: PlanAction): Html {
  const { t } = ctx;
  const indicator = a.indicator ? d.criteria.find((c) => c.id === a.criterion)?.indicators.find((i) => i.id === a.indicator) : undefined;
  const st = indicator ? inLang(indicator.statement, ctx) : null;
  return html`<dl class="plan-facts">
    <div><dt>${t('plan.action.owner')}</dt><dd>${a.owner ? html`<bdi>${a.owner}</bdi>` : t('plan.formerMember')}${a.owner_user_id ? html` <span class="meta">${t('plan.action.isMember')}</span>` : ''}</dd></div>
    <div><dt>${t('plan.action.due')}</dt><dd>${a.due_on ? day(ctx, `${a.due_on}T00:00:00Z`) : '–'}</dd></div>
    <div><dt>${t('plan.action.status')}</dt><dd>${statusLabel(ctx, a)}</dd></div>
    ${st ? html`<div class="plan-fact-wide"><dt>${t('plan.action.indicator')}</dt><dd><span${langOf(st, ctx)}>${st.value}</span></dd></div>` : ''}
  </dl>`;
}

/** One progress note: who wrote it and when, then the note. */
export function noteLine(ctx: PageContext, n: PlanAction['progress'][number]): Html {
  return html`<p class="plan-note-meta meta">${ctx.t('plan.note.meta', { who: n.author_name || ctx.t('plan.formerMember'), when: day(ctx, n.created_at) })}</p><p class="plan-note-body" dir="auto">${n.body}</p>`;
}

function actionCard(ctx: PageContext, d: PlanData, a: PlanAction, path: string): Html {
  const { t } = ctx;
  const latest = a.progress[0];
  return card({
    id: `action-${a.id}`,
    className: 'plan-card',
    headingLevel: 3,
    heading: html`<bdi>${a.title}</bdi>`,
    body: html`${actionFacts(ctx, d, a)}
      ${a.notes ? html`<p class="plan-details" dir="auto">${a.notes}</p>` : ''}
      ${latest ? html`<div class="plan-latest"><p class="plan-latest-title">${t('plan.note.latest')}</p>${noteLine(ctx, latest)}</div>` : ''}`,
    actions: html`<a href="${path}/actions/${a.id}">${d.page.manage ? t('plan.action.open') : t('plan.action.notesLink', { n: a.progress.length })}<span class="visually-hidden">: <bdi>${a.title}</bdi></span></a>`,
  });
}

function focusSection(ctx: PageContext, d: PlanData, plan: Plan, id: string, path: string): Html {
  const { t } = ctx;
  const c = d.criteria.find((x) => x.id === id);
  if (!c) return html``;
  const ct = inLang(c.title, ctx);
  const actions = plan.actions.filter((a) => a.criterion === id);
  const recommended = d.recommended.get(id) ?? [];
  const inPlan = new Set(plan.actions.map((a) => a.source).filter((x) => x !== null));
  const manage = d.page.manage;
  const add = (source?: string) => `${path}/new-action?criterion=${encodeURIComponent(id)}${source ? `&source=${encodeURIComponent(source)}` : ''}`;
  return html`<section aria-labelledby="focus-${id}" class="plan-focus">
    <h2 id="focus-${id}"><span${langOf(ct, ctx)}>${ct.value}</span>${criterionScore(ctx, d, id)}</h2>
    ${actions.length ? cardGrid(actions.map((a) => actionCard(ctx, d, a, path))) : html`<p class="meta">${t('plan.actions.none')}</p>`}
    ${
      recommended.length
        ? html`<details class="recommended"${actions.length ? '' : html` open`}><summary>${t('plan.recommended', { n: recommended.length })}</summary>
          <ul class="plan-recommended">${recommended.map(
            (a) => html`<li>
              <span class="plan-recommended-text"><a href="${href(ctx, a.href)}">${txt(a.text, ctx)}</a> <span class="meta"${langOf(a.station, ctx)}>(${a.station.value})</span></span>
              ${
                !manage
                  ? ''
                  : inPlan.has(a.key)
                    ? html`<span class="meta plan-in">${t('plan.recommendedInPlan')}</span>`
                    : linkButton({
                        href: add(a.key),
                        text: html`${t('plan.add.toPlan')}<span class="visually-hidden">: ${a.text.value}</span>`,
                        variant: 'secondary',
                        className: 'plan-add',
                      })
              }
            </li>`,
          )}</ul>
        </details>`
        : ''
    }
  </section>`;
}

function glance(ctx: PageContext, d: PlanData, plan: Plan): Html {
  const { t } = ctx;
  const all = progressOf(plan.actions);
  return html`<section aria-labelledby="glance" class="panel">
    <h2 id="glance">${t('plan.glance.title')}</h2>
    <p>${t('plan.glance.total', { total: all.total, done: all.done, started: all.started, planned: all.planned })}${all.overdue ? html` <strong class="status-missing">${t('plan.glance.overdue', { n: all.overdue })}</strong>` : ''}</p>
    <ul class="plan-summary">
      ${plan.focus.map((id) => {
        const c = d.criteria.find((x) => x.id === id);
        if (!c) return '';
        const p = progressOf(plan.actions.filter((a) => a.criterion === id));
        const title = inLang(c.title, ctx);
        return html`<li><span${langOf(title, ctx)}>${title.value}</span>:
          <meter min="0" max="${Math.max(1, p.total)}" value="${p.done}" aria-label="${t('plan.glance.meter', { criterion: title.value })}">${p.done}/${p.total}</meter>
          ${t('plan.glance.done', { done: p.done, total: p.total })}</li>`;
      })}
    </ul>
  </section>`;
}

export function planView(ctx: PageContext, d: PlanData, s: PlanState): string {
  const { t } = ctx;
  const { round } = d.page.loaded;
  const path = `${roundPath(ctx, d.page.centre.slug, round.id)}/plan`;
  const plan = d.plan;
  const errors = s.errors ?? [];
  const manage = d.page.manage;
  const title = t('plan.title', { round: round.title });
  let main: Html;
  if (!plan || s.editingFocus || s.form === 'focus') {
    main = manage ? html`<p class="lead">${t('plan.focus.lead')}</p>${focusForm(ctx, d, s)}` : html`<p class="empty-state">${t('plan.none')}</p>`;
  } else {
    main = html`${glance(ctx, d, plan)}
      <ul class="inline-list report-actions">
        <li><a href="${path}.pdf">${t('plan.downloadPdf')}</a></li>
        <li><a href="${path}.csv">${t('plan.download')}</a></li>
        ${manage ? html`<li><a href="${path}?focus=edit">${t('plan.focus.change')}</a></li>` : ''}
      </ul>
      ${plan.focus.map((id) => focusSection(ctx, d, plan, id, path))}
      ${
        manage
          ? html`<section aria-labelledby="add-action" class="plan-forms">
            <h2 id="add-action">${t('plan.add.own')}</h2>
            ${postForm(`${path}/actions`, s.csrf, html`${actionFields(ctx, d, plan, { status: 'planned' }, [], false)}${button({ text: t('plan.add.submit') })}`)}
          </section>`
          : ''
      }`;
  }
  const body = html`${errorSummary(ctx, errors)}
    <p class="kicker"><bdi>${d.page.centre.name}</bdi></p>
    <h1>${title}</h1>
    ${s.notice ? notice(t(s.notice), { tone: 'success' }) : ''}
    <p><a href="${roundPath(ctx, d.page.centre.slug, round.id)}/report">${t('plan.toReport')}</a></p>
    ${main}`;
  return layout(ctx, {
    title: errors.length ? `${t('form.errorTitlePrefix')} ${title}` : title,
    body,
    breadcrumbs: crumbs(ctx, d.page, [{ href: roundPath(ctx, d.page.centre.slug, round.id), label: round.title }]),
    index: false,
    pageType: 'plan',
  });
}
