import type { PageContext } from '../../../http/context.ts';
import { postForm } from '../../../ui/forms.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, nativeNames } from '../../../ui/layout.ts';
import type { FieldChange, TranslationStatus } from '../resources/service.ts';

// The parts both content editors (resources, and every other kind) show: a language's translation
// status, the item's state with its preview, revisions and publish button, and the revisions list.

/** "Français: outdated (the English changed since)". */
export const translationBadge = (ctx: PageContext, lang: string, s: TranslationStatus): Html =>
  html`<span class="status status-${s}"><span lang="${lang}">${nativeNames[lang]}</span>: ${ctx.t(`admin.translation.${s}`)}</span>`;

/** Whether the item is public, links to its preview and revisions, and the button that changes its state. `base` is its editing address. */
export function publishingControls(ctx: PageContext, o: { base: string; csrf: string; published: boolean; stateKey: { published: string; draft: string } }): Html {
  const { t } = ctx;
  return html`<p>${t(o.published ? o.stateKey.published : o.stateKey.draft)}
      <a href="${href(ctx, `${o.base}/preview`)}">${t('admin.resource.preview')}</a> ·
      <a href="${href(ctx, `${o.base}/revisions`)}">${t('admin.resource.revisions')}</a></p>
    ${postForm(href(ctx, `${o.base}/${o.published ? 'unpublish' : 'publish'}`), o.csrf, html`<button type="submit"${o.published ? html` class="secondary"` : ''}>${t(o.published ? 'admin.resource.unpublish' : 'admin.resource.publish')}</button>`)}`;
}

export interface RevisionEntry {
  id: number;
  at: string;
  /** '' once the person's account is deleted */
  actor: string;
  note: string;
  changes: FieldChange[];
}

/** Revisions, newest first, each with its changes word by word and (but the newest) a restore button. */
export function revisionList(ctx: PageContext, o: { base: string; csrf: string; revisions: RevisionEntry[] }): Html {
  const { t } = ctx;
  if (!o.revisions.length) return html`<p>${t('admin.content.noRevisions')}</p>`;
  const when = new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return html`<ol class="revisions" reversed>
    ${o.revisions.map(
      (r, i) => html`<li class="card">
        <h2 class="result-title">${t(`admin.revisions.note.${r.note}`, { who: r.actor || t('admin.formerMember'), when: `${when.format(new Date(r.at))} UTC` })}</h2>
        ${r.changes.length
          ? html`<dl class="facts">${r.changes.map(
              (c) => html`<div><dt>${c.field}</dt><dd class="diff">${c.parts.map((p) => (p.added ? html`<ins>${p.value}</ins>` : p.removed ? html`<del>${p.value}</del>` : p.value))}</dd></div>`,
            )}</dl>`
          : html`<p>${t('admin.revisions.noChange')}</p>`}
        ${i > 0 ? postForm(href(ctx, `${o.base}/revisions/${r.id}/restore`), o.csrf, html`<button type="submit" class="secondary">${t('admin.revisions.restore')}</button>`) : ''}
      </li>`,
    )}
  </ol>`;
}
