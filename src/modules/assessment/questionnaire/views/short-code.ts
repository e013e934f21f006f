import type { PageContext } from '../../../../http/context.ts';
import { field } from '../../../../ui/components/field/field.ts';
import { html } from '../../../../ui/html.ts';
import { layout } from '../../../../ui/layout.ts';
import { button } from '../../../../ui/components/button/button.ts';

// The page of a group's short address (/{lang}/s/ABCD-EFGH) when it leads nowhere: the code is
// unknown, mistyped, replaced or its round has closed. In the questionnaire's style, with a form
// (GET, nothing changes) to type the code again; also the page of /{lang}/s with no code yet.

export function shortCodeView(ctx: PageContext, o: { code: string; unknown: boolean }): string {
  const { t } = ctx;
  const heading = o.unknown ? t('survey.shortCode.unknownTitle') : t('survey.shortCode.title');
  const body = html`<h1>${heading}</h1>
    ${o.unknown ? html`<p class="lead">${t('survey.shortCode.unknownText')}</p>` : ''}
    <form class="form" action="/${ctx.lang}/s" method="get" novalidate>
      ${field(ctx, { name: 'code', label: t('survey.shortCode.label'), hint: t('survey.shortCode.hint'), value: o.code, autocomplete: 'off', maxlength: 20 })}
      ${button({ text: t('survey.shortCode.button') })}
    </form>`;
  return layout(ctx, { title: heading, body, index: false, pageType: 'survey' });
}
