import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { day } from '../../../../ui/dates.ts';
import { errorSummary, field, postForm, textarea } from '../../../../ui/components/field/field.ts';
import { checkbox, choiceList } from '../../../../ui/components/choice-list/choice-list.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { direction, languages, nativeNames, translationLangs } from '../../../../i18n/languages.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { langOf } from '../../../../ui/text.ts';
import { inLang, type FrameworkDocument } from '../document.ts';
import type { EditTarget, ItemValues } from '../editor.ts';
import { stakeholderGroups } from '../format.ts';
import { doneNotice } from '../../../../ui/components/notice/notice.ts';
import { tag } from '../../../../ui/components/tag/tag.ts';
import { button, buttonGroup } from '../../../../ui/components/button/button.ts';
import { table } from '../../../../ui/components/table/table.ts';

// The back office's framework editor: the tree with its draft state and versions, and one form
// per dimension, criterion or indicator, with its texts in three languages side by side.

const base = (ctx: PageContext, slug: string) => href(ctx, `/admin/frameworks/${slug}`);
const crumbs = (ctx: PageContext, slug?: string) => [
  { href: href(ctx, '/admin'), label: ctx.t('admin.heading') },
  ...(slug ? [{ href: base(ctx, slug), label: ctx.t('framework.admin.title') }] : []),
];

export interface Version {
  id: number;
  version: number;
  status: string;
  source_hash: string | null;
  created_at: string;
  published_at: string | null;
  author: string | null;
}

export function frameworkAdminView(
  ctx: PageContext,
  slug: string,
  doc: FrameworkDocument,
  draft: boolean,
  versions: Version[],
  csrf: string,
  notice?: string,
  errors: FieldError[] = [],
): string {
  const { t } = ctx;
  const title = inLang(doc.title, ctx);
  const path = base(ctx, slug);
  const edit = (kind: string, id: string, label: { value: string; lang: string }) =>
    html`<a href="${path}/${kind}/${id}"${langOf(label as never, ctx)}>${label.value}</a>`;
  const body = html`${errorSummary(ctx, errors)}
    <h1>${t('framework.admin.title')}</h1>
    <p class="lead"${langOf(title, ctx)}>${title.value}</p>
    ${doneNotice(notice && t(notice))}
    <section class="panel" aria-labelledby="draft-state">
      <h2 id="draft-state">${draft ? t('framework.admin.draft') : t('framework.admin.noDraft')}</h2>
      <p>${draft ? t('framework.admin.draftText') : t('framework.admin.noDraftText')}</p>
      ${
        draft
          ? html`${buttonGroup([
              postForm(`${path}/publish`, csrf, button({ text: t('framework.admin.publish') }), 'inline-form'),
              postForm(`${path}/discard`, csrf, button({ text: t('framework.admin.discard'), variant: 'secondary' }), 'inline-form'),
            ])}
          <p><a href="/${ctx.lang}/self-assessment/framework">${t('framework.admin.public')}</a></p>`
          : ''
      }
    </section>
    ${doc.dimensions.map(
      (d) => html`<section aria-labelledby="dim-${d.id}">
        <h2 id="dim-${d.id}">${edit('dimension', d.id, inLang(d.title, ctx))}</h2>
        ${d.criteria.map(
          (c) => html`<h3>${edit('criterion', c.id, inLang(c.title, ctx))}</h3>
            <ol class="link-list">
              ${c.indicators.map((i) => html`<li>${edit('indicator', i.id, inLang(i.statement, ctx))}${i.core ? html` ${tag(t('assessment.core'))}` : ''}${translationLangs.some((l) => !i.statement[l] || !i.explanation[l]) ? html` <span class="status status-missing">${t('framework.admin.untranslated')}</span>` : ''}</li>`)}
            </ol>
            <p><a href="${path}/criterion/${c.id}/new-indicator">${t('framework.admin.add')}<span class="visually-hidden"> (${inLang(c.title, ctx).value})</span></a></p>`,
        )}
      </section>`,
    )}
    <h2>${t('framework.admin.versions')}</h2>
    ${table({
      id: 'versions',
      caption: t('framework.admin.versions'),
      captionHidden: true,
      head: [t('framework.admin.version'), t('round.list.status'), t('framework.admin.when'), t('framework.admin.from')],
      rowHeadings: true,
      rows: versions.map((v) => [
        ctx.format.number(v.version),
        t(`framework.admin.status.${v.status === 'draft' ? 'draft' : 'published'}`),
        day(ctx, v.published_at ?? v.created_at),
        v.source_hash ? t('framework.admin.fromFiles') : v.author ? html`<bdi>${v.author}</bdi>` : t('admin.formerMember'),
      ]),
    })}`;
  return layout(ctx, { title: t('framework.admin.title'), body, breadcrumbs: crumbs(ctx), index: false, pageType: 'admin' });
}

/** Texts of one field in every language, side by side. */
function texts(ctx: PageContext, name: string, label: string, values: ItemValues, errors: FieldError[], max: number, long: boolean): Html {
  return html`<fieldset class="field">
    <legend>${label}</legend>
    <div class="columns-3">
      ${languages.map((l) => {
        const key = `${name}_${l}`;
        const value = typeof values[key] === 'string' ? values[key] : '';
        const o = { name: key, label: nativeNames[l], value, errors, maxlength: max };
        return html`<div lang="${l}" dir="${direction(l)}">${long ? textarea(ctx, o) : field(ctx, o)}</div>`;
      })}
    </div>
  </fieldset>`;
}

export function frameworkItemView(ctx: PageContext, slug: string, target: EditTarget, values: ItemValues, csrf: string, errors: FieldError[] = []): string {
  const { t } = ctx;
  const path = base(ctx, slug);
  const heading = target.kind === 'new-indicator' ? t('framework.admin.add') : t(`framework.admin.edit.${target.kind}`);
  const action = target.kind === 'new-indicator' ? `${path}/criterion/${target.criterion}/new-indicator` : `${path}/${target.kind}/${target.id}`;
  const isIndicator = target.kind === 'indicator' || target.kind === 'new-indicator';
  const listValue = (k: string) => (typeof values[k] === 'string' ? values[k] : '');
  const fields = isIndicator
    ? html`${target.kind === 'new-indicator' ? field(ctx, { name: 'id', label: t('framework.admin.id'), hint: t('framework.admin.idHint'), value: listValue('id'), errors, maxlength: 80 }) : ''}
        ${texts(ctx, 'statement', t('framework.admin.statement'), values, errors, 300, false)}
        ${texts(ctx, 'explanation', t('framework.admin.explanation'), values, errors, 1200, true)}
        ${choiceList(ctx, { name: 'groups', legend: t('round.field.groups'), kind: 'checkbox', values: Array.isArray(values.groups) ? values.groups : values.groups ? [values.groups] : [], errors, options: stakeholderGroups.map((g) => ({ value: g, label: t(`assessment.groupName.${g}`) })) })}
        ${checkbox(ctx, { name: 'core', label: t('framework.admin.core'), checked: values.core === 'yes' })}
        ${textarea(ctx, { name: 'stations', label: t('framework.admin.stations'), hint: t('framework.admin.stationsHint'), value: listValue('stations'), errors, maxlength: 2000 })}
        ${textarea(ctx, { name: 'actions', label: t('framework.admin.actions'), hint: t('framework.admin.actionsHint'), value: listValue('actions'), errors, maxlength: 4000 })}
        ${textarea(ctx, { name: 'resources', label: t('framework.admin.resources'), hint: t('framework.admin.resourcesHint'), value: listValue('resources'), errors, maxlength: 4000 })}`
    : html`${texts(ctx, 'title', t('framework.admin.itemTitle'), values, errors, 200, false)}
        ${texts(ctx, 'description', t('framework.admin.description'), values, errors, 1200, true)}`;
  const body = html`${errorSummary(ctx, errors)}
    <h1>${heading}</h1>
    <p class="hint">${t('framework.admin.toDraft')}</p>
    ${postForm(action, csrf, html`${fields}${button({ text: t('framework.admin.save') })}`, 'form wide-form')}
    ${target.kind === 'indicator' ? postForm(`${path}/indicator/${target.id}/remove`, csrf, button({ text: t('framework.admin.remove'), variant: 'warning' })) : ''}
    <p><a href="${path}">${t('framework.admin.back')}</a></p>`;
  return layout(ctx, { title: heading, body, breadcrumbs: crumbs(ctx, slug), index: false, pageType: 'admin' });
}
