import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { field, select, textarea } from '../../../../ui/components/field/field.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { langOf, txt } from '../../../../ui/text.ts';
import { inLang, type CriterionDoc } from '../../framework/document.ts';
import { roundPath } from '../../paths.ts';
import { planStatuses, type Plan } from '../repository.ts';
import type { PlanData } from '../service.ts';

// The fields of an action, for the new-action page and the action's own page: focus area, the
// recommended action it comes from (fixed, when there is one), title, owner (a member of the
// centre or a name), a native date field (type=date) for the due date, status, the statement it should move,
// details. Each error sits beside its field and the summary links to it (#field-<name>).

export type Values = Record<string, string | string[]>;
export const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');

function errorOf(ctx: PageContext, id: string, error: FieldError | undefined): Html {
  return error
    ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">${ctx.t('form.errorPrefix')}</span> ${ctx.t(error.key, error.values)}</p>`
    : html``;
}

/** A select with option groups (one per focus area) and a first, empty option. */
function groupedSelect(
  ctx: PageContext,
  o: {
    name: string;
    label: string;
    empty: string;
    value: string;
    error: FieldError | undefined;
    groups: { label: string; options: { value: string; label: string }[] }[];
  },
): Html {
  const id = `field-${o.name}`;
  const option = (value: string, label: string) => html`<option value="${value}"${value === o.value ? html` selected` : ''}>${label}</option>`;
  return html`<div class="field${o.error ? ' field-error' : ''}">
    <label for="${id}">${o.label}</label>
    ${errorOf(ctx, id, o.error)}
    <select id="${id}" name="${o.name}"${o.error ? html` aria-describedby="${id}-error" aria-invalid="true"` : ''}>
      ${option('', o.empty)}
      ${o.groups.map((g) => (g.options.length ? html`<optgroup label="${g.label}">${g.options.map((x) => option(x.value, x.label))}</optgroup>` : ''))}
    </select>
  </div>`;
}

export function actionFields(ctx: PageContext, d: PlanData, plan: Plan, values: Values, errors: FieldError[], withSource: boolean): Html {
  const { t } = ctx;
  const focus = plan.focus.map((id) => d.criteria.find((c) => c.id === id)).filter((c): c is CriterionDoc => c !== undefined);
  const criterion = str(values.criterion);
  const source = str(values.source);
  const recommended = withSource && source ? [...d.recommended.values()].flat().find((x) => x.key === source) : undefined;
  const sourceError = errors.find((e) => e.field === 'source');
  const newAction = `${roundPath(ctx, d.page.centre.slug, d.page.loaded.round.id)}/plan/new-action${criterion ? `?criterion=${encodeURIComponent(criterion)}` : ''}`;
  return html`${select(ctx, {
    name: 'criterion',
    label: t('plan.action.criterion'),
    placeholder: t('plan.action.chooseCriterion'),
    value: criterion,
    errors,
    options: focus.map((c) => ({ value: c.id, label: inLang(c.title, ctx).value })),
  })}
    ${
      withSource && (recommended || sourceError)
        ? html`<div class="field plan-source${sourceError ? ' field-error' : ''}" id="field-source" tabindex="-1">
          <p class="label">${t('plan.action.source')}</p>
          ${errorOf(ctx, 'field-source', sourceError)}
          ${recommended ? html`<p>${txt(recommended.text, ctx)} <span class="meta"${langOf(recommended.station, ctx)}>(${recommended.station.value})</span></p><input type="hidden" name="source" value="${source}">` : ''}
          <p><a href="${newAction}">${t('plan.action.writeOwn')}</a></p>
        </div>`
        : ''
    }
    ${field(ctx, { name: 'title', label: t('plan.action.title'), hint: recommended ? t('plan.action.titleHint') : undefined, value: str(values.title), errors, maxlength: 300 })}
    <fieldset class="field plan-owner">
      <legend>${t('plan.action.owner')}</legend>
      ${select(ctx, {
        name: 'ownerMember',
        label: t('plan.action.ownerMember'),
        placeholder: t('plan.action.ownerNobody'),
        value: str(values.ownerMember),
        errors,
        options: d.members.map((m) => ({ value: String(m.id), label: m.name })),
      })}
      ${field(ctx, { name: 'owner', label: t('plan.action.ownerName'), hint: t('plan.action.ownerHint'), value: str(values.owner), errors, maxlength: 120 })}
    </fieldset>
    <div class="field-row">
      ${field(ctx, { name: 'due', type: 'date', label: t('plan.action.due'), hint: t('plan.action.dueHint'), value: str(values.due), errors })}
      ${select(ctx, { name: 'status', label: t('plan.action.status'), placeholder: t('plan.action.chooseStatus'), value: str(values.status) || 'planned', errors, options: planStatuses.map((s) => ({ value: s, label: t(`plan.status.${s}`) })) })}
    </div>
    ${groupedSelect(ctx, {
      name: 'indicator',
      label: t('plan.action.indicator'),
      empty: t('plan.action.noIndicator'),
      value: str(values.indicator),
      error: errors.find((e) => e.field === 'indicator'),
      groups: focus.map((c) => ({
        label: inLang(c.title, ctx).value,
        options: c.indicators.filter((i) => d.page.loaded.indicators.has(i.id)).map((i) => ({ value: i.id, label: inLang(i.statement, ctx).value })),
      })),
    })}
    ${textarea(ctx, { name: 'notes', label: t('plan.action.notes'), value: str(values.notes), maxlength: 1000, errors })}`;
}
