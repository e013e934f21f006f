import { direction, type Lang } from '../i18n/languages.ts';
import type { Text } from '../i18n/localise.ts';
import type { PageContext } from '../http/context.ts';
import { html, type Html } from './html.ts';
import { renderMarkdown } from './markdown.ts';

// Content shown in a language other than the page's (an untranslated field falling back to
// English) is wrapped with its own lang and dir, so screen readers pronounce it correctly.

function langAttrs(text: { lang: Lang }, ctx: PageContext): Html {
  if (text.lang === ctx.lang) return html``;
  const dir = direction(text.lang);
  return dir === ctx.dir ? html` lang="${text.lang}"` : html` lang="${text.lang}" dir="${dir}"`;
}

/** Inline text; a span with lang where it falls back to another language. */
export function txt(text: Text | null | undefined, ctx: PageContext): Html {
  if (!text) return html``;
  if (text.lang === ctx.lang) return html`${text.value}`;
  return html`<span${langAttrs(text, ctx)}>${text.value}</span>`;
}

/** lang (and dir, when its direction differs from the page's) for an element in another language. */
export function inLanguage(lang: Lang, ctx: PageContext): Html {
  return lang === ctx.lang ? html`` : langAttrs({ lang }, ctx);
}

/** The lang (and dir) attributes for an element whose whole content is this text. */
export function langOf(text: { lang: Lang } | null | undefined, ctx: PageContext): Html {
  return text ? langAttrs(text, ctx) : html``;
}

/** Markdown content in a div, marked with its language where it falls back. */
export function prose(text: Text | null | undefined, ctx: PageContext): Html {
  if (!text) return html``;
  return html`<div class="prose"${langAttrs(text, ctx)}>${renderMarkdown(text.value, direction(text.lang) === 'rtl')}</div>`;
}
