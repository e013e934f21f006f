import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { html, type Html, type Renderable } from '../../html.ts';
import { errorMessage } from '../field/field.ts';

// Checkbox and radio lists, after GOV.UK Frontend: a fieldset whose legend asks the question,
// each control at its natural size with its label right after it and a hint under the label.
// The control and its label are one row (a grid), so nothing a page adds can stretch the box or
// push the label under it; long lists run in columns where there is room.

export interface Choice {
  value: string;
  label: Renderable;
  /** a line under the label */
  hint?: Renderable;
  /** attributes a script reads (data-*), written as given */
  data?: Record<string, string>;
  disabled?: boolean;
}

export interface ChoiceListOptions {
  name: string;
  /** the fieldset's id is field-<id>; by default the name */
  id?: string;
  legend: Renderable;
  /** the legend drawn as the page's heading (a form with one question) or plain bold text */
  legendSize?: 'heading' | 'normal';
  options: Choice[];
  /** chosen values */
  values: readonly string[];
  hint?: Renderable;
  errors?: FieldError[];
  /** radios choose one; checkboxes any number */
  kind: 'radio' | 'checkbox';
  /** lay long lists out in columns on a wide screen */
  columns?: boolean;
  /** radios with short labels side by side (yes / no) */
  inline?: boolean;
  /** markup between the hint and the list (a select-all line, a counter) */
  before?: Html;
  className?: string;
}

/** One checkbox or radio with its label (and hint): a list item of a choice list, or alone. */
export function choice(o: { kind: 'radio' | 'checkbox'; name: string; id: string; choice: Choice; checked: boolean; describedBy?: string }): Html {
  const c = o.choice;
  const hintId = c.hint ? `${o.id}-hint` : '';
  const described = [o.describedBy, hintId].filter(Boolean).join(' ');
  return html`<div class="choice">
    <input type="${o.kind}" name="${o.name}" value="${c.value}" id="${o.id}"${o.checked ? html` checked` : ''}${c.disabled ? html` disabled` : ''}${
      described ? html` aria-describedby="${described}"` : ''
    }${Object.entries(c.data ?? {}).map(([k, v]) => html` data-${k}="${v}"`)}>
    <label for="${o.id}">${c.label}</label>
    ${c.hint ? html`<p class="hint" id="${hintId}">${c.hint}</p>` : ''}
  </div>`;
}

/** A group of radios or checkboxes in a fieldset, with its hint and error. */
export function choiceList(ctx: PageContext, o: ChoiceListOptions): Html {
  const key = o.id ?? o.name;
  const error = o.errors?.find((e) => e.field === key);
  const id = `field-${key}`;
  const described = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const listClass = ['choices', o.columns ? 'choices-columns' : '', o.inline ? 'choices-inline' : ''].filter(Boolean).join(' ');
  return html`<fieldset class="${['field', 'choice-list', error ? 'field-error' : '', o.className].filter(Boolean).join(' ')}" id="${id}"${
    described ? html` aria-describedby="${described}"` : ''
  }>
    <legend${o.legendSize === 'heading' ? html` class="legend-heading"` : ''}>${o.legend}</legend>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
    ${error ? errorMessage(ctx, `${id}-error`, ctx.t(error.key, error.values)) : ''}
    ${o.before ?? ''}
    <ul class="${listClass}">
      ${o.options.map((opt, i) => html`<li>${choice({ kind: o.kind, name: o.name, id: `${id}-${i}`, choice: opt, checked: o.values.includes(opt.value) })}</li>`)}
    </ul>
  </fieldset>`;
}

/** One checkbox on its own (agree, publish), with its hint and error. */
export function checkbox(
  ctx: PageContext,
  o: { name: string; value?: string; label: Renderable; hint?: Renderable; checked: boolean; errors?: FieldError[] },
): Html {
  const id = `field-${o.name}`;
  const error = o.errors?.find((e) => e.field === o.name);
  return html`<div class="${error ? 'field single-choice field-error' : 'field single-choice'}">
    ${error ? errorMessage(ctx, `${id}-error`, ctx.t(error.key, error.values)) : ''}
    ${choice({ kind: 'checkbox', name: o.name, id, choice: { value: o.value ?? 'yes', label: o.label, hint: o.hint }, checked: o.checked, describedBy: error ? `${id}-error` : '' })}
  </div>`;
}
