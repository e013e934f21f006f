import { html, type Html } from '../html.ts';
import { r2 } from './canvas.ts';
import { textDir, type Dir, type Label } from './labels.ts';

// Every drawn chart is a figure whose SVG is one image named by the caption, followed by the same
// numbers as a table in a <details>: the table is the accessible equivalent (screen readers, no
// colour, copying the figures), the drawing is for the eye. (The heat map is a table itself.) Charts never hold wording of their
// own: titles, labels and the words of their tables come from the caller.

export function checkId(id: string): void {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`chart id must be [a-z0-9-]: ${JSON.stringify(id)}`);
}

export function figure(id: string, title: string, width: number, height: number, drawing: Html[], table: Html): Html {
  return html`<figure class="chart">
<figcaption id="${id}-caption">${title}</figcaption>
<svg class="chart-svg" role="img" aria-labelledby="${id}-caption" viewBox="0 0 ${r2(width)} ${r2(height)}" width="100%"><title>${title}</title>${drawing}</svg>
${table}
</figure>`;
}

export function dataTable(title: string, tableLabel: string, head: Html[], body: Html[]): Html {
  return html`<details class="chart-data"><summary>${tableLabel}</summary>
<table>
<caption>${title}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body.map((row) => html`<tr>${row}</tr>\n`)}</tbody>
</table>
</details>`;
}

/** lang (and dir, when it differs from the page's) for a table cell holding a label. */
function cellLang(l: Label, dir: Dir): Html {
  if (l.lang === undefined) return html``;
  const d = textDir(l.lang, dir);
  return d === dir ? html` lang="${l.lang}"` : html` lang="${l.lang}" dir="${d}"`;
}

/** A column's header cell; `content` replaces the plain label when it needs markup around it. */
export const colHead = (l: Label, dir: Dir, content: Html | string = l.label): Html => html`<th scope="col"${cellLang(l, dir)}>${content}</th>`;
export const rowHead = (l: Label, dir: Dir): Html => html`<th scope="row"${cellLang(l, dir)}>${l.label}</th>`;
