import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { errorSummary, field, postForm, textarea } from '../../../../ui/components/field/field.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { direction, nativeNames, type Lang } from '../../../../i18n/languages.ts';
import { href } from '../../../../ui/layout.ts';
import { inLanguage } from '../../../../ui/text.ts';
import { attachmentsLater } from '../../../files/views.ts';
import { LANGS, type FormValues, type KindSpec, type TextField } from '../kinds.ts';
import type { TranslationStatus } from '../revisions.ts';
import { editorPage, publishingControls, translationBadge } from './editing.ts';
import { checklist, sharedFields, str, type FormLabels } from './fields.ts';
import { notice } from '../../../../ui/components/notice/notice.ts';
import { button } from '../../../../ui/components/button/button.ts';

// The form for any kind of content: its state with preview, revisions and publishing, the three
// languages side by side with their status, the kind's own fields, its files, and delete.

export interface FormOptions {
  csrf: string;
  /** null for a new item */
  slug: string | null;
  values: FormValues;
  labels: FormLabels;
  errors?: FieldError[];
  published?: boolean;
  status?: Record<string, TranslationStatus>;
  notice?: string;
  /** the files section (files module) of an item that has files */
  files?: Html;
}

function textControl(ctx: PageContext, spec: KindSpec, f: TextField, lang: Lang, values: FormValues, errors: FieldError[]): Html {
  const name = `${f.name}_${lang}`;
  const fieldName = ctx.t(f.body ? `admin.content.body.${spec.kind}` : `admin.content.field.${f.name}`);
  const label = ctx.t('admin.content.in', { field: fieldName, lang: nativeNames[lang] });
  const hintKey = lang !== 'en' ? undefined : f.control === 'lines' ? 'admin.content.hint.lines' : f.control === 'groups' ? 'admin.content.hint.groups' : f.control === 'markdown' ? 'admin.resource.markdownHint' : undefined;
  const hint = hintKey ? { hint: ctx.t(hintKey) } : {};
  if (f.control === 'text') return field(ctx, { name, label, value: str(values, name), maxlength: f.max, errors, ...hint });
  return textarea(ctx, { name, label, value: str(values, name), maxlength: f.max, errors, ...hint });
}

export function formView(ctx: PageContext, spec: KindSpec, o: FormOptions): string {
  const { t } = ctx;
  const errors = o.errors ?? [];
  const base = o.slug === null ? `/admin/${spec.path}` : `/admin/${spec.path}/${o.slug}`;
  const title = o.slug === null ? t(spec.words.new) : str(o.values, 'title_en') || o.slug;
  const formError = errors.find((e) => e.field === 'form');
  const body = html`<h1${o.slug === null ? '' : inLanguage('en', ctx)}>${title}</h1>
    ${o.notice ? notice(t(o.notice), { tone: 'success' }) : ''}
    ${errorSummary(ctx, errors)}
    ${formError ? html`<p class="error-message" id="field-form">${t(formError.key, formError.values)}</p>` : ''}
    ${o.slug !== null
      ? publishingControls(ctx, { base, csrf: o.csrf, published: o.published ?? false, stateKey: { published: spec.words.isPublished, draft: spec.words.isDraft } })
      : html`<p>${t(spec.words.startsDraft)}</p>`}
    ${postForm(
      href(ctx, base),
      o.csrf,
      html`<fieldset class="translations">
          <legend>${t(spec.words.texts)}</legend>
          <div class="columns-3">
            ${LANGS.map(
              (l) => html`<div class="lang-column" lang="${l}" dir="${direction(l)}">
                <h2 class="lang-heading">${nativeNames[l]}</h2>
                ${o.status ? html`<p>${translationBadge(ctx, l, o.status[l] ?? 'missing')}</p>` : ''}
                ${spec.texts.map((f) => textControl(ctx, spec, f, l, o.values, errors))}
              </div>`,
            )}
          </div>
        </fieldset>
        ${sharedFields(ctx, spec, o, errors)}
        ${spec.kind === 'package' ? checklist(ctx, o, errors) : ''}
        ${button({ text: t(o.slug === null ? 'admin.resource.create' : 'admin.resource.save') })}`,
    )}
    ${spec.attachments ? (o.slug === null ? attachmentsLater(ctx) : (o.files ?? '')) : ''}
    ${o.slug !== null && spec.creatable ? postForm(href(ctx, `${base}/delete`), o.csrf, button({ text: t('admin.resource.delete'), variant: 'warning' })) : ''}`;
  return editorPage(ctx, spec, title, body, errors.length > 0);
}
