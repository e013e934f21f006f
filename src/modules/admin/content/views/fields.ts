import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { direction, nativeNames } from '../../../../i18n/languages.ts';
import type { Text } from '../../../../i18n/localise.ts';
import { field, select, textarea } from '../../../../ui/components/field/field.ts';
import { choiceList } from '../../../../ui/components/choice-list/choice-list.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { txt } from '../../../../ui/text.ts';
import { countries, languageCodes } from '../../../centres/lists.ts';
import type { Package } from '../../../knowledge/service.ts';
import { LANGS, type FormValues, type KindSpec } from '../kinds.ts';
import { noLinkReasons } from '../../../../content/format.ts';

// The fields of the form that are not translated: what places an item (a package's number, a
// station's package), a resource's facets, a case study's package, country and sector, and a
// package's checklist.

/** Labels for the options: packages with their stations, and the vocabularies. */
export interface FormLabels {
  packages: Package[];
  types: Map<string, Text>;
  themes: Map<string, Text>;
  sectors: Map<string, Text>;
}

export interface FieldsOptions {
  /** null for a new item */
  slug: string | null;
  values: FormValues;
  labels: FormLabels;
}

export const str = (values: FormValues, k: string) => (typeof values[k] === 'string' ? values[k] : '');
const arr = (values: FormValues, k: string) => {
  const v = values[k];
  return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
};

/** A list's codes as options named in the reader's language, alphabetically; values outside the list (from an import) stay choosable. */
function named(ctx: PageContext, codes: readonly string[], chosen: string[], name: (code: string) => string) {
  const collator = new Intl.Collator(ctx.lang);
  return [...new Set([...codes, ...chosen])].map((c) => ({ value: c, label: name(c) })).sort((a, b) => collator.compare(a.label, b.label));
}

/** A resource's type, source, link and year, and its facets in the e-library. */
function resourceFields(ctx: PageContext, o: FieldsOptions, errors: FieldError[]): Html {
  const { t } = ctx;
  const v = o.values;
  const vocab = (m: Map<string, Text>) => [...m].map(([value, label]) => ({ value, label: txt(label, ctx) }));
  return html`${select(ctx, { name: 'type', label: t('resource.type'), value: str(v, 'type'), placeholder: t('form.choose'), options: [...o.labels.types].map(([value, label]) => ({ value, label: label.value })), errors })}
    ${field(ctx, { name: 'source', label: t('resource.source'), value: str(v, 'source'), maxlength: 200, errors })}
    ${field(ctx, { name: 'link', label: t('admin.resource.link'), value: str(v, 'link'), maxlength: 500, hint: t('admin.resource.linkHint'), errors })}
    ${select(ctx, { name: 'noLink', label: t('admin.resource.noLink'), value: str(v, 'noLink'), placeholder: t('admin.content.none'), options: noLinkReasons.map((reason) => ({ value: reason, label: t(`admin.resource.noLink.${reason}`) })), errors })}
    ${field(ctx, { name: 'ask', label: t('admin.resource.ask'), value: str(v, 'ask'), maxlength: 500, hint: t('admin.resource.askHint'), errors })}
    ${field(ctx, { name: 'year', label: t('resource.year'), value: str(v, 'year'), maxlength: 4, errors })}
    ${choiceList(ctx, { kind: 'checkbox', name: 'stations', legend: t('resource.stations'), values: arr(v, 'stations'), columns: true, errors, options: o.labels.packages.flatMap((p) => p.stations.map((s) => ({ value: `${p.number}-${s.position}`, label: html`${t('station.ofPackage', { package: p.number, station: s.position })}${t('format.colon')}${txt(s.title, ctx)}` }))) })}
    ${choiceList(ctx, { kind: 'checkbox', name: 'themes', legend: t('library.facet.theme'), values: arr(v, 'themes'), columns: true, errors, options: vocab(o.labels.themes) })}
    ${choiceList(ctx, { kind: 'checkbox', name: 'sectors', legend: t('library.facet.sector'), values: arr(v, 'sectors'), columns: true, errors, options: vocab(o.labels.sectors) })}
    ${choiceList(ctx, { kind: 'checkbox', name: 'countries', legend: t('library.facet.country'), values: arr(v, 'countries'), columns: true, errors, options: named(ctx, countries, arr(v, 'countries'), (c) => ctx.format.country(c)) })}
    ${choiceList(ctx, { kind: 'checkbox', name: 'languages', legend: t('library.facet.language'), values: arr(v, 'languages'), columns: true, errors, options: named(ctx, languageCodes, arr(v, 'languages'), (c) => ctx.format.language(c)) })}`;
}

/** The kind's own fields: what places the item (package, position) and what is not translated. */
export function sharedFields(ctx: PageContext, spec: KindSpec, o: FieldsOptions, errors: FieldError[]): Html {
  const { t } = ctx;
  const v = o.values;
  const packageOptions = o.labels.packages.map((p) => ({ value: String(p.number), label: `${t('package.label', { number: p.number })}: ${p.title.value}` }));
  switch (spec.kind) {
    case 'package':
      return html`${o.slug === null
          ? field(ctx, { name: 'number', label: t('admin.content.field.number'), value: str(v, 'number'), maxlength: 2, hint: t('admin.content.hint.number'), errors })
          : html`<p>${t('package.label', { number: str(v, 'number') })}</p>`}
        ${select(ctx, { name: 'level', label: t('admin.content.field.level'), value: str(v, 'level'), placeholder: t('form.choose'), options: ['beginner', 'advanced'].map((l) => ({ value: l, label: t(`package.level.${l}`) })), errors })}`;
    case 'resource':
      return resourceFields(ctx, o, errors);
    case 'station':
      return o.slug === null
        ? select(ctx, { name: 'package', label: t('admin.content.field.package'), value: str(v, 'package'), placeholder: t('form.choose'), options: packageOptions, errors })
        : html`<p>${t('station.ofPackage', { package: str(v, 'package'), station: str(v, 'position') })}</p>`;
    case 'case-study': {
      return html`${select(ctx, { name: 'package', label: t('admin.content.field.package'), value: str(v, 'package'), placeholder: t('form.choose'), options: packageOptions, errors })}
        ${select(ctx, { name: 'country', label: t('library.facet.country'), value: str(v, 'country'), placeholder: t('form.choose'), options: named(ctx, countries, str(v, 'country') ? [str(v, 'country')] : [], (c) => ctx.format.country(c)), errors })}
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
export function checklist(ctx: PageContext, o: FieldsOptions, errors: FieldError[]): Html {
  const { t } = ctx;
  const v = o.values;
  const count = Math.min(Number(str(v, 'checklist_count')) || 0, 50);
  const pkg = o.labels.packages.find((p) => String(p.number) === str(v, 'number'));
  const stations = (pkg?.stations ?? []).map((s) => ({ value: String(s.position), label: html`${t('station.label', { number: s.position })}${t('format.colon')}${txt(s.title, ctx)}` }));
  const point = (i: number) => {
    const isNew = i === count;
    return html`<fieldset class="checklist-point">
      <legend>${isNew ? t('admin.content.checklist.add') : t('admin.content.checklist.point', { number: i + 1 })}</legend>
      ${field(ctx, { name: `checklist_${i}_id`, label: t('admin.content.checklist.id'), value: str(v, `checklist_${i}_id`), maxlength: 60, hint: t('admin.content.checklist.idHint'), errors })}
      ${field(ctx, { name: `checklist_${i}_order`, label: t('admin.content.checklist.order'), value: str(v, `checklist_${i}_order`) || String(i + 1), maxlength: 2, errors })}
      ${stations.length
        ? choiceList(ctx, { kind: 'checkbox', name: `checklist_${i}_stations`, legend: t('admin.content.checklist.stations'), values: arr(v, `checklist_${i}_stations`), options: stations, errors })
        : html`<p class="hint">${t('admin.content.checklist.noStations')}</p>`}
      <div class="columns-3">
        ${LANGS.map(
          (l) => html`<div class="lang-column" lang="${l}" dir="${direction(l)}">
            ${field(ctx, { name: `checklist_${i}_text_${l}`, label: t('admin.content.in', { field: t('admin.content.checklist.text'), lang: nativeNames[l] }), value: str(v, `checklist_${i}_text_${l}`), maxlength: 300, errors })}
            ${textarea(ctx, { name: `checklist_${i}_why_${l}`, label: t('admin.content.in', { field: t('admin.content.checklist.why'), lang: nativeNames[l] }), value: str(v, `checklist_${i}_why_${l}`), maxlength: 1000, errors })}
          </div>`,
        )}
      </div>
      ${isNew ? '' : choiceList(ctx, { kind: 'checkbox', name: `checklist_${i}_remove`, legend: t('admin.content.checklist.removeLegend'), values: arr(v, `checklist_${i}_remove`), options: [{ value: 'yes', label: t('admin.content.checklist.remove') }], errors })}
    </fieldset>`;
  };
  return html`<fieldset class="checklist">
    <legend>${t('admin.content.checklist.heading')}</legend>
    <p class="hint">${t('admin.content.checklist.hint')}</p>
    <input type="hidden" name="checklist_count" value="${String(count)}">
    ${Array.from({ length: count + 1 }, (_, i) => point(i))}
  </fieldset>`;
}

