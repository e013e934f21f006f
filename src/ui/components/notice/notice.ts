import { html, type Html, type Renderable } from '../../html.ts';

// A notice: a framed message above or inside a page. "success" confirms a change just made and is
// announced politely (role=status); "error" needs attention now (role=alert); "info" and
// "warning" are part of the page and are not announced. The caller gives the words.

export type NoticeTone = 'info' | 'success' | 'warning' | 'error';

export interface NoticeOptions {
  tone?: NoticeTone;
  /** a short heading inside the notice */
  heading?: Renderable;
  headingLevel?: 2 | 3;
  /** announce it to screen readers when the page loads (defaults: success and error do) */
  live?: boolean;
  className?: string;
}

export function notice(body: Renderable, o: NoticeOptions = {}): Html {
  const tone = o.tone ?? 'info';
  const live = o.live ?? (tone === 'success' || tone === 'error');
  const role = live ? (tone === 'error' ? 'alert' : 'status') : '';
  const content = typeof body === 'string' ? html`<p>${body}</p>` : body;
  const heading = o.heading ? (o.headingLevel === 3 ? html`<h3 class="notice-title">${o.heading}</h3>` : html`<h2 class="notice-title">${o.heading}</h2>`) : '';
  return html`<div class="${['notice', `notice-${tone}`, o.className].filter(Boolean).join(' ')}"${role ? html` role="${role}"` : ''}>${heading}${content}</div>`;
}

/** The notice after a change ("Saved."), from the message key the page got in ?done=, or nothing. */
export function doneNotice(text: string | undefined): Html {
  return text ? notice(text, { tone: 'success' }) : html``;
}
