import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { errorSummary, field, postForm, textarea } from '../../../ui/components/field/field.ts';
import { choiceList } from '../../../ui/components/choice-list/choice-list.ts';
import { button } from '../../../ui/components/button/button.ts';
import { html, type Html } from '../../../ui/html.ts';
import { layout } from '../../../ui/layout.ts';
import { MAX_MESSAGE, subjects } from '../schemas.ts';

// The contact form and the pages that follow it. The form comes back with the person's values and
// an error summary; the thank-you page says the same whatever happened to the message.

export interface ContactState {
  csrf: string;
  values?: Record<string, string>;
  errors?: FieldError[];
}

const page = (ctx: PageContext, title: string, body: Html, o: { errors?: boolean; index?: boolean } = {}) =>
  layout(ctx, {
    title: o.errors ? `${ctx.t('form.errorTitlePrefix')} ${title}` : title,
    description: ctx.t('contact.intro'),
    body,
    index: o.index ?? false,
    pageType: 'contact',
  });

export function contactView(ctx: PageContext, s: ContactState): string {
  const { t } = ctx;
  const v = s.values ?? {};
  const errors = s.errors ?? [];
  const body = html`<h1>${t('contact.heading')}</h1>
    <p class="lead">${t('contact.intro')}</p>
    ${errorSummary(ctx, errors)}
    ${postForm(
      `/${ctx.lang}/contact`,
      s.csrf,
      html`${field(ctx, { name: 'name', label: t('contact.field.name'), value: v.name ?? '', autocomplete: 'name', maxlength: 120, errors })}
        ${field(ctx, { name: 'email', label: t('contact.field.email'), type: 'email', value: v.email ?? '', autocomplete: 'email', hint: t('contact.field.emailHint'), maxlength: 254, errors })}
        ${choiceList(ctx, {
          name: 'subject',
          legend: t('contact.field.subject'),
          kind: 'radio',
          options: subjects.map((value) => ({ value, label: t(`contact.subject.${value}`) })),
          values: v.subject ? [v.subject] : [],
          errors,
        })}
        ${textarea(ctx, { name: 'message', label: t('contact.field.message'), value: v.message ?? '', hint: t('contact.field.messageHint', { max: MAX_MESSAGE }), maxlength: MAX_MESSAGE, errors })}
        <div class="honeypot" hidden>
          <label for="field-website">${t('contact.field.honeypot')}</label>
          <input id="field-website" name="website" type="text" value="" dir="auto" autocomplete="off" tabindex="-1">
        </div>
        <p class="meta">${t('contact.privacy')} <a href="/${ctx.lang}/privacy">${t('contact.privacyLink')}</a></p>
        ${button({ text: t('contact.submit') })}`,
    )}
    <p>${t('contact.helpFirst')} <a href="/${ctx.lang}/help">${t('contact.helpLink')}</a></p>`;
  return page(ctx, t('contact.heading'), body, { errors: errors.length > 0, index: true });
}

export function contactSentView(ctx: PageContext): string {
  const { t } = ctx;
  const body = html`<h1>${t('contact.sent.heading')}</h1>
    <p class="lead">${t('contact.sent.text')}</p>
    <p><a href="/${ctx.lang}">${t('contact.sent.home')}</a></p>`;
  return page(ctx, t('contact.sent.heading'), body);
}

export function contactLimitedView(ctx: PageContext, minutes: number): string {
  const { t } = ctx;
  const body = html`<h1>${t('contact.limited.heading')}</h1>
    <p class="lead">${t('contact.limited.text', { minutes })}</p>
    <p><a href="/${ctx.lang}/help">${t('contact.helpLink')}</a></p>`;
  return page(ctx, t('contact.limited.heading'), body);
}
