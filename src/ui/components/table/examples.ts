import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../html.ts';
import { tag } from '../tag/tag.ts';
import { table } from './table.ts';

export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [
  {
    name: 'table-rounds',
    render: (ctx) => {
      const { t } = ctx;
      return table({
        id: 'example-rounds',
        caption: t('round.list.title'),
        head: [t('round.field.title'), t('round.list.status'), t('round.list.dates'), t('round.list.sent')],
        rowHeadings: true,
        numeric: [3],
        rows: [
          [
            html`<a href="#">2027</a>`,
            tag(t('round.status.open'), 'success'),
            t('round.list.range', { from: '2027-03-01', to: '2027-03-31' }),
            ctx.format.number(42),
          ],
          [
            html`<a href="#">2026</a>`,
            tag(t('round.status.closed'), 'neutral'),
            t('round.list.range', { from: '2026-03-01', to: '2026-03-31' }),
            ctx.format.number(117),
          ],
        ],
      });
    },
  },
  {
    name: 'table-groups',
    render: (ctx) => {
      const { t } = ctx;
      const group = (name: string, sent: number, note: string) => html`<tbody>
        <tr><th scope="row">${name}</th><td class="numeric">${ctx.format.number(sent)}</td></tr>
        <tr><td colspan="2">${note}</td></tr>
      </tbody>`;
      return table({
        id: 'example-groups',
        caption: t('round.groups.title'),
        head: [t('round.groups.group'), { text: t('round.groups.sent'), className: 'numeric' }],
        bodies: [group(t('assessment.groupName.learners'), 18, t('round.groups.closed')), group(t('assessment.groupName.staff'), 7, t('round.groups.closed'))],
      });
    },
  },
];
