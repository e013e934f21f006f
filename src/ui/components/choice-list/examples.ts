import type { PageContext } from '../../../http/context.ts';
import type { Html } from '../../html.ts';
import { checkbox, choiceList } from './choice-list.ts';

const groups = ['leaders', 'teachers', 'staff', 'learners', 'companies', 'alumni'];
const facets = ['type', 'package', 'station', 'theme', 'sector', 'source', 'country', 'language', 'year'];

export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [
  {
    name: 'choice-list-checkboxes',
    render: (ctx) =>
      choiceList(ctx, {
        kind: 'checkbox',
        name: 'ex-groups',
        legend: ctx.t('round.field.groups'),
        hint: ctx.t('round.field.groupsHint'),
        values: ['leaders', 'teachers'],
        options: groups.map((g) => ({ value: g, label: ctx.t(`assessment.groupName.${g}`) })),
      }),
  },
  {
    name: 'choice-list-hints-per-option',
    render: (ctx) =>
      choiceList(ctx, {
        kind: 'radio',
        name: 'ex-visibility',
        legend: ctx.t('centre.field.visibility'),
        values: ['open'],
        options: [
          { value: 'open', label: ctx.t('round.status.open'), hint: ctx.t('round.field.groupsHint') },
          { value: 'closed', label: ctx.t('round.status.closed'), hint: ctx.t('round.field.minGroupSizeHint') },
        ],
      }),
  },
  {
    name: 'choice-list-columns',
    render: (ctx) =>
      choiceList(ctx, {
        kind: 'checkbox',
        name: 'ex-facets',
        legend: ctx.t('library.filtersChosen', { count: 0 }),
        columns: true,
        values: ['theme'],
        options: facets.map((f) => ({ value: f, label: ctx.t(`library.facet.${f}`) })),
      }),
  },
  {
    name: 'choice-list-error',
    render: (ctx) =>
      choiceList(ctx, {
        kind: 'radio',
        name: 'ex-centre-type',
        legend: ctx.t('centre.field.type'),
        inline: false,
        values: [],
        errors: [{ field: 'ex-centre-type', key: 'form.error.choose' }],
        options: ['vet-school', 'training-centre', 'cove'].map((k) => ({ value: k, label: ctx.t(`centre.type.${k}`) })),
      }),
  },
  {
    name: 'checkbox-single',
    render: (ctx) => checkbox(ctx, { name: 'ex-published', label: ctx.t('centre.field.published'), checked: true }),
  },
];
