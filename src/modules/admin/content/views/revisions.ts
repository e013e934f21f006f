import type { PageContext } from '../../../../http/context.ts';
import { postForm } from '../../../../ui/components/field/field.ts';
import { html } from '../../../../ui/html.ts';
import { href } from '../../../../ui/layout.ts';
import type { KindSpec } from '../kinds.ts';
import type { FieldChange } from '../revisions.ts';
import { editorPage } from './editing.ts';
import { button } from '../../../../ui/components/button/button.ts';
import { card } from '../../../../ui/components/card/card.ts';

// An item's revisions, newest first, each with what it changed word by word and (but the newest,
// which is the item as it is) a button that restores it.

export interface RevisionEntry {
  id: number;
  at: string;
  /** '' once the person's account is deleted */
  actor: string;
  note: string;
  changes: FieldChange[];
}

export function revisionsView(ctx: PageContext, spec: KindSpec, o: { csrf: string; slug: string; title: string; revisions: RevisionEntry[] }): string {
  const { t } = ctx;
  const base = `/admin/${spec.path}/${o.slug}`;
  const heading = t('admin.revisions.heading', { title: o.title });
  return editorPage(ctx, spec, heading, html`<h1>${heading}</h1>
    <p><a href="${href(ctx, base)}">${t(spec.words.revisionsBack)}</a></p>
    ${revisionList(ctx, base, o.csrf, o.revisions)}`);
}

function revisionList(ctx: PageContext, base: string, csrf: string, revisions: RevisionEntry[]) {
  const { t } = ctx;
  if (!revisions.length) return html`<p>${t('admin.content.noRevisions')}</p>`;
  const when = new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return html`<ol class="revisions" reversed>
    ${revisions.map(
      (r, i) => html`<li>
        ${card({
          heading: t(`admin.revisions.note.${r.note}`, { who: r.actor || t('admin.formerMember'), when: `${when.format(new Date(r.at))} UTC` }),
          body: r.changes.length
            ? html`<dl class="facts">${r.changes.map(
                (c) => html`<div><dt>${c.field}</dt><dd class="diff">${c.parts.map((p) => (p.added ? html`<ins>${p.value}</ins>` : p.removed ? html`<del>${p.value}</del>` : p.value))}</dd></div>`,
              )}</dl>`
            : html`<p>${t('admin.revisions.noChange')}</p>`,
          actions: i > 0 ? postForm(href(ctx, `${base}/revisions/${r.id}/restore`), csrf, button({ text: t('admin.revisions.restore'), variant: 'secondary' })) : undefined,
        })}
      </li>`,
    )}
  </ol>`;
}
