import type { PageContext } from '../../../../http/context.ts';
import { html } from '../../../../ui/html.ts';
import { href } from '../../../../ui/layout.ts';
import { inLanguage } from '../../../../ui/text.ts';
import { LANGS, type KindSpec } from '../kinds.ts';
import type { TranslationStatus } from '../revisions.ts';
import { editorPage, translationBadge } from './editing.ts';
import { doneNotice } from '../../../../ui/components/notice/notice.ts';

// A kind's list: a search by English title, then each item with its state and its translations.

export interface ListEntry {
  slug: string;
  title: string;
  published: boolean;
  status: Record<string, TranslationStatus>;
}

export function listView(ctx: PageContext, spec: KindSpec, q: string, rows: ListEntry[], notice?: string): string {
  const { t } = ctx;
  const heading = t(spec.words.heading);
  const search = `${spec.path}-q`;
  const body = html`<h1>${heading}</h1>
    ${doneNotice(notice && t(notice))}
    ${spec.creatable ? html`<p><a class="button" href="${href(ctx, `/admin/${spec.path}/new`)}">${t(spec.words.new)}</a></p>` : ''}
    <form class="search-page" action="${href(ctx, `/admin/${spec.path}`)}" method="get" role="search">
      <label for="${search}">${t('admin.resources.search')}</label>
      <div class="input-row"><input id="${search}" name="q" type="search" value="${q}" dir="auto" maxlength="200"><button type="submit">${t('search.button')}</button></div>
    </form>
    ${rows.length
      ? html`<table class="members">
          <caption class="visually-hidden">${heading}</caption>
          <thead><tr><th scope="col">${t('admin.resource.title')}</th><th scope="col">${t('admin.resource.state')}</th><th scope="col">${t('admin.resource.translations')}</th></tr></thead>
          <tbody>${rows.map(
            (r) => html`<tr>
              <td><a href="${href(ctx, `/admin/${spec.path}/${r.slug}`)}"${inLanguage('en', ctx)}>${r.title}</a></td>
              <td>${t(r.published ? 'admin.resource.published' : 'admin.resource.draft')}</td>
              <td>${LANGS.map((l) => translationBadge(ctx, l, r.status[l] ?? 'missing'))}</td>
            </tr>`,
          )}</tbody>
        </table>`
      : html`<p>${t(q ? 'search.empty.heading' : 'admin.content.empty')}</p>`}`;
  return editorPage(ctx, spec, heading, body);
}
