import type { PageContext } from '../../../http/context.ts';
import { html, type Html, type Renderable } from '../../html.ts';
import { errorMessage } from '../field/field.ts';

// An answer scale: one question (the legend) answered on a scale of points, each a big row with
// its number then its words, and the answers that are not on the scale ("not applicable", "prefer
// not to say") set apart after them. A radio group in a fieldset, so a screen reader hears the
// question with each choice; on a phone the rows stack, on a wide screen the points stand side by
// side. The caller gives every word.

export interface ScalePoint {
  value: string;
  /** the words of the point ("Agree") */
  label: Renderable;
  /** shown in bold before the words ("4"); the answers off the scale have none */
  number?: Renderable;
}

export interface ScaleOptions {
  /** the radios' name */
  name: string;
  /** the fieldset's id; each radio's is <id>-<value>, the hint's <id>-hint, the error's <id>-error */
  id: string;
  legend: Renderable;
  hint?: Renderable;
  /** the points of the scale, in order */
  points: ScalePoint[];
  /** the answers off the scale, shown apart after the points */
  others?: ScalePoint[];
  /** the chosen value */
  value?: string;
  /** the error's text, when the question needs an answer */
  error?: Renderable;
  className?: string;
}

export function scale(ctx: PageContext, o: ScaleOptions): Html {
  const described = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  const row = (p: ScalePoint, kind: 'point' | 'other') => html`<li class="scale-${kind}">
      <input type="radio" name="${o.name}" value="${p.value}" id="${o.id}-${p.value}"${o.value === p.value ? html` checked` : ''}>
      <label for="${o.id}-${p.value}">${p.number !== undefined ? html`<span class="scale-number">${p.number}</span> ` : ''}${p.label}</label>
    </li>`;
  return html`<fieldset class="${['field', 'scale-question', o.error ? 'field-error' : '', o.className].filter(Boolean).join(' ')}" id="${o.id}"${
    described ? html` aria-describedby="${described}"` : ''
  }>
    <legend>${o.legend}</legend>
    ${o.hint ? html`<p class="hint" id="${o.id}-hint">${o.hint}</p>` : ''}
    ${o.error ? errorMessage(ctx, `${o.id}-error`, o.error) : ''}
    <ul class="scale">
      ${o.points.map((p) => row(p, 'point'))}${(o.others ?? []).map((p) => row(p, 'other'))}
    </ul>
  </fieldset>`;
}
