import { html, type Html, type Renderable } from '../../html.ts';

// A status tag: a word or two in a coloured pill (Open, Draft, Core). The colour says the kind of
// status; the words say the status itself, so colour is never the only signal.

export type TagTone = 'neutral' | 'brand' | 'info' | 'success' | 'warning' | 'error' | 'purple';

export function tag(text: Renderable, tone: TagTone = 'brand'): Html {
  return html`<strong class="tag tag-${tone}">${text}</strong>`;
}
