import type { PageContext } from '../../../../http/context.ts';
import { nativeNames, type Lang } from '../../../../i18n/languages.ts';
import { postForm } from '../../../../ui/components/field/field.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { href } from '../../../../ui/layout.ts';
import { inLanguage } from '../../../../ui/text.ts';
import { adminPage } from '../../views/pages.ts';
import type { KindSpec } from '../kinds.ts';
import type { TranslationStatus } from '../revisions.ts';
import { button } from '../../../../ui/components/button/button.ts';

// The parts every page of the editor shows: the page with its kind in the breadcrumbs, a
// language's translation status, the item's state with its preview, revisions and publish button.

/** A page of the editor, under its kind's list in the breadcrumbs. */
export const editorPage = (ctx: PageContext, spec: KindSpec, title: string, body: Html, withErrors = false) =>
  adminPage(ctx, title, body, withErrors, { href: href(ctx, `/admin/${spec.path}`), label: ctx.t(spec.words.heading) });

/** "Français: outdated (the English changed since)". */
export const translationBadge = (ctx: PageContext, lang: Lang, s: TranslationStatus): Html =>
  html`<span class="status status-${s}"><span${inLanguage(lang, ctx)}>${nativeNames[lang]}</span>: ${ctx.t(`admin.translation.${s}`)}</span>`;

/** Whether the item is public, links to its preview and revisions, and the button that changes its state. `base` is its editing address. */
export function publishingControls(ctx: PageContext, o: { base: string; csrf: string; published: boolean; stateKey: { published: string; draft: string } }): Html {
  const { t } = ctx;
  return html`<p>${t(o.published ? o.stateKey.published : o.stateKey.draft)}
      <a href="${href(ctx, `${o.base}/preview`)}">${t('admin.resource.preview')}</a> ·
      <a href="${href(ctx, `${o.base}/revisions`)}">${t('admin.resource.revisions')}</a></p>
    ${postForm(href(ctx, `${o.base}/${o.published ? 'unpublish' : 'publish'}`), o.csrf, button({ text: t(o.published ? 'admin.resource.unpublish' : 'admin.resource.publish'), variant: o.published ? 'secondary' : 'primary' }))}`;
}
