import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { errorSummary, postForm, textarea } from '../../../../ui/components/field/field.ts';
import { html } from '../../../../ui/html.ts';
import { layout } from '../../../../ui/layout.ts';
import { langOf, txt } from '../../../../ui/text.ts';
import { inLang, type CriterionDoc } from '../../framework/document.ts';
import { crumbs, roundPath } from '../../paths.ts';
import type { Plan, PlanAction } from '../repository.ts';
import type { PlanData } from '../service.ts';
import { actionFields, str, type Values } from './fields.ts';
import { actionFacts, noteLine } from './plan.ts';
import { notice } from '../../../../ui/components/notice/notice.ts';
import { button } from '../../../../ui/components/button/button.ts';

// An action's pages: the new-action form (…/plan/new-action, prefilled from the address), and an
// action's own page (…/plan/actions/{id}): its facts and progress notes for every member, the
// note form for those who may write notes (administrators and the member who owns it), and the
// form to change or delete it for administrators.

export interface ActionState {
  csrf: string;
  errors?: FieldError[];
  values?: Values;
  /** which form the errors and values are for */
  form?: 'action' | 'note';
  mayNote?: boolean;
  notice?: string;
  /** new-action page: the criterion asked for, when it is not a focus area of the plan */
  outside?: CriterionDoc;
}

const withErrors = (ctx: PageContext, title: string, errors: FieldError[]) => (errors.length ? `${ctx.t('form.errorTitlePrefix')} ${title}` : title);

function planCrumbs(ctx: PageContext, d: PlanData) {
  const { round } = d.page.loaded;
  return crumbs(ctx, d.page, [
    { href: roundPath(ctx, d.page.centre.slug, round.id), label: round.title },
    { href: `${roundPath(ctx, d.page.centre.slug, round.id)}/plan`, label: ctx.t('plan.title', { round: round.title }) },
  ]);
}

export function newActionView(ctx: PageContext, d: PlanData, plan: Plan, s: ActionState): string {
  const { t } = ctx;
  const path = `${roundPath(ctx, d.page.centre.slug, d.page.loaded.round.id)}/plan`;
  const errors = s.errors ?? [];
  const body = html`${errorSummary(ctx, errors)}
    <p class="kicker"><bdi>${d.page.centre.name}</bdi></p>
    <h1>${t('plan.add.title')}</h1>
    ${
      s.outside
        ? notice(
            html`<p>${t('plan.add.notFocus', { criterion: inLang(s.outside.title, ctx).value })}</p><p><a href="${path}?focus=edit">${t('plan.focus.change')}</a></p>`,
          )
        : ''
    }
    ${postForm(`${path}/actions`, s.csrf, html`${actionFields(ctx, d, plan, s.values ?? {}, errors, true)}${button({ text: t('plan.add.submit') })}`)}
    <p><a href="${path}">${t('plan.edit.back')}</a></p>`;
  return layout(ctx, { title: withErrors(ctx, t('plan.add.title'), errors), body, breadcrumbs: planCrumbs(ctx, d), index: false, pageType: 'plan' });
}

export function actionView(ctx: PageContext, d: PlanData, plan: Plan, action: PlanAction, s: ActionState): string {
  const { t } = ctx;
  const path = `${roundPath(ctx, d.page.centre.slug, d.page.loaded.round.id)}/plan`;
  const errors = s.errors ?? [];
  const manage = d.page.manage;
  // An owner who has left the centre comes back as a name, to keep or change.
  const member = action.owner_user_id !== null && d.members.some((m) => m.id === action.owner_user_id);
  const values: Values =
    s.form === 'action' && s.values
      ? s.values
      : {
          criterion: action.criterion,
          indicator: action.indicator ?? '',
          title: action.title,
          ownerMember: member ? String(action.owner_user_id) : '',
          owner: member ? '' : action.owner,
          due: action.due_on ?? '',
          status: action.status,
          notes: action.notes ?? '',
        };
  const source = action.source ? [...d.recommended.values()].flat().find((x) => x.key === action.source) : undefined;
  const notes = html`<section aria-labelledby="notes" class="plan-notes">
    <h2 id="notes">${t('plan.note.title')}</h2>
    ${
      s.mayNote
        ? postForm(
            `${path}/actions/${action.id}/notes`,
            s.csrf,
            html`${textarea(ctx, { name: 'note', label: t('plan.note.label'), hint: t('plan.note.hint'), value: s.form === 'note' ? str(s.values?.note) : '', maxlength: 500, errors: s.form === 'note' ? errors : [] })}
              ${button({ text: t('plan.note.submit') })}`,
          )
        : ''
    }
    ${
      action.progress.length
        ? html`<ol class="plan-note-log">${action.progress.map((n) => html`<li>${noteLine(ctx, n)}</li>`)}</ol>`
        : html`<p class="meta">${t('plan.note.none')}</p>`
    }
  </section>`;
  const body = html`${errorSummary(ctx, errors)}
    <p class="kicker"><bdi>${d.page.centre.name}</bdi></p>
    <h1><bdi>${action.title}</bdi></h1>
    ${s.notice ? notice(t(s.notice), { tone: 'success' }) : ''}
    ${actionFacts(ctx, d, action)}
    ${source ? html`<p class="meta">${t('plan.action.source')}${t('format.colon')}${txt(source.text, ctx)} <span${langOf(source.station, ctx)}>(${source.station.value})</span></p>` : ''}
    ${action.notes ? html`<p class="plan-details" dir="auto">${action.notes}</p>` : ''}
    ${notes}
    ${
      manage
        ? html`<section aria-labelledby="change" class="plan-change">
          <h2 id="change">${t('plan.edit.title')}</h2>
          ${postForm(`${path}/actions/${action.id}`, s.csrf, html`${actionFields(ctx, d, plan, values, s.form === 'action' ? errors : [], false)}${button({ text: t('plan.edit.submit') })}`)}
          ${postForm(`${path}/actions/${action.id}/delete`, s.csrf, button({ text: t('plan.edit.delete'), variant: 'warning' }))}
        </section>`
        : ''
    }
    <p><a href="${path}#action-${action.id}">${t('plan.edit.back')}</a></p>`;
  return layout(ctx, { title: withErrors(ctx, action.title, errors), body, breadcrumbs: planCrumbs(ctx, d), index: false, pageType: 'plan' });
}
