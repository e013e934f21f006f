import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { direction, type Lang } from '../../../i18n/languages.ts';
import { html, type Html, type Renderable } from '../../html.ts';
import { button } from '../button/button.ts';

// Form fields, after GOV.UK Frontend: labels always visible, hints and errors tied to the field
// with aria-describedby, an error summary at the top that links to each field. Wording comes from
// the caller; error messages are message keys (src/http/forms.ts makes them).

interface Common {
  name: string;
  /** when a page has two fields of the same name; errors name the field by this id */
  id?: string;
  label: Renderable;
  hint?: Renderable;
  errors?: FieldError[];
  /** extra classes on the field's box (a page's hooks, a narrow width) */
  className?: string;
  /** the language the text is to be typed in (a translation's field): lang and dir on the control, the label staying in the page's */
  lang?: Lang;
}

export interface FieldOptions extends Common {
  type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'number' | 'url' | 'tel' | 'search';
  value?: string;
  /** the lowest and highest values of a number field */
  min?: number;
  max?: number;
  autocomplete?: string;
  maxlength?: number;
  required?: boolean;
  /** a short field (a number, a date) drawn narrow rather than across the form */
  width?: 'short' | 'medium';
}

/** What a field's parts share: its id, its error and the ids of its hint and error. */
export function fieldParts(ctx: PageContext, o: Common): { id: string; error: FieldError | undefined; described: string; hint: Html; message: Html } {
  const key = o.id ?? o.name;
  const error = o.errors?.find((e) => e.field === key);
  const id = `field-${key}`;
  const described = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    error,
    described,
    hint: o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : html``,
    message: error ? errorMessage(ctx, `${id}-error`, ctx.t(error.key, error.values)) : html``,
  };
}

/** A field's error message, its "Error:" prefix read out but not shown. */
export function errorMessage(ctx: PageContext, id: string, text: Renderable): Html {
  return html`<p class="error-message" id="${id}"><span class="visually-hidden">${ctx.t('form.errorPrefix')}</span> ${text}</p>`;
}

function box(o: Common, error: FieldError | undefined, extra = ''): string {
  return ['field', extra, error ? 'field-error' : '', o.className].filter(Boolean).join(' ');
}

function describedBy(described: string, error: FieldError | undefined): Html {
  return html`${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
}

export function errorSummary(ctx: PageContext, errors: FieldError[] | undefined): Html {
  if (!errors?.length) return html``;
  return problemSummary(ctx, { items: errors.map((e) => ({ text: ctx.t(e.key, e.values), href: `#field-${e.field}` })) });
}

/**
 * The error summary for problems that are not (only) one field's: each item a sentence, linked to
 * where to fix it when there is such a place. `headingLevel` follows the page's outline.
 */
export function problemSummary(ctx: PageContext, o: { items: { text: Renderable; href?: string }[]; headingLevel?: 2 | 3 }): Html {
  const h = o.headingLevel ?? 2;
  const title = html`<h${h} class="error-summary-title" id="error-summary-title">${ctx.t('form.errorSummary')}</h${h}>`;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
    ${title}
    <ul>${o.items.map((i) => html`<li>${i.href ? html`<a href="${i.href}">${i.text}</a>` : i.text}</li>`)}</ul>
  </div>`;
}

/** Addresses and passwords read left to right in every language; other text takes the direction of what is typed (decision 0015). */
const dirOf = (type: string): Html =>
  ['email', 'url', 'tel', 'password'].includes(type) ? html` dir="ltr"` : ['text', 'search'].includes(type) ? html` dir="auto"` : html``;

/** A translation's control is in its language and that language's direction, even while empty. */
const langDir = (lang: Lang | undefined, otherwise: Html): Html => (lang ? html` lang="${lang}" dir="${direction(lang)}"` : otherwise);

export function field(ctx: PageContext, o: FieldOptions): Html {
  const p = fieldParts(ctx, o);
  const type = o.type ?? 'text';
  return html`<div class="${box(o, p.error, o.width ? `field-${o.width}` : '')}">
    <label for="${p.id}">${o.label}</label>
    ${p.hint}${p.message}
    <input id="${p.id}" name="${o.name}" type="${type}" value="${type === 'password' ? '' : (o.value ?? '')}"${langDir(o.lang, dirOf(type))}${
      o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''
    }${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${o.min !== undefined ? html` min="${o.min}"` : ''}${o.max !== undefined ? html` max="${o.max}"` : ''}${
      o.required ? html` required` : ''
    }${describedBy(p.described, p.error)}>
  </div>`;
}

export interface SelectOptions extends Common {
  options: { value: string; label: string }[];
  value: string;
  /** the first, empty option's text (none: the list has no empty choice) */
  placeholder?: string;
}

export function select(ctx: PageContext, o: SelectOptions): Html {
  const p = fieldParts(ctx, o);
  return html`<div class="${box(o, p.error)}">
    <label for="${p.id}">${o.label}</label>
    ${p.hint}${p.message}
    <select id="${p.id}" name="${o.name}"${describedBy(p.described, p.error)}>
      ${o.placeholder !== undefined ? html`<option value="">${o.placeholder}</option>` : ''}
      ${o.options.map((opt) => html`<option value="${opt.value}"${opt.value === o.value ? html` selected` : ''}>${opt.label}</option>`)}
    </select>
  </div>`;
}

export interface TextareaOptions extends Common {
  value: string;
  maxlength: number;
  rows?: number;
}

export function textarea(ctx: PageContext, o: TextareaOptions): Html {
  const p = fieldParts(ctx, o);
  return html`<div class="${box(o, p.error)}">
    <label for="${p.id}">${o.label}</label>
    ${p.hint}${p.message}
    <textarea id="${p.id}" name="${o.name}"${langDir(o.lang, html` dir="auto"`)} rows="${o.rows ?? 6}" maxlength="${o.maxlength}"${describedBy(p.described, p.error)}>${o.value}</textarea>
  </div>`;
}

/** A POST form with its CSRF token. */
export function postForm(action: string, csrf: string, body: Html, className = 'form', o: { files?: boolean } = {}): Html {
  return html`<form class="${className}" action="${action}" method="post"${o.files ? html` enctype="multipart/form-data"` : ''} novalidate>
    <input type="hidden" name="_csrf" value="${csrf}">
    ${body}
  </form>`;
}

/**
 * A search box: its label, a hint under the label, and the query field with its button on one row
 * (the button goes under the field on the narrowest phones). The caller draws the form around it.
 */
export function searchField(o: { id: string; name?: string; label: Renderable; value: string; button: Renderable; hint?: Renderable }): Html {
  const hintId = o.hint ? `${o.id}-hint` : '';
  return html`<div class="field search-field">
    <label for="${o.id}">${o.label}</label>
    ${o.hint ? html`<p class="hint" id="${hintId}">${o.hint}</p>` : ''}
    <div class="input-row">
      <input id="${o.id}" name="${o.name ?? 'q'}" type="search" value="${o.value}" dir="auto" maxlength="200"${hintId ? html` aria-describedby="${hintId}"` : ''}>
      ${button({ text: o.button })}
    </div>
  </div>`;
}
