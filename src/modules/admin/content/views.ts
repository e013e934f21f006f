import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import type { Text } from '../../../i18n/localise.ts';
import { choices, errorSummary, field, postForm, select, textarea } from '../../../ui/forms.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, nativeNames } from '../../../ui/layout.ts';
import { txt } from '../../../ui/text.ts';
import { countries } from '../../centres/lists.ts';
import type { Package } from '../../knowledge/service.ts';
import type { TranslationStatus } from '../resources/service.ts';
import { publishingControls, revisionList, translationBadge, type RevisionEntry } from '../views/editing.ts';
import { adminPage } from '../views/pages.ts';
import { LANGS, type FormValues, type KindSpec, type TextField } from './kinds.ts';

// The back office's pages for packages, stations, case studies, spotlight items and pages: the
// list with each item's state and translations, the form with the three languages side by side,
// and the revisions with what each one changed.

const section = (ctx: PageContext, spec: KindSpec) => ({ href: href(ctx, `/admin/${spec.path}`), label: ctx.t(`admin.content.kind.${spec.kind}`) });
const page = (ctx: PageContext, spec: KindSpec, title: string, body: Html, withErrors = false) => adminPage(ctx, title, body, withErrors, section(ctx, spec));

export function contentListView(
  ctx: PageContext,
  spec: KindSpec,
  rows: { slug: string; title: string; published: boolean; status: Record<string, TranslationStatus> }[],
  notice?: string,
): string {
  const { t } = ctx;
  const heading = t(`admin.content.kind.${spec.kind}`);
  const body = html`<h1>${heading}</h1>
    ${notice ? html`<p class="notice" role="status">${t(notice)}</p>` : ''}
    ${spec.creatable ? html`<p><a class="button" href="${href(ctx, `/admin/${spec.path}/new`)}">${t(`admin.content.new.${spec.kind}`)}</a></p>` : ''}
    ${rows.length
      ? html`<table class="members">
          <caption class="visually-hidden">${heading}</caption>
          <thead><tr><th scope="col">${t('admin.resource.title')}</th><th scope="col">${t('admin.resource.state')}</th><th scope="col">${t('admin.resource.translations')}</th></tr></thead>
          <tbody>${rows.map(
            (r) => html`<tr>
              <td><a href="${href(ctx, `/admin/${spec.path}/${r.slug}`)}" lang="en">${r.title}</a></td>
              <td>${t(r.published ? 'admin.resource.published' : 'admin.resource.draft')}</td>
              <td>${LANGS.map((l) => translationBadge(ctx, l, r.status[l] ?? 'missing'))}</td>
            </tr>`,
          )}</tbody>
        </table>`
      : html`<p>${t('admin.content.empty')}</p>`}`;
  return page(ctx, spec, heading, body);
}

export interface FormLabels {
  packages: Package[];
  sectors: Map<string, Text>;
}

export interface ContentFormOptions {
  csrf: string;
  /** null for a new item */
  slug: string | null;
  values: FormValues;
  labels: FormLabels;
  errors?: FieldError[];
  published?: boolean;
  status?: Record<string, TranslationStatus>;
  notice?: string;
  /** embedded below the form (e.g. a case study's attachments) */
  extra?: Html;
}

const str = (values: FormValues, k: string) => (typeof values[k] === 'string' ? values[k] : '');
const arr = (values: FormValues, k: string) => {
  const v = values[k];
  return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
};

function textControl(ctx: PageContext, spec: KindSpec, f: TextField, lang: string, values: FormValues, errors: FieldError[]): Html {
  const name = `${f.name}_${lang}`;
  const fieldName = ctx.t(f.name === 'body' ? `admin.content.body.${spec.kind}` : `admin.content.field.${f.name}`);
  const label = ctx.t('admin.content.in', { field: fieldName, lang: nativeNames[lang] ?? lang });
  const hintKey = lang !== 'en' ? undefined : f.control === 'lines' ? 'admin.content.hint.lines' : f.control === 'groups' ? 'admin.content.hint.groups' : f.control === 'markdown' ? 'admin.resource.markdownHint' : undefined;
  const hint = hintKey ? { hint: ctx.t(hintKey) } : {};
  if (f.control === 'text') return field(ctx, { name, label, value: str(values, name), maxlength: f.max, errors, ...hint });
  return textarea(ctx, { name, label, value: str(values, name), maxlength: f.max, errors, ...hint });
}

/** The kind's own fields: what places the item (package, position) and what is not translated. */
function sharedFields(ctx: PageContext, spec: KindSpec, o: ContentFormOptions, errors: FieldError[]): Html {
  const { t } = ctx;
  const v = o.values;
  const packageOptions = o.labels.packages.map((p) => ({ value: String(p.number), label: `${t('package.label', { number: p.number })}: ${p.title.value}` }));
  switch (spec.kind) {
    case 'package':
      return html`${o.slug === null
          ? field(ctx, { name: 'number', label: t('admin.content.field.number'), value: str(v, 'number'), maxlength: 2, hint: t('admin.content.hint.number'), errors })
          : html`<p>${t('package.label', { number: str(v, 'number') })}</p>`}
        ${select(ctx, { name: 'level', label: t('admin.content.field.level'), value: str(v, 'level'), placeholder: t('form.choose'), options: ['beginner', 'advanced'].map((l) => ({ value: l, label: t(`package.level.${l}`) })), errors })}`;
    case 'station':
      return o.slug === null
        ? select(ctx, { name: 'package', label: t('admin.content.field.package'), value: str(v, 'package'), placeholder: t('form.choose'), options: packageOptions, errors })
        : html`<p>${t('station.ofPackage', { package: str(v, 'package'), station: str(v, 'position') })}</p>`;
    case 'case-study': {
      const collator = new Intl.Collator(ctx.lang);
      return html`${select(ctx, { name: 'package', label: t('admin.content.field.package'), value: str(v, 'package'), placeholder: t('form.choose'), options: packageOptions, errors })}
        ${select(ctx, { name: 'country', label: t('library.facet.country'), value: str(v, 'country'), placeholder: t('form.choose'), options: countries.map((c) => ({ value: c, label: ctx.format.country(c) })).sort((a, b) => collator.compare(a.label, b.label)), errors })}
        ${select(ctx, { name: 'sector', label: t('library.facet.sector'), value: str(v, 'sector'), placeholder: t('admin.content.none'), options: [...o.labels.sectors].map(([value, label]) => ({ value, label: label.value })), errors })}
        ${field(ctx, { name: 'link', label: t('admin.resource.link'), value: str(v, 'link'), maxlength: 500, hint: t('admin.resource.linkHint'), errors })}
        ${field(ctx, { name: 'year', label: t('resource.year'), value: str(v, 'year'), maxlength: 4, errors })}`;
    }
    case 'spotlight':
      return html`${field(ctx, { name: 'position', label: t('admin.content.field.position'), value: str(v, 'position'), maxlength: 3, hint: t('admin.content.hint.position'), errors })}
        ${field(ctx, { name: 'link', label: t('admin.resource.link'), value: str(v, 'link'), maxlength: 500, hint: t('admin.resource.linkHint'), errors })}`;
    case 'page':
      return html``;
  }
}

/** A package's checklist: one fieldset per point, plus an empty one to add a point. */
function checklist(ctx: PageContext, o: ContentFormOptions, errors: FieldError[]): Html {
  const { t } = ctx;
  const v = o.values;
  const count = Math.min(Number(str(v, 'checklist_count')) || 0, 50);
  const pkg = o.labels.packages.find((p) => String(p.number) === str(v, 'number'));
  const stations = (pkg?.stations ?? []).map((s) => ({ value: String(s.position), label: html`${t('station.label', { number: s.position })}: ${txt(s.title, ctx)}` }));
  const point = (i: number) => {
    const isNew = i === count;
    return html`<fieldset class="checklist-point">
      <legend>${isNew ? t('admin.content.checklist.add') : t('admin.content.checklist.point', { number: i + 1 })}</legend>
      ${field(ctx, { name: `checklist_${i}_id`, label: t('admin.content.checklist.id'), value: str(v, `checklist_${i}_id`), maxlength: 60, hint: t('admin.content.checklist.idHint'), errors })}
      ${field(ctx, { name: `checklist_${i}_order`, label: t('admin.content.checklist.order'), value: str(v, `checklist_${i}_order`) || String(i + 1), maxlength: 2, errors })}
      ${stations.length
        ? choices(ctx, { kind: 'checkbox', name: `checklist_${i}_stations`, legend: t('admin.content.checklist.stations'), values: arr(v, `checklist_${i}_stations`), options: stations, errors })
        : html`<p class="hint">${t('admin.content.checklist.noStations')}</p>`}
      <div class="columns-3">
        ${LANGS.map(
          (l) => html`<div class="lang-column" lang="${l}" dir="${l === 'ar' ? 'rtl' : 'ltr'}">
            ${field(ctx, { name: `checklist_${i}_text_${l}`, label: t('admin.content.in', { field: t('admin.content.checklist.text'), lang: nativeNames[l] ?? l }), value: str(v, `checklist_${i}_text_${l}`), maxlength: 300, errors })}
            ${textarea(ctx, { name: `checklist_${i}_why_${l}`, label: t('admin.content.in', { field: t('admin.content.checklist.why'), lang: nativeNames[l] ?? l }), value: str(v, `checklist_${i}_why_${l}`), maxlength: 1000, errors })}
          </div>`,
        )}
      </div>
      ${isNew ? '' : choices(ctx, { kind: 'checkbox', name: `checklist_${i}_remove`, legend: t('admin.content.checklist.removeLegend'), values: arr(v, `checklist_${i}_remove`), options: [{ value: 'yes', label: t('admin.content.checklist.remove') }], errors })}
    </fieldset>`;
  };
  return html`<fieldset class="checklist">
    <legend>${t('admin.content.checklist.heading')}</legend>
    <p class="hint">${t('admin.content.checklist.hint')}</p>
    <input type="hidden" name="checklist_count" value="${String(count)}">
    ${Array.from({ length: count + 1 }, (_, i) => point(i))}
  </fieldset>`;
}

export function contentFormView(ctx: PageContext, spec: KindSpec, o: ContentFormOptions): string {
  const { t } = ctx;
  const errors = o.errors ?? [];
  const base = o.slug === null ? `/admin/${spec.path}` : `/admin/${spec.path}/${o.slug}`;
  const title = o.slug === null ? t(`admin.content.new.${spec.kind}`) : str(o.values, 'title_en') || o.slug;
  const formError = errors.find((e) => e.field === 'form');
  const body = html`<h1${o.slug === null ? '' : html` lang="en"`}>${title}</h1>
    ${o.notice ? html`<p class="notice" role="status">${t(o.notice)}</p>` : ''}
    ${errorSummary(ctx, errors)}
    ${formError ? html`<p class="error-message" id="field-form">${t(formError.key, formError.values)}</p>` : ''}
    ${o.slug !== null
      ? publishingControls(ctx, { base, csrf: o.csrf, published: o.published ?? false, stateKey: { published: 'admin.content.isPublished', draft: 'admin.content.isDraft' } })
      : html`<p>${t('admin.content.startsDraft')}</p>`}
    ${postForm(
      href(ctx, base),
      o.csrf,
      html`<fieldset class="translations">
          <legend>${t('admin.content.texts')}</legend>
          <div class="columns-3">
            ${LANGS.map(
              (l) => html`<div class="lang-column" lang="${l}" dir="${l === 'ar' ? 'rtl' : 'ltr'}">
                <h2 class="lang-heading">${nativeNames[l]}</h2>
                ${o.status ? html`<p>${translationBadge(ctx, l, o.status[l] ?? 'missing')}</p>` : ''}
                ${spec.texts.map((f) => textControl(ctx, spec, f, l, o.values, errors))}
              </div>`,
            )}
          </div>
        </fieldset>
        ${sharedFields(ctx, spec, o, errors)}
        ${spec.kind === 'package' ? checklist(ctx, o, errors) : ''}
        <button type="submit">${t(o.slug === null ? 'admin.resource.create' : 'admin.resource.save')}</button>`,
    )}
    ${o.extra ?? ''}
    ${o.slug !== null && spec.creatable ? postForm(href(ctx, `${base}/delete`), o.csrf, html`<button type="submit" class="danger">${t('admin.resource.delete')}</button>`) : ''}`;
  return page(ctx, spec, title, body, errors.length > 0);
}

export function contentRevisionsView(
  ctx: PageContext,
  spec: KindSpec,
  csrf: string,
  slug: string,
  title: string,
  revisions: RevisionEntry[],
): string {
  const { t } = ctx;
  const base = `/admin/${spec.path}/${slug}`;
  const body = html`<h1>${t('admin.revisions.heading', { title })}</h1>
    <p><a href="${href(ctx, base)}">${t('admin.content.revisionsBack')}</a></p>
    ${revisionList(ctx, { base, csrf, revisions })}`;
  return page(ctx, spec, t('admin.revisions.heading', { title }), body);
}
