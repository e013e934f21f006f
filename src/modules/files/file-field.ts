import type { PageContext } from '../../http/context.ts';
import type { FieldError } from '../../http/forms.ts';
import { fieldParts } from '../../ui/components/field/field.ts';
import { html, type Html, type Renderable } from '../../ui/html.ts';

// A file input drawn as the field component draws its inputs (label, hint, error, the same ids and
// aria-describedby), for the upload forms: attachments, the content pack, a centre's logo.

export function fileField(
  ctx: PageContext,
  o: { name: string; id?: string; label: Renderable; hint?: Renderable; accept: string; errors?: FieldError[] },
): Html {
  const p = fieldParts(ctx, o);
  return html`<div class="${['field', p.error ? 'field-error' : ''].filter(Boolean).join(' ')}">
    <label for="${p.id}">${o.label}</label>
    ${p.hint}${p.message}
    <input id="${p.id}" name="${o.name}" type="file" accept="${o.accept}"${p.described ? html` aria-describedby="${p.described}"` : ''}${p.error ? html` aria-invalid="true"` : ''}>
  </div>`;
}
