import assert from 'node:assert/strict';
import { HtmlValidate } from 'html-validate';
import type { Html } from '../html.ts';
import { siteStylesheet } from '../styles/stylesheet.ts';

// Reading the charts' markup back, for their tests: enough of a parser for the markup these
// functions write, WCAG 2.1 contrast computed independently of colours.ts, the chart rules of
// site.css, and html-validate with the rule against inline styles on.

/** The opening tags of an element, each as its attributes. */
export function tags(markup: string, name: string): Record<string, string>[] {
  return [...markup.matchAll(new RegExp(`<${name}(\\s[^>]*)?/?>`, 'g'))].map((m) =>
    Object.fromEntries([...(m[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])),
  );
}
export const svgOf = (markup: string) => /<svg[\s\S]*<\/svg>/.exec(markup)![0];
export const tableOf = (markup: string) => /<table[\s>][\s\S]*<\/table>/.exec(markup)![0];
const viewBox = (markup: string) => tags(markup, 'svg')[0]!.viewBox!.split(' ').map(Number);
export const viewBoxWidth = (markup: string) => viewBox(markup)[2]!;
export const viewBoxHeight = (markup: string) => viewBox(markup)[3]!;

/** Body rows of the table, each as its cells' tag name, attributes and content. */
export function tableRows(markup: string): { cells: { tag: string; attrs: string; text: string }[] }[] {
  const tbody = /<tbody>([\s\S]*)<\/tbody>/.exec(tableOf(markup))![1]!;
  return [...tbody.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) => ({
    cells: [...tr[1]!.matchAll(/<(th|td)([^>]*)>([\s\S]*?)<\/\1>/g)].map((c) => ({ tag: c[1]!, attrs: c[2]!, text: c[3]! })),
  }));
}

/** Every <text> with its attributes, its tooltip and the lines it draws (its tspans, or its own text). */
export function texts(
  markup: string,
): { attrs: Record<string, string>; title: string | undefined; lines: { attrs: Record<string, string>; text: string }[] }[] {
  return [...svgOf(markup).matchAll(/<text(\s[^>]*)>([\s\S]*?)<\/text>/g)].map((m) => {
    const attrs = tags(`<text${m[1]!}>`, 'text')[0]!;
    const title = /<title>([\s\S]*?)<\/title>/.exec(m[2]!)?.[1];
    const body = m[2]!.replace(/<title>[\s\S]*?<\/title>/, '');
    const spans = [...body.matchAll(/<tspan(\s[^>]*)?>([^<]*)<\/tspan>/g)].map((s) => ({ attrs: tags(`<tspan${s[1] ?? ''}>`, 'tspan')[0]!, text: s[2]! }));
    return { attrs, title, lines: spans.length ? spans : [{ attrs: {}, text: body }] };
  });
}

// --- WCAG 2.1 contrast ---

export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}
export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Every fill with text drawn over it: a <g class="segment"> holds the rect and then its text. */
export function textOnFillPairs(markup: string): { fill: string; text: string }[] {
  return [...markup.matchAll(/<g class="segment"><rect [^>]*fill="(#[0-9a-f]{6})"[^>]*\/><text [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => ({
    fill: m[1]!,
    text: m[2]!,
  }));
}
/** Text drawn straight on the white background (everything outside segments). */
export function textOnWhite(markup: string): string[] {
  const outside = svgOf(markup).replace(/<g class="segment">[\s\S]*?<\/g>/g, '');
  return tags(outside, 'text').map((t) => t.fill!);
}

// --- the site's stylesheet ---

// Quotes are compared as one kind, so the formatter's choice of quote does not matter.
const sameQuotes = (s: string) => s.replace(/"/g, "'");
const css = sameQuotes(siteStylesheet());
/** The declarations of the rule whose selector is exactly `selector`, as property → value. */
export function cssRule(selector: string): Record<string, string> {
  const escaped = sameQuotes(selector).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?:^|[}\\n])\\s*${escaped}\\s*\\{([^}]*)\\}`).exec(css);
  assert.ok(m, `site.css has a rule for ${selector}`);
  return Object.fromEntries(
    m[1]!
      .split(';')
      .map((d) => d.split(':').map((x) => x.trim()))
      .filter((d) => d.length === 2 && d[0]) as [string, string][],
  );
}
export const rootFontSize = 16;

// --- html-validate ---

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'no-inline-style': 'error',
    // The page wrapper below writes the lowercase doctype, as the site's layout does (the browser suite sets the same).
    'doctype-style': ['error', { style: 'lowercase' }],
  },
});
export async function assertValid(chart: Html, what: string): Promise<void> {
  const report = await validator.validateString(`<!doctype html><html lang="en"><head><title>x</title></head><body><main>${chart.value}</main></body></html>`);
  const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
  assert.ok(report.valid, `html-validate on ${what}:\n${messages.join('\n')}`);
}
