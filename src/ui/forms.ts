import type { PageContext } from '../http/context.ts';
import type { FieldError } from '../http/forms.ts';
import { html, type Html } from './html.ts';

// Form components, after GOV.UK Frontend: labels always visible, hints and errors tied to the
// field with aria-describedby, an error summary at the top that links to each field. Wording
// comes from the caller.

export interface FieldOptions {
  name: string;
  /** when a page has two fields of the same name; errors name the field by this id */
  id?: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'number';
  value?: string;
  /** the lowest and highest values of a number field */
  min?: number;
  max?: number;
  hint?: string;
  autocomplete?: string;
  errors?: FieldError[];
  maxlength?: number;
}

/** Addresses and passwords read left to right in every language; other text takes the direction of what is typed. */
const dirOf = (type: string): Html =>
  ['email', 'url', 'tel', 'password'].includes(type) ? html` dir="ltr"` : ['text', 'search'].includes(type) ? html` dir="auto"` : html``;
export function errorSummary(ctx: PageContext, errors: FieldError[] | undefined): Html {
  if (!errors?.length) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
    <h2 class="error-summary-title" id="error-summary-title">${ctx.t('form.errorSummary')}</h2>
    <ul>${errors.map((e) => html`<li><a href="#field-${e.field}">${ctx.t(e.key, e.values)}</a></li>`)}</ul>
  </div>`;
}

export function field(ctx: PageContext, o: FieldOptions): Html {
  const key = o.id ?? o.name;
  const error = o.errors?.find((e) => e.field === key);
  const id = `field-${key}`;
  const described = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' field-error' : ''}">
    <label for="${id}">${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
    ${error ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">${ctx.t('form.errorPrefix')}</span> ${ctx.t(error.key, error.values)}</p>` : ''}
    <input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.type === 'password' ? '' : (o.value ?? '')}"${dirOf(o.type ?? 'text')}${
      o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''
    }${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${o.min !== undefined ? html` min="${o.min}"` : ''}${o.max !== undefined ? html` max="${o.max}"` : ''}${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}>
  </div>`;
}

/** A POST form with its CSRF token. */
export function postForm(action: string, csrf: string, body: Html, className = 'form'): Html {
  return html`<form class="${className}" action="${action}" method="post" novalidate>
    <input type="hidden" name="_csrf" value="${csrf}">
    ${body}
  </form>`;
}

export interface ChoiceOptions {
  name: string;
  legend: string;
  options: { value: string; label: Html | string }[];
  /** chosen values */
  values: string[];
  hint?: string;
  errors?: FieldError[];
  /** radios choose one; checkboxes any number */
  kind: 'radio' | 'checkbox';
  /** lay long lists out in columns */
  columns?: boolean;
}

/** A group of radios or checkboxes in a fieldset, with its hint and error. */
export function choices(ctx: PageContext, o: ChoiceOptions): Html {
  const error = o.errors?.find((e) => e.field === o.name);
  const id = `field-${o.name}`;
  const described = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<fieldset class="field${error ? ' field-error' : ''}" id="${id}"${described ? html` aria-describedby="${described}"` : ''}>
    <legend>${o.legend}</legend>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
    ${error ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">${ctx.t('form.errorPrefix')}</span> ${ctx.t(error.key, error.values)}</p>` : ''}
    <ul class="checkboxes${o.columns ? ' columns' : ''}">
      ${o.options.map(
        (opt, i) => html`<li>
          <input type="${o.kind}" name="${o.name}" value="${opt.value}" id="${id}-${i}"${o.values.includes(opt.value) ? html` checked` : ''}>
          <label for="${id}-${i}">${opt.label}</label>
        </li>`,
      )}
    </ul>
  </fieldset>`;
}

export interface SelectOptions {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value: string;
  /** the first, empty option's text */
  placeholder: string;
  errors?: FieldError[];
}

export function select(ctx: PageContext, o: SelectOptions): Html {
  const error = o.errors?.find((e) => e.field === o.name);
  const id = `field-${o.name}`;
  return html`<div class="field${error ? ' field-error' : ''}">
    <label for="${id}">${o.label}</label>
    ${error ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">${ctx.t('form.errorPrefix')}</span> ${ctx.t(error.key, error.values)}</p>` : ''}
    <select id="${id}" name="${o.name}"${error ? html` aria-describedby="${id}-error" aria-invalid="true"` : ''}>
      <option value="">${o.placeholder}</option>
      ${o.options.map((opt) => html`<option value="${opt.value}"${opt.value === o.value ? html` selected` : ''}>${opt.label}</option>`)}
    </select>
  </div>`;
}

export function textarea(ctx: PageContext, o: { name: string; label: string; value: string; hint?: string; maxlength: number; errors?: FieldError[] }): Html {
  const error = o.errors?.find((e) => e.field === o.name);
  const id = `field-${o.name}`;
  const described = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' field-error' : ''}">
    <label for="${id}">${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
    ${error ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">${ctx.t('form.errorPrefix')}</span> ${ctx.t(error.key, error.values)}</p>` : ''}
    <textarea id="${id}" name="${o.name}" dir="auto" rows="6" maxlength="${o.maxlength}"${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}>${o.value}</textarea>
  </div>`;
}
