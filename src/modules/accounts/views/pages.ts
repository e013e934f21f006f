import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { errorSummary, field, postForm } from '../../../ui/components/field/field.ts';
import { button } from '../../../ui/components/button/button.ts';
import { checkbox } from '../../../ui/components/choice-list/choice-list.ts';
import { notice as noticeBox } from '../../../ui/components/notice/notice.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { MIN_PASSWORD } from '../passwords.ts';
import type { User } from '../repository.ts';
import { isPolicyReader } from '../roles.ts';

// The account pages. Every form comes back with the person's values (never passwords) and an
// error summary; none of them is indexed by search engines.

export interface FormState {
  csrf: string;
  values?: Record<string, string>;
  errors?: FieldError[];
  /** a message shown above the form (a catalogue key) */
  notice?: string;
  noticeValues?: Record<string, string | number>;
}

function page(ctx: PageContext, title: string, body: Html, hasErrors = false): string {
  return layout(ctx, {
    title: hasErrors ? `${ctx.t('form.errorTitlePrefix')} ${title}` : title,
    body,
    index: false,
    pageType: 'account',
  });
}

/** What a change just did ("You are signed out."), above the form. */
const notice = (ctx: PageContext, s: FormState) => (s.notice ? noticeBox(ctx.t(s.notice, s.noticeValues), { tone: 'success' }) : html``);

export function registerView(ctx: PageContext, s: FormState): string {
  const { t } = ctx;
  const v = s.values ?? {};
  const body = html`<h1>${t('account.register.heading')}</h1>
    <p class="lead">${t('account.register.intro')}</p>
    ${errorSummary(ctx, s.errors)}${notice(ctx, s)}
    ${postForm(
      href(ctx, '/account/register'),
      s.csrf,
      html`${field(ctx, { name: 'name', label: t('account.field.name'), value: v.name ?? '', autocomplete: 'name', maxlength: 120, errors: s.errors ?? [] })}
        ${field(ctx, { name: 'email', label: t('account.field.email'), type: 'email', value: v.email ?? '', autocomplete: 'email', hint: t('account.field.emailHint'), maxlength: 254, errors: s.errors ?? [] })}
        ${field(ctx, { name: 'password', label: t('account.field.newPassword'), type: 'password', autocomplete: 'new-password', hint: t('account.field.passwordHint', { min: MIN_PASSWORD }), errors: s.errors ?? [] })}
        <p class="privacy-summary">${t('account.register.privacy')} <a href="/${ctx.lang}/privacy">${t('account.register.privacyLink')}</a></p>
        ${button({ text: t('account.register.submit') })}`,
    )}
    <p>${t('account.register.haveAccount')} <a href="${href(ctx, '/account/sign-in')}">${t('account.signIn.heading')}</a></p>`;
  return page(ctx, t('account.register.heading'), body, Boolean(s.errors?.length));
}

export function signInView(ctx: PageContext, s: FormState & { next?: string }): string {
  const { t } = ctx;
  const v = s.values ?? {};
  const body = html`<h1>${t('account.signIn.heading')}</h1>
    ${errorSummary(ctx, s.errors)}${notice(ctx, s)}
    ${postForm(
      href(ctx, '/account/sign-in'),
      s.csrf,
      html`${s.next ? html`<input type="hidden" name="next" value="${s.next}">` : ''}
        ${field(ctx, { name: 'email', label: t('account.field.email'), type: 'email', value: v.email ?? '', autocomplete: 'username', maxlength: 254, errors: s.errors ?? [] })}
        ${field(ctx, { name: 'password', label: t('account.field.password'), type: 'password', autocomplete: 'current-password', errors: s.errors ?? [] })}
        ${button({ text: t('account.signIn.submit') })}`,
    )}
    <ul class="link-list">
      <li><a href="${href(ctx, '/account/forgot')}">${t('account.forgot.link')}</a></li>
      <li><a href="${href(ctx, '/account/register')}">${t('account.register.link')}</a></li>
    </ul>`;
  return page(ctx, t('account.signIn.heading'), body, Boolean(s.errors?.length));
}

export function forgotView(ctx: PageContext, s: FormState): string {
  const { t } = ctx;
  const body = html`<h1>${t('account.forgot.heading')}</h1>
    <p class="lead">${t('account.forgot.intro')}</p>
    ${errorSummary(ctx, s.errors)}${notice(ctx, s)}
    ${postForm(
      href(ctx, '/account/forgot'),
      s.csrf,
      html`${field(ctx, { name: 'email', label: t('account.field.email'), type: 'email', value: s.values?.email ?? '', autocomplete: 'email', maxlength: 254, errors: s.errors ?? [] })}
        ${button({ text: t('account.forgot.submit') })}`,
    )}`;
  return page(ctx, t('account.forgot.heading'), body, Boolean(s.errors?.length));
}

export function resetView(ctx: PageContext, s: FormState & { token: string }): string {
  const { t } = ctx;
  const body = html`<h1>${t('account.reset.heading')}</h1>
    ${errorSummary(ctx, s.errors)}
    ${postForm(
      href(ctx, '/account/reset'),
      s.csrf,
      html`<input type="hidden" name="token" value="${s.token}">
        ${field(ctx, { name: 'password', label: t('account.field.newPassword'), type: 'password', autocomplete: 'new-password', hint: t('account.field.passwordHint', { min: MIN_PASSWORD }), errors: s.errors ?? [] })}
        ${button({ text: t('account.reset.submit') })}`,
    )}`;
  return page(ctx, t('account.reset.heading'), body, Boolean(s.errors?.length));
}

/** A page that only tells something, with one way on. */
export function messageView(ctx: PageContext, heading: string, text: string, link?: { href: string; label: string }): string {
  const body = html`<h1>${heading}</h1><p class="lead">${text}</p>${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : ''}`;
  return page(ctx, heading, body);
}

/** Signing out from the header's link: the button sends the form (a POST with the CSRF token). */
export function signOutView(ctx: PageContext, s: { csrf: string; name: string }): string {
  const { t } = ctx;
  const body = html`<h1>${t('account.signOut.heading')}</h1>
    <p class="lead">${t('account.signOut.intro', { name: s.name })}</p>
    ${postForm(href(ctx, '/account/sign-out'), s.csrf, button({ text: t('account.signOut.submit') }))}`;
  return page(ctx, t('account.signOut.heading'), body);
}

export function accountView(
  ctx: PageContext,
  user: User,
  s: FormState & { form?: 'password' | 'email' | 'delete'; centres?: { slug: string; name: string; role: string }[] },
): string {
  const { t } = ctx;
  // The page has three "current password" fields: errors point at the one of their form.
  const errors = (s.errors ?? []).map((e) =>
    e.field === 'current_password' && (s.form === 'email' || s.form === 'delete') ? { ...e, field: `${s.form}_current_password` } : e,
  );
  const errorsFor = (form: string) => (s.form === form ? errors : []);
  const body = html`<h1>${t('account.heading')}</h1>
    ${notice(ctx, s)}${errorSummary(ctx, errors)}
    <dl class="facts">
      <div><dt>${t('account.field.name')}</dt><dd><bdi>${user.name}</bdi></dd></div>
      <div><dt>${t('account.field.email')}</dt><dd><bdi>${user.email}</bdi></dd></div>
    </dl>
    ${postForm(href(ctx, '/account/sign-out'), s.csrf, button({ text: t('account.signOut.submit'), variant: 'secondary' }))}

    <section aria-labelledby="centres-heading">
      <h2 id="centres-heading">${t('account.centres.heading')}</h2>
      ${
        s.centres?.length
          ? html`<ul class="link-list">${s.centres.map((c) => html`<li><a href="${href(ctx, `/account/centres/${c.slug}`)}"><bdi>${c.name}</bdi></a> <span class="meta">${t(`centre.role.${c.role}`)}</span></li>`)}</ul>`
          : html`<p>${t('account.centres.none')}</p>`
      }
      <p><a href="${href(ctx, '/account/centres/new')}">${t('centres.add')}</a></p>
    </section>

    ${
      isPolicyReader(user)
        ? html`<section aria-labelledby="policy-heading">
          <h2 id="policy-heading">${t('account.policy.heading')}</h2>
          <p>${t('account.policy.text')}</p>
          <p><a href="${href(ctx, '/admin/self-assessment/policy')}">${t('account.policy.link')}</a></p>
        </section>`
        : ''
    }

    <section aria-labelledby="password-heading">
      <h2 id="password-heading">${t('account.password.heading')}</h2>
      ${postForm(
        href(ctx, '/account/password'),
        s.csrf,
        html`${field(ctx, { name: 'current_password', label: t('account.field.currentPassword'), type: 'password', autocomplete: 'current-password', errors: errorsFor('password') })}
          ${field(ctx, { name: 'password', label: t('account.field.newPassword'), type: 'password', autocomplete: 'new-password', hint: t('account.field.passwordHint', { min: MIN_PASSWORD }), errors: errorsFor('password') })}
          ${button({ text: t('account.password.submit') })}`,
      )}
    </section>

    <section aria-labelledby="email-heading">
      <h2 id="email-heading">${t('account.email.heading')}</h2>
      <p>${t('account.email.intro')}</p>
      ${postForm(
        href(ctx, '/account/email'),
        s.csrf,
        html`${field(ctx, { name: 'email', label: t('account.field.newEmail'), type: 'email', value: s.form === 'email' ? (s.values?.email ?? '') : '', autocomplete: 'email', maxlength: 254, errors: errorsFor('email') })}
          ${emailPasswordField(ctx, errorsFor('email'))}
          ${button({ text: t('account.email.submit') })}`,
      )}
    </section>

    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">${t('account.sessions.heading')}</h2>
      <p>${t('account.sessions.intro')}</p>
      ${postForm(href(ctx, '/account/sign-out-everywhere'), s.csrf, button({ text: t('account.sessions.submit'), variant: 'secondary' }))}
    </section>

    <section aria-labelledby="data-heading">
      <h2 id="data-heading">${t('account.data.heading')}</h2>
      <p>${t('account.data.intro')}</p>
      <p><a href="${href(ctx, '/account/data.json')}" download>${t('account.data.link')}</a></p>
    </section>

    <section class="danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading">${t('account.delete.heading')}</h2>
      <p>${t('account.delete.intro')}</p>
      ${postForm(
        href(ctx, '/account/delete'),
        s.csrf,
        html`${checkbox(ctx, { name: 'erase', value: 'yes', label: t('account.delete.erase'), hint: t('account.delete.eraseHint'), checked: false })}
          ${deletePasswordField(ctx, errorsFor('delete'))}
          ${button({ text: t('account.delete.submit'), variant: 'warning' })}`,
      )}
    </section>`;
  return page(ctx, t('account.heading'), body, Boolean(s.errors?.length));
}

// The account page has three "current password" fields; each needs its own id.
function emailPasswordField(ctx: PageContext, errors: FieldError[]): Html {
  return field(ctx, {
    name: 'current_password',
    label: ctx.t('account.field.currentPassword'),
    type: 'password',
    autocomplete: 'current-password',
    errors,
    id: 'email_current_password',
  });
}
function deletePasswordField(ctx: PageContext, errors: FieldError[]): Html {
  return field(ctx, {
    name: 'current_password',
    label: ctx.t('account.field.currentPassword'),
    type: 'password',
    autocomplete: 'current-password',
    errors,
    id: 'delete_current_password',
  });
}
