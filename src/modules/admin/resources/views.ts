import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import type { Text } from '../../../i18n/localise.ts';
import { choices, errorSummary, field, postForm, select, textarea } from '../../../ui/forms.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, nativeNames } from '../../../ui/layout.ts';
import { adminPage } from '../views/pages.ts';
import { txt } from '../../../ui/text.ts';
import { countries, languageCodes } from '../../centres/lists.ts';
import type { Package } from '../../knowledge/service.ts';
import { attachmentsLater } from '../../files/views.ts';
import type { ResourceSnapshot } from './repository.ts';
import type { TranslationStatus } from './service.ts';
import { publishingControls, revisionList, translationBadge, type RevisionEntry } from '../views/editing.ts';

// The back office's resource pages: the list, the editing form with the three languages side by
// side and their status, and the revisions with what each one changed.

const LANGS = ['en', 'fr', 'ar'] as const;

const page = (ctx: PageContext, title: string, body: Html, withErrors = false) =>
  adminPage(ctx, title, body, withErrors, { href: href(ctx, '/admin/resources'), label: ctx.t('admin.resources.heading') });

export function resourceListView(
  ctx: PageContext,
  q: string,
  rows: { id: number; title: string | null; published: number; updated_at: string; status: Record<string, TranslationStatus> }[],
  notice?: string,
): string {
  const { t } = ctx;
  const body = html`<h1>${t('admin.resources.heading')}</h1>
    ${notice ? html`<p class="notice" role="status">${t(notice)}</p>` : ''}
    <p><a class="button" href="${href(ctx, '/admin/resources/new')}">${t('admin.resources.new')}</a></p>
    <form class="search-page" action="${href(ctx, '/admin/resources')}" method="get" role="search">
      <label for="resources-q">${t('admin.resources.search')}</label>
      <div class="input-row"><input id="resources-q" name="q" type="search" value="${q}" maxlength="200"><button type="submit">${t('search.button')}</button></div>
    </form>
    <table class="members">
      <caption class="visually-hidden">${t('admin.resources.heading')}</caption>
      <thead><tr><th scope="col">${t('admin.resource.title')}</th><th scope="col">${t('admin.resource.state')}</th><th scope="col">${t('admin.resource.translations')}</th></tr></thead>
      <tbody>${rows.map(
        (r) => html`<tr>
          <td><a href="${href(ctx, `/admin/resources/${r.id}`)}" lang="en">${r.title ?? ''}</a></td>
          <td>${t(r.published ? 'admin.resource.published' : 'admin.resource.draft')}</td>
          <td>${LANGS.map((l) => translationBadge(ctx, l, r.status[l] ?? 'missing'))}</td>
        </tr>`,
      )}</tbody>
    </table>`;
  return page(ctx, t('admin.resources.heading'), body);
}

export interface EditorLabels {
  types: Map<string, Text>;
  themes: Map<string, Text>;
  sectors: Map<string, Text>;
  packages: Package[];
}

export type FormValues = Record<string, string | string[]>;

export function valuesOf(s: ResourceSnapshot): FormValues {
  const v: FormValues = {
    type: s.type,
    source: s.source,
    link: s.link ?? '',
    year: s.year === null ? '' : String(s.year),
    themes: s.themes,
    sectors: s.sectors,
    countries: s.countries,
    languages: s.languages,
    stations: s.stations,
  };
  for (const tr of s.translations) {
    v[`title_${tr.lang}`] = tr.title ?? '';
    v[`description_${tr.lang}`] = tr.description ?? '';
  }
  return v;
}

export function resourceFormView(
  ctx: PageContext,
  o: {
    csrf: string;
    id: number | null;
    values: FormValues;
    labels: EditorLabels;
    errors?: FieldError[];
    published?: boolean;
    status?: Record<string, TranslationStatus>;
    notice?: string;
    /** the files section (files module) and its form's errors, for a resource that exists */
    files?: { section: Html; errors: FieldError[] };
  },
): string {
  const { t } = ctx;
  const errors = o.errors ?? [];
  const allErrors = [...errors, ...(o.files?.errors ?? [])];
  const str = (k: string) => (typeof o.values[k] === 'string' ? (o.values[k]) : '');
  const arr = (k: string) => (Array.isArray(o.values[k]) ? (o.values[k]) : typeof o.values[k] === 'string' && o.values[k] ? [o.values[k]] : []);
  const collator = new Intl.Collator(ctx.lang);
  const vocab = (m: Map<string, Text>) => [...m].map(([value, label]) => ({ value, label: txt(label, ctx) }));
  const title = o.id === null ? t('admin.resources.new') : str('title_en') || t('admin.resources.edit');
  const action = o.id === null ? '/admin/resources' : `/admin/resources/${o.id}`;
  const body = html`<h1${o.id === null ? '' : html` lang="en"`}>${title}</h1>
    ${o.notice ? html`<p class="notice" role="status">${t(o.notice)}</p>` : ''}
    ${errorSummary(ctx, allErrors)}
    ${o.id !== null
      ? publishingControls(ctx, { base: `/admin/resources/${o.id}`, csrf: o.csrf, published: o.published ?? false, stateKey: { published: 'admin.resource.isPublished', draft: 'admin.resource.isDraft' } })
      : html`<p>${t('admin.resource.startsDraft')}</p>`}
    ${postForm(
      href(ctx, action),
      o.csrf,
      html`<fieldset class="translations">
          <legend>${t('admin.resource.texts')}</legend>
          <div class="columns-3">
            ${LANGS.map(
              (l) => html`<div class="lang-column" lang="${l}" dir="${l === 'ar' ? 'rtl' : 'ltr'}">
                <h2 class="lang-heading">${nativeNames[l]}</h2>
                ${o.status ? html`<p>${translationBadge(ctx, l, o.status[l] ?? 'missing')}</p>` : ''}
                ${field(ctx, { name: `title_${l}`, label: t('admin.resource.titleIn', { lang: nativeNames[l] ?? l }), value: str(`title_${l}`), maxlength: 300, errors })}
                ${textarea(ctx, { name: `description_${l}`, label: t('admin.resource.descriptionIn', { lang: nativeNames[l] ?? l }), value: str(`description_${l}`), maxlength: 5000, errors, ...(l === 'en' ? { hint: t('admin.resource.markdownHint') } : {}) })}
              </div>`,
            )}
          </div>
        </fieldset>
        ${select(ctx, { name: 'type', label: t('resource.type'), value: str('type'), placeholder: t('form.choose'), options: [...o.labels.types].map(([value, label]) => ({ value, label: label.value })), errors })}
        ${field(ctx, { name: 'source', label: t('resource.source'), value: str('source'), maxlength: 200, errors })}
        ${field(ctx, { name: 'link', label: t('admin.resource.link'), value: str('link'), maxlength: 500, hint: t('admin.resource.linkHint'), errors })}
        ${field(ctx, { name: 'year', label: t('resource.year'), value: str('year'), maxlength: 4, errors })}
        ${choices(ctx, { kind: 'checkbox', name: 'stations', legend: t('resource.stations'), values: arr('stations'), columns: true, errors, options: o.labels.packages.flatMap((p) => p.stations.map((s) => ({ value: `${p.number}-${s.position}`, label: html`${t('station.ofPackage', { package: p.number, station: s.position })}: ${txt(s.title, ctx)}` }))) })}
        ${choices(ctx, { kind: 'checkbox', name: 'themes', legend: t('library.facet.theme'), values: arr('themes'), columns: true, errors, options: vocab(o.labels.themes) })}
        ${choices(ctx, { kind: 'checkbox', name: 'sectors', legend: t('library.facet.sector'), values: arr('sectors'), columns: true, errors, options: vocab(o.labels.sectors) })}
        ${choices(ctx, { kind: 'checkbox', name: 'countries', legend: t('library.facet.country'), values: arr('countries'), columns: true, errors, options: countries.map((c) => ({ value: c, label: ctx.format.country(c) })).sort((a, b) => collator.compare(a.label, b.label)) })}
        ${choices(ctx, { kind: 'checkbox', name: 'languages', legend: t('library.facet.language'), values: arr('languages'), columns: true, errors, options: languageCodes.map((c) => ({ value: c, label: ctx.format.language(c) })).sort((a, b) => collator.compare(a.label, b.label)) })}
        <button type="submit">${t(o.id === null ? 'admin.resource.create' : 'admin.resource.save')}</button>`,
    )}
    ${o.id === null ? attachmentsLater(ctx) : (o.files?.section ?? '')}
    ${o.id !== null ? postForm(href(ctx, `/admin/resources/${o.id}/delete`), o.csrf, html`<button type="submit" class="danger">${t('admin.resource.delete')}</button>`) : ''}`;
  return page(ctx, title, body, allErrors.length > 0);
}

export function revisionsView(
  ctx: PageContext,
  csrf: string,
  id: number,
  title: string,
  revisions: RevisionEntry[],
): string {
  const { t } = ctx;
  const base = `/admin/resources/${id}`;
  const body = html`<h1>${t('admin.revisions.heading', { title })}</h1>
    <p><a href="${href(ctx, base)}">${t('admin.revisions.back')}</a></p>
    ${revisionList(ctx, { base, csrf, revisions })}`;
  return page(ctx, t('admin.revisions.heading', { title }), body);
}
