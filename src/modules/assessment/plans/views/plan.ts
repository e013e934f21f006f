import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { day } from '../../../../ui/dates.ts';
import { choices, errorSummary, field, postForm, select, textarea } from '../../../../ui/forms.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { langOf, txt } from '../../../../ui/text.ts';
import { inLang, type CriterionDoc } from '../../framework/document.ts';
import { crumbs, roundPath } from '../../paths.ts';
import { scoreFormat } from '../../report/views/report.ts';
import { planStatuses, type Plan, type PlanAction } from '../repository.ts';
import { progressOf, type PlanData } from '../service.ts';

// The development plan: focus areas chosen from the report, actions under each with owner, due
// date, status and the indicator they should move, progress at a glance, and the forms to change
// it (for centre administrators).

export interface PlanState {
  csrf: string;
  notice?: string;
  errors?: FieldError[];
  form?: 'focus' | 'action';
  values?: Record<string, string | string[]>;
  editingFocus?: boolean;
}

const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');

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
    html`${choices(ctx, {
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
          label: html`<span${langOf(title, ctx)}>${title.value}</span>${criterionScore(ctx, d, c.id)}${d.suggested.includes(c.id) ? html` <span class="badge">${t('plan.focus.suggested')}</span>` : ''}`,
        };
      }),
    })}
    ${d.plan?.actions.length ? html`<p class="hint">${t('plan.focus.dropWarning')}</p>` : ''}
    <button type="submit">${t('plan.focus.save')}</button>`,
    'form plan-forms',
  );
}

function actionFields(ctx: PageContext, d: PlanData, plan: Plan, values: Record<string, string | string[]>, errors: FieldError[], withSource: boolean): Html {
  const { t } = ctx;
  const focus = plan.focus.map((id) => d.criteria.find((c) => c.id === id)).filter((c): c is CriterionDoc => c !== undefined);
  const indicatorError = errors.find((e) => e.field === 'indicator');
  const sourceError = errors.find((e) => e.field === 'source');
  const option = (value: string, label: Html | string, chosen: string) =>
    html`<option value="${value}"${value === chosen ? html` selected` : ''}>${label}</option>`;
  return html`${select(ctx, {
    name: 'criterion',
    label: t('plan.action.criterion'),
    placeholder: t('plan.action.chooseCriterion'),
    value: str(values.criterion),
    errors,
    options: focus.map((c) => ({ value: c.id, label: inLang(c.title, ctx).value })),
  })}
    ${
      withSource
        ? html`<div class="field${sourceError ? ' field-error' : ''}">
          <label for="field-source">${t('plan.action.source')}</label>
          <p class="hint" id="field-source-hint">${t('plan.action.sourceHint')}</p>
          ${sourceError ? html`<p class="error-message" id="field-source-error"><span class="visually-hidden">${t('form.errorPrefix')}</span> ${t(sourceError.key)}</p>` : ''}
          <select id="field-source" name="source" aria-describedby="field-source-hint${sourceError ? ' field-source-error' : ''}">
            ${option('', t('plan.action.ownAction'), str(values.source))}
            ${focus.map((c) => {
              const list = d.recommended.get(c.id) ?? [];
              return list.length
                ? html`<optgroup label="${inLang(c.title, ctx).value}">${list.map((a) => option(a.key, a.text.value, str(values.source)))}</optgroup>`
                : '';
            })}
          </select>
        </div>`
        : ''
    }
    ${field(ctx, { name: 'title', label: t('plan.action.title'), hint: withSource ? t('plan.action.titleHint') : undefined, value: str(values.title), errors, maxlength: 300 })}
    ${field(ctx, { name: 'owner', label: t('plan.action.owner'), hint: t('plan.action.ownerHint'), value: str(values.owner), errors, maxlength: 120 })}
    <div class="field-row">
      ${field(ctx, { name: 'due', label: t('plan.action.due'), hint: t('round.field.dateHint'), value: str(values.due), errors, maxlength: 10 })}
      ${select(ctx, { name: 'status', label: t('plan.action.status'), placeholder: t('plan.action.chooseStatus'), value: str(values.status) || 'planned', errors, options: planStatuses.map((s) => ({ value: s, label: t(`plan.status.${s}`) })) })}
    </div>
    <div class="field${indicatorError ? ' field-error' : ''}">
      <label for="field-indicator">${t('plan.action.indicator')}</label>
      ${indicatorError ? html`<p class="error-message" id="field-indicator-error"><span class="visually-hidden">${t('form.errorPrefix')}</span> ${t(indicatorError.key)}</p>` : ''}
      <select id="field-indicator" name="indicator"${indicatorError ? html` aria-describedby="field-indicator-error"` : ''}>
        ${option('', t('plan.action.noIndicator'), str(values.indicator))}
        ${focus.map((c) => html`<optgroup label="${inLang(c.title, ctx).value}">${c.indicators.filter((i) => d.page.loaded.indicators.has(i.id)).map((i) => option(i.id, inLang(i.statement, ctx).value, str(values.indicator)))}</optgroup>`)}
      </select>
    </div>
    ${textarea(ctx, { name: 'notes', label: t('plan.action.notes'), value: str(values.notes), maxlength: 1000, errors })}`;
}

function statusLabel(ctx: PageContext, a: PlanAction): Html {
  const overdue = a.status !== 'done' && a.due_on !== null && a.due_on < new Date().toISOString().slice(0, 10);
  return html`<span class="plan-status plan-${a.status}">${ctx.t(`plan.status.${a.status}`)}</span>${overdue ? html` <strong class="status-missing">${ctx.t('plan.overdue')}</strong>` : ''}`;
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
        <li><a href="${path}.csv">${t('plan.download')}</a></li>
        ${manage ? html`<li><a href="${path}?focus=edit">${t('plan.focus.change')}</a></li>` : ''}
      </ul>
      ${plan.focus.map((id) => {
        const c = d.criteria.find((x) => x.id === id);
        if (!c) return '';
        const ct = inLang(c.title, ctx);
        const actions = plan.actions.filter((a) => a.criterion === id);
        const recommended = d.recommended.get(id) ?? [];
        return html`<section aria-labelledby="focus-${id}" class="plan-focus">
          <h2 id="focus-${id}"><span${langOf(ct, ctx)}>${ct.value}</span>${criterionScore(ctx, d, id)}</h2>
          ${
            actions.length
              ? html`<div class="table-scroll"><table class="scores">
                <caption class="visually-hidden">${t('plan.actions.caption', { criterion: ct.value })}</caption>
                <thead><tr><th scope="col">${t('plan.action.title')}</th><th scope="col">${t('plan.action.owner')}</th><th scope="col">${t('plan.action.due')}</th><th scope="col">${t('plan.action.status')}</th><th scope="col">${t('plan.action.indicator')}</th>${manage ? html`<th scope="col"><span class="visually-hidden">${t('plan.action.change')}</span></th>` : ''}</tr></thead>
                <tbody>${actions.map((a) => {
                  const indicator = a.indicator ? c.indicators.find((i) => i.id === a.indicator) : undefined;
                  const st = indicator ? inLang(indicator.statement, ctx) : null;
                  return html`<tr>
                    <th scope="row">${a.title}${a.notes ? html`<span class="meta plan-notes">${a.notes}</span>` : ''}</th>
                    <td>${a.owner}</td>
                    <td>${a.due_on ? day(ctx, `${a.due_on}T00:00:00Z`) : '–'}</td>
                    <td>${statusLabel(ctx, a)}</td>
                    <td>${st ? html`<span${langOf(st, ctx)}>${st.value}</span>` : '–'}</td>
                    ${manage ? html`<td><a href="${path}/actions/${a.id}">${t('plan.action.change')}<span class="visually-hidden">: ${a.title}</span></a></td>` : ''}
                  </tr>`;
                })}</tbody>
              </table></div>`
              : html`<p class="meta">${t('plan.actions.none')}</p>`
          }
          ${
            recommended.length
              ? html`<details class="recommended"><summary>${t('plan.recommended', { n: recommended.length })}</summary>
                <ul class="link-list">${recommended.map((a) => html`<li><a href="${href(ctx, a.href)}">${txt(a.text, ctx)}</a> <span class="meta">(${txt(a.station, ctx)})</span></li>`)}</ul>
              </details>`
              : ''
          }
        </section>`;
      })}
      ${
        manage
          ? html`<section aria-labelledby="add-action" class="plan-forms">
            <h2 id="add-action">${t('plan.add.title')}</h2>
            ${postForm(`${path}/actions`, s.csrf, html`${actionFields(ctx, d, plan, s.form === 'action' ? (s.values ?? {}) : {}, s.form === 'action' ? errors : [], true)}<button type="submit">${t('plan.add.submit')}</button>`, 'form')}
          </section>`
          : ''
      }`;
  }
  const body = html`${errorSummary(ctx, errors)}
    <p class="kicker">${d.page.centre.name}</p>
    <h1>${title}</h1>
    ${s.notice ? html`<p class="notice" role="status">${t(s.notice)}</p>` : ''}
    <p><a href="${roundPath(ctx, d.page.centre.slug, round.id)}/report">${t('plan.toReport')}</a></p>
    ${main}`;
  return layout(ctx, {
    title,
    body,
    breadcrumbs: crumbs(ctx, d.page, [{ href: roundPath(ctx, d.page.centre.slug, round.id), label: round.title }]),
    index: false,
    pageType: 'plan',
  });
}

export function actionEditView(ctx: PageContext, d: PlanData, plan: Plan, action: PlanAction, s: PlanState): string {
  const { t } = ctx;
  const { round } = d.page.loaded;
  const path = `${roundPath(ctx, d.page.centre.slug, round.id)}/plan`;
  const values = s.values ?? {
    criterion: action.criterion,
    indicator: action.indicator ?? '',
    title: action.title,
    owner: action.owner,
    due: action.due_on ?? '',
    status: action.status,
    notes: action.notes ?? '',
  };
  const body = html`${errorSummary(ctx, s.errors)}
    <p class="kicker">${d.page.centre.name}</p>
    <h1>${t('plan.edit.title')}</h1>
    ${postForm(`${path}/actions/${action.id}`, s.csrf, html`${actionFields(ctx, d, plan, values, s.errors ?? [], false)}<button type="submit">${t('plan.edit.submit')}</button>`)}
    ${postForm(`${path}/actions/${action.id}/delete`, s.csrf, html`<button type="submit" class="danger">${t('plan.edit.delete')}</button>`)}
    <p><a href="${path}">${t('plan.edit.back')}</a></p>`;
  return layout(ctx, {
    title: t('plan.edit.title'),
    body,
    breadcrumbs: crumbs(ctx, d.page, [
      { href: roundPath(ctx, d.page.centre.slug, round.id), label: round.title },
      { href: path, label: t('plan.title', { round: round.title }) },
    ]),
    index: false,
    pageType: 'plan',
  });
}
