import { html, type Html, type Renderable } from '../../html.ts';

// A disclosure: details and summary, so it opens and closes without a script. For optional help
// ("What counts as evidence?") and for long parts a person opens one at a time.

export interface DisclosureOptions {
  summary: Renderable;
  body: Renderable;
  open?: boolean;
  id?: string;
  className?: string;
  /** attributes a script reads (data-*) */
  data?: Record<string, string>;
}

export function disclosure(o: DisclosureOptions): Html {
  return html`<details class="${['disclosure', o.className].filter(Boolean).join(' ')}"${o.id ? html` id="${o.id}"` : ''}${o.open ? html` open` : ''}${Object.entries(
    o.data ?? {},
  ).map(([k, v]) => html` data-${k}="${v}"`)}>
    <summary>${o.summary}</summary>
    <div class="disclosure-body">${o.body}</div>
  </details>`;
}
