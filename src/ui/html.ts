// Templates are tagged template literals that escape every interpolated value unless it is
// already Html (the result of another template, or markup explicitly marked with raw() after
// sanitising). Arrays are joined; null, undefined and false render nothing.

const marker = Symbol('html');

export interface Html {
  readonly [marker]: true;
  readonly value: string;
  toString(): string;
}

class SafeHtml implements Html {
  readonly [marker] = true as const;
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SPECIAL = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Most text has nothing to escape: finding that out costs less than a replace with a callback.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : text;
}

export type Renderable = Html | string | number | null | undefined | false | readonly Renderable[];

function render(value: Renderable): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (value instanceof SafeHtml) return value.value;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Renderable[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Marks trusted markup (sanitised Markdown, inline SVG written here) as Html. */
export function raw(markup: string): Html {
  return new SafeHtml(markup);
}
