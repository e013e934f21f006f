import { html, type Html, type Renderable } from '../../html.ts';

// A data table with a caption and column headings. On a phone it keeps its columns and scrolls
// sideways inside its own box (which keyboard users can focus and scroll), never the page.

export interface TableOptions {
  /** the table's scroll box has this id (an error summary can link to it) and its caption id-caption; unique on the page */
  id: string;
  caption: Renderable;
  /** hide the caption visually when a heading above says the same */
  captionHidden?: boolean;
  /** column headings; one given as { text, className } carries a class a page's CSS may hide on a phone */
  head: (Renderable | { text: Renderable; className: string })[];
  /** each row's cells; the first cell is the row's heading (th scope=row) when rowHeadings is set */
  rows?: Renderable[][];
  /** instead of rows: row groups the caller draws (<tbody> elements), for rows that come in groups
   * with a full-width row under each (a round's groups and their links) */
  bodies?: Renderable;
  rowHeadings?: boolean;
  /** numeric columns (by index) are aligned to the end */
  numeric?: number[];
  className?: string;
}

const isClassed = (h: TableOptions['head'][number]): h is { text: Renderable; className: string } =>
  typeof h === 'object' && h !== null && !Array.isArray(h) && 'className' in h;

export function table(o: TableOptions): Html {
  const num = (i: number) => (o.numeric?.includes(i) ? html` class="numeric"` : '');
  return html`<section class="table-scroll" id="${o.id}" tabindex="0" aria-labelledby="${o.id}-caption">
    <table class="${['table', o.className].filter(Boolean).join(' ')}">
      <caption id="${o.id}-caption"${o.captionHidden ? html` class="visually-hidden"` : ''}>${o.caption}</caption>
      <thead><tr>${o.head.map((h, i) => (isClassed(h) ? html`<th scope="col" class="${h.className}">${h.text}</th>` : html`<th scope="col"${num(i)}>${h}</th>`))}</tr></thead>
      ${
        o.bodies ??
        html`<tbody>
        ${(o.rows ?? []).map((r) => html`<tr>${r.map((c, i) => (i === 0 && o.rowHeadings ? html`<th scope="row">${c}</th>` : html`<td${num(i)}>${c}</td>`))}</tr>`)}
      </tbody>`
      }
    </table>
  </section>`;
}
