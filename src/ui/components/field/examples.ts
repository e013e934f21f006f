import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../html.ts';
import { errorSummary, field, searchField, select, textarea } from './field.ts';

const typeKeys = ['vet-school', 'training-centre', 'cove', 'network', 'company-training-centre', 'other'];

export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [
  {
    name: 'field-search',
    render: (ctx) =>
      html`<form action="#" method="get" role="search">
        ${searchField({ id: 'ex-search', label: ctx.t('library.searchLabel'), hint: ctx.t('library.searchHint'), value: 'partnerships', button: ctx.t('search.button') })}
      </form>`,
  },
  {
    name: 'field-text',
    render: (ctx) =>
      html`<div class="form">
        ${field(ctx, { name: 'ex-name', label: ctx.t('centre.field.name'), value: '', maxlength: 200 })}
        ${field(ctx, { name: 'ex-website', type: 'url', label: ctx.t('centre.field.website'), hint: ctx.t('centre.field.websiteHint'), value: '' })}
        ${field(ctx, { name: 'ex-email', type: 'email', label: ctx.t('account.field.email'), hint: ctx.t('account.field.emailHint'), autocomplete: 'email' })}
      </div>`,
  },
  {
    name: 'field-number-and-date',
    render: (ctx) =>
      html`<div class="form"><div class="field-row">
        ${field(ctx, { name: 'ex-opens', type: 'date', label: ctx.t('round.field.opens'), hint: ctx.t('round.field.dateHint'), value: '2027-03-01' })}
        ${field(ctx, { name: 'ex-closes', type: 'date', label: ctx.t('round.field.closes'), value: '2027-03-31' })}
      </div>
      ${field(ctx, { name: 'ex-min', type: 'number', width: 'short', label: ctx.t('round.field.minGroupSize'), hint: ctx.t('round.field.minGroupSizeHint'), value: '5', min: 3, max: 50 })}</div>`,
  },
  {
    name: 'field-select-and-textarea',
    render: (ctx) =>
      html`<div class="form">
        ${select(ctx, { name: 'ex-type', label: ctx.t('centre.field.type'), placeholder: ctx.t('form.choose'), value: 'cove', options: typeKeys.map((k) => ({ value: k, label: ctx.t(`centre.type.${k}`) })) })}
        ${textarea(ctx, { name: 'ex-description', label: ctx.t('centre.field.description'), hint: ctx.t('centre.field.descriptionHint', { max: 1000 }), value: '', maxlength: 1000, rows: 4 })}
      </div>`,
  },
  {
    name: 'field-in-another-language',
    render: (ctx) =>
      html`<div class="form">
        ${field(ctx, { name: 'ex-name-ar', label: ctx.t('centre.field.name'), value: '', maxlength: 200, lang: 'ar' })}
        ${textarea(ctx, { name: 'ex-description-ar', label: ctx.t('centre.field.description'), value: '', maxlength: 1000, rows: 4, lang: 'ar' })}
      </div>`,
  },
  {
    name: 'field-errors',
    render: (ctx) => {
      const errors = [
        { field: 'ex2-name', key: 'form.error.required' },
        { field: 'ex2-type', key: 'form.error.choose' },
      ];
      return html`<div class="form">
        ${errorSummary(ctx, errors)}
        ${field(ctx, { name: 'ex2-name', label: ctx.t('centre.field.name'), value: '', errors })}
        ${select(ctx, { name: 'ex2-type', label: ctx.t('centre.field.type'), placeholder: ctx.t('form.choose'), value: '', errors, options: typeKeys.map((k) => ({ value: k, label: ctx.t(`centre.type.${k}`) })) })}
      </div>`;
    },
  },
];
