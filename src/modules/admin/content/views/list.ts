import type { PageContext } from '../../../../http/context.ts';
import { html } from '../../../../ui/html.ts';
import { href } from '../../../../ui/layout.ts';
import { inLanguage } from '../../../../ui/text.ts';
import { LANGS, type KindSpec } from '../kinds.ts';
import type { TranslationStatus } from '../revisions.ts';
import { editorPage, translationBadge } from './editing.ts';
import { doneNotice } from '../../../../ui/components/notice/notice.ts';
import { linkButton } from '../../../../ui/components/button/button.ts';
import { searchField } from '../../../../ui/components/field/field.ts';
import { table } from '../../../../ui/components/table/table.ts';
import { tag } from '../../../../ui/components/tag/tag.ts';

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
    ${spec.creatable ? html`<p>${linkButton({ href: href(ctx, `/admin/${spec.path}/new`), text: t(spec.words.new) })}</p>` : ''}
    <form class="search-page" action="${href(ctx, `/admin/${spec.path}`)}" method="get" role="search">
      ${searchField({ id: search, label: t('admin.resources.search'), value: q, button: t('search.button') })}
    </form>
    ${rows.length
      ? table({
          id: `${spec.path}-list`,
          caption: heading,
          captionHidden: true,
          head: [t('admin.resource.title'), t('admin.resource.state'), t('admin.resource.translations')],
          rowHeadings: true,
          rows: rows.map((r) => [
            html`<a href="${href(ctx, `/admin/${spec.path}/${r.slug}`)}"${inLanguage('en', ctx)}><bdi>${r.title}</bdi></a>`,
            r.published ? tag(t('admin.resource.published'), 'success') : tag(t('admin.resource.draft'), 'neutral'),
            LANGS.map((l) => translationBadge(ctx, l, r.status[l] ?? 'missing')),
          ]),
        })
      : html`<p>${t(q ? 'search.empty.heading' : 'admin.content.empty')}</p>`}`;
  return editorPage(ctx, spec, heading, body);
}
