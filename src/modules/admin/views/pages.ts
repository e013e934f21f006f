import { catalogues } from '../../../i18n/messages.ts';
import type { PageContext } from '../../../http/context.ts';
import { errorSummary, postForm, searchField } from '../../../ui/components/field/field.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout, type Crumb } from '../../../ui/layout.ts';
import type { User } from '../../accounts/repository.ts';
import type { FieldError } from '../../../http/forms.ts';
import { siteRoles } from '../../accounts/roles.ts';
import { doneNotice } from '../../../ui/components/notice/notice.ts';
import { button } from '../../../ui/components/button/button.ts';
import { card } from '../../../ui/components/card/card.ts';
import { table } from '../../../ui/components/table/table.ts';

// Back-office pages: the dashboard, people and their site roles, the outbox, the audit log
// (the job queue's page is views/jobs.ts).

/** A back-office page: not indexed, with the back office (and any section) in its breadcrumbs. */
export function adminPage(ctx: PageContext, title: string, body: Html, withErrors = false, section?: Crumb): string {
  return layout(ctx, {
    title: withErrors ? `${ctx.t('form.errorTitlePrefix')} ${title}` : title,
    body,
    index: false,
    pageType: 'admin',
    breadcrumbs: [{ href: href(ctx, '/admin'), label: ctx.t('admin.heading') }, ...(section ? [section] : [])],
  });
}
const page = adminPage;

const when = (ctx: PageContext, iso: string) =>
  new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));

export function dashboardView(ctx: PageContext, user: User): string {
  const { t } = ctx;
  const admin = user.role === 'admin';
  const body = html`<h1>${t('admin.heading')}</h1>
    <p class="lead">${t('admin.intro', { name: user.name })}</p>
    <h2>${t('admin.content.heading')}</h2>
    <ul class="link-list">
      ${[
        ['/admin/packages', t('admin.content.kind.package')],
        ['/admin/stations', t('admin.content.kind.station')],
        ['/admin/resources', t('admin.resources.heading')],
        ['/admin/case-studies', t('admin.content.kind.case-study')],
        ['/admin/spotlight', t('admin.content.kind.spotlight')],
        ['/admin/pages', t('admin.content.kind.page')],
        ['/admin/frameworks', t('framework.admin.title')],
        ['/admin/content-pack', t('admin.pack.heading')],
      ].map(([path, label]) => html`<li><a href="${href(ctx, path!)}">${label}</a></li>`)}
    </ul>
    ${
      admin
        ? html`<h2>${t('admin.platform.heading')}</h2>
          <ul class="link-list">
            <li><a href="${href(ctx, '/admin/people')}">${t('admin.people.heading')}</a></li>
            <li><a href="${href(ctx, '/admin/outbox')}">${t('admin.outbox.heading')}</a></li>
            <li><a href="${href(ctx, '/admin/jobs')}">${t('admin.jobs.heading')}</a></li>
            <li><a href="${href(ctx, '/admin/audit')}">${t('admin.audit.heading')}</a></li>
            <li><a href="${href(ctx, '/admin/reports')}">${t('message.reports.heading')}</a></li>
            <li><a href="${href(ctx, '/admin/communities')}">${t('community.admin.heading')}</a></li>
          </ul>
          <h2>${t('policy.heading')}</h2>
          <ul class="link-list">
            <li><a href="${href(ctx, '/admin/self-assessment/policy')}">${t('policy.title')}</a></li>
            <li><a href="${href(ctx, '/admin/self-assessment/settings')}">${t('settings.title')}</a></li>
          </ul>`
        : ''
    }`;
  return page(ctx, t('admin.heading'), body);
}

export function peopleView(
  ctx: PageContext,
  csrf: string,
  q: string,
  people: { id: number; name: string; email: string; role: string; email_confirmed_at: string | null }[],
  errors: FieldError[] = [],
  notice?: string,
): string {
  const { t } = ctx;
  const body = html`<h1>${t('admin.people.heading')}</h1>
    ${doneNotice(notice && t(notice))}
    ${errorSummary(ctx, errors)}
    <form class="search-page" action="${href(ctx, '/admin/people')}" method="get" role="search">
      ${searchField({ id: 'people-q', label: t('admin.people.search'), value: q, button: t('search.button') })}
    </form>
    ${table({
      id: 'field-role',
      caption: t('admin.people.heading'),
      captionHidden: true,
      head: [t('admin.people.name'), t('account.field.email'), t('admin.people.role')],
      rowHeadings: true,
      rows: people.map((p) => [
        html`<bdi>${p.name}</bdi>${p.email_confirmed_at ? '' : html` <span class="meta">(${t('admin.people.unconfirmed')})</span>`}`,
        html`<span class="breakable">${p.email}</span>`,
        postForm(
          href(ctx, `/admin/people/${p.id}/role`),
          csrf,
          html`<label class="visually-hidden" for="role-${p.id}">${t('admin.people.roleOf', { name: p.name })}</label>
            <select id="role-${p.id}" name="role">${siteRoles.map((r) => html`<option value="${r}"${r === p.role ? html` selected` : ''}>${t(`admin.role.${r}`)}</option>`)}</select>
            ${button({ text: t('admin.people.save'), variant: 'secondary' })}`,
          'inline-form',
        ),
      ]),
    })}`;
  return page(ctx, t('admin.people.heading'), body, errors.length > 0);
}

export function outboxView(ctx: PageContext, mails: { id: number; to_address: string; subject: string; body: string; created_at: string }[]): string {
  const { t } = ctx;
  const body = html`<h1>${t('admin.outbox.heading')}</h1>
    <p class="lead">${t('admin.outbox.intro')}</p>
    ${
      mails.length
        ? mails.map((m) =>
            card({
              heading: m.subject,
              body: html`<p class="meta">${t('admin.outbox.to', { to: m.to_address })} · ${when(ctx, m.created_at)}</p>
                  <pre class="mail">${m.body}</pre>`,
            }),
          )
        : html`<p>${t('admin.outbox.empty')}</p>`
    }`;
  return page(ctx, t('admin.outbox.heading'), body);
}

/** An audit entry in the reader's language; role values and kinds of content are translated too. */
function describe(ctx: PageContext, e: { action: string; subject: string; details: string }): string {
  const details = JSON.parse(e.details) as Record<string, string>;
  const values: Record<string, string> = { subject: e.subject };
  for (const [k, v] of Object.entries(details))
    values[k] = e.action === 'user.role' ? ctx.t(`admin.role.${v}`) : k === 'kind' ? ctx.t(`admin.content.one.${v}`) : v;
  const key = `admin.audit.action.${e.action}`;
  // An action without its sentence (a new one) still lists, as its name: the log must never fail.
  return key in catalogues.en ? ctx.t(key, values) : `${e.action} (${e.subject})`;
}

export function auditView(ctx: PageContext, entries: { at: string; actor_name: string; action: string; subject: string; details: string }[]): string {
  const { t } = ctx;
  const body = html`<h1>${t('admin.audit.heading')}</h1>
    ${
      entries.length
        ? table({
            id: 'audit',
            caption: t('admin.audit.heading'),
            captionHidden: true,
            head: [t('admin.audit.when'), t('admin.audit.who'), t('admin.audit.what')],
            rows: entries.map((e) => [when(ctx, e.at), e.actor_name ? html`<bdi>${e.actor_name}</bdi>` : t('admin.formerMember'), describe(ctx, e)]),
          })
        : html`<p>${t('admin.audit.empty')}</p>`
    }`;
  return page(ctx, t('admin.audit.heading'), body);
}
