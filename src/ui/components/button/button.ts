import { html, type Html, type Renderable } from '../../html.ts';

// Buttons, after GOV.UK Frontend: one primary action per form, secondary ones beside it, a
// warning colour for what cannot be undone, and a link drawn as a button for a way in ("Start").
// The wording comes from the caller.

export type ButtonVariant = 'primary' | 'secondary' | 'warning' | 'link';

export interface ButtonOptions {
  text: Renderable;
  variant?: ButtonVariant;
  /** submit (the default) or a plain button that a script gives work to */
  type?: 'submit' | 'button';
  name?: string;
  value?: string;
  /** another form's id, when the button sits outside it */
  form?: string;
  /** extra classes for a page's hooks (never for looks) */
  className?: string;
  id?: string;
  hidden?: boolean;
  /** attributes a page's script reads (data-*), written as given */
  data?: Record<string, string>;
  /** the button's name for screen readers when its text alone is ambiguous (one "Delete" per row):
   * it must start with the visible text */
  label?: string;
}

const variantClass: Record<ButtonVariant, string> = {
  primary: 'button',
  secondary: 'button button-secondary',
  warning: 'button button-warning',
  link: 'button-link',
};

function classes(variant: ButtonVariant | undefined, extra: string | undefined): string {
  return [variantClass[variant ?? 'primary'], extra].filter(Boolean).join(' ');
}

/** A form's button. */
export function button(o: ButtonOptions): Html {
  return html`<button type="${o.type ?? 'submit'}" class="${classes(o.variant, o.className)}"${o.id ? html` id="${o.id}"` : ''}${
    o.name ? html` name="${o.name}"` : ''
  }${o.value !== undefined ? html` value="${o.value}"` : ''}${o.form ? html` form="${o.form}"` : ''}${o.hidden ? html` hidden` : ''}${o.label ? html` aria-label="${o.label}"` : ''}${Object.entries(
    o.data ?? {},
  ).map(([k, v]) => html` data-${k}="${v}"`)}>${o.text}</button>`;
}

/** A link drawn as a button: a way into a task, not a change of data. */
export function linkButton(o: { href: string; text: Renderable; variant?: 'primary' | 'secondary'; className?: string; download?: boolean }): Html {
  return html`<a class="${classes(o.variant, o.className)}" href="${o.href}"${o.download ? html` download` : ''}>${o.text}</a>`;
}

/** Buttons and links side by side, wrapping on a phone. */
export function buttonGroup(items: Renderable[]): Html {
  return html`<div class="button-group">${items}</div>`;
}
