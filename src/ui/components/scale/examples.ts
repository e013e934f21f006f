import type { PageContext } from '../../../http/context.ts';
import type { Html } from '../../html.ts';
import { scale, type ScalePoint } from './scale.ts';

// The questionnaire's five-point scale with its two answers off the scale.
const points = (ctx: PageContext): ScalePoint[] => ['1', '2', '3', '4', '5'].map((v) => ({ value: v, number: v, label: ctx.t(`survey.scale.${v}`) }));
const others = (ctx: PageContext): ScalePoint[] => ['na', 'skip'].map((v) => ({ value: v, label: ctx.t(`survey.scale.${v}`) }));

export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [
  {
    name: 'scale-chosen',
    render: (ctx) =>
      scale(ctx, {
        name: 'ex-scale',
        id: 'ex-scale',
        legend: ctx.t('round.list.lead'),
        hint: ctx.t('survey.saved'),
        points: points(ctx),
        others: others(ctx),
        value: '4',
      }),
  },
  {
    name: 'scale-error',
    render: (ctx) =>
      scale(ctx, {
        name: 'ex-scale-error',
        id: 'ex-scale-error',
        legend: ctx.t('survey.check.text'),
        points: points(ctx),
        others: others(ctx),
        error: ctx.t('form.error.choose'),
      }),
  },
];
