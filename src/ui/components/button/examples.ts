import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../html.ts';
import { button, buttonGroup, linkButton } from './button.ts';

export const examples: { name: string; render: (ctx: PageContext) => Html }[] = [
  {
    name: 'button-variants',
    render: ({ t }) =>
      html`<form action="#" method="get">${buttonGroup([
        button({ text: t('survey.next') }),
        button({ text: t('survey.back'), variant: 'secondary' }),
        button({ text: t('admin.resource.delete'), variant: 'warning' }),
        button({ text: t('library.clearFilters'), variant: 'link', type: 'button' }),
      ])}</form>`,
  },
  {
    name: 'button-link',
    render: ({ t, lang }) =>
      buttonGroup([
        linkButton({ href: `/${lang}/self-assessment`, text: t('round.list.new') }),
        linkButton({ href: `/${lang}/self-assessment/framework`, text: t('plan.add.toPlan'), variant: 'secondary' }),
        html`<a href="/${lang}/self-assessment/framework">${t('round.list.framework')}</a>`,
      ]),
  },
  {
    // One "Delete" per row of a list, each named after its row for screen readers.
    name: 'button-named',
    render: ({ t }) =>
      html`<ul class="link-list">${['Annual report', 'Guide'].map(
        (title) =>
          html`<li><form action="#" method="get" class="inline-form">${title} ${button({ text: t('files.delete'), variant: 'secondary', label: t('files.deleteLabel', { title }) })}</form></li>`,
      )}</ul>`,
  },
];
