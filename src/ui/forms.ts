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
  type?: 'text' | 'email' | 'password';
  value?: string;
  hint?: string;
  autocomplete?: string;
  errors?: FieldError[];
  maxlength?: number;
}

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
    <input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.type === 'password' ? '' : (o.value ?? '')}"${
      o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''
    }${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}>
  </div>`;
}

/** A POST form with its CSRF token. */
export function postForm(action: string, csrf: string, body: Html, className = 'form'): Html {
  return html`<form class="${className}" action="${action}" method="post" novalidate>
    <input type="hidden" name="_csrf" value="${csrf}">
    ${body}
  </form>`;
}
