import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import type { Text } from '../../../i18n/localise.ts';
import { errorSummary, field, postForm, problemSummary, select, textarea } from '../../../ui/components/field/field.ts';
import { choiceList } from '../../../ui/components/choice-list/choice-list.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { txt } from '../../../ui/text.ts';
import { centreTypes, countries, eqfLevels, languageCodes } from '../lists.ts';
import type { CentreRow } from '../repository.ts';
import { MAX_LOGO_BYTES } from '../logos.ts';
import { DESCRIPTION_MAX } from '../schemas.ts';
import { INVITATION_DAYS } from '../service.ts';
import { notice } from '../../../ui/components/notice/notice.ts';
import { button, linkButton } from '../../../ui/components/button/button.ts';
import { table } from '../../../ui/components/table/table.ts';
import { fileField } from '../../files/file-field.ts';

// Creating and managing a centre: the profile form, the logo, members and invitations.

export interface ProfileValues {
  name: string;
  country: string;
  city: string;
  website: string;
  type: string;
  description: string;
  eqf: string[];
  languages: string[];
  sectors: string[];
  published: boolean;
}

export const emptyProfile: ProfileValues = {
  name: '',
  country: '',
  city: '',
  website: '',
  type: '',
  description: '',
  eqf: [],
  languages: [],
  sectors: [],
  published: false,
};

export function profileValues(c: CentreRow, sectors: string[]): ProfileValues {
  return {
    name: c.name,
    country: c.country,
    city: c.city,
    website: c.website ?? '',
    type: c.type,
    description: c.description ?? '',
    eqf: (JSON.parse(c.eqf_levels) as number[]).map(String),
    languages: JSON.parse(c.languages) as string[],
    sectors,
    published: c.published === 1,
  };
}

/** Form values as sent (lists may arrive as one value or several). */
export function valuesFrom(body: Record<string, unknown>): ProfileValues {
  const str = (k: string) => (typeof body[k] === 'string' ? body[k] : '');
  const arr = (k: string) =>
    Array.isArray(body[k]) ? (body[k] as unknown[]).filter((v): v is string => typeof v === 'string') : typeof body[k] === 'string' ? [body[k]] : [];
  return {
    name: str('name'),
    country: str('country'),
    city: str('city'),
    website: str('website'),
    type: str('type'),
    description: str('description'),
    eqf: arr('eqf'),
    languages: arr('languages'),
    sectors: arr('sectors'),
    published: str('published') === 'yes',
  };
}

function profileFields(ctx: PageContext, v: ProfileValues, sectors: Map<string, Text>, errors: FieldError[]): Html {
  const { t } = ctx;
  const collator = new Intl.Collator(ctx.lang);
  return html`${field(ctx, { name: 'name', label: t('centre.field.name'), value: v.name, maxlength: 160, errors })}
    ${select(ctx, {
      name: 'country',
      label: t('centre.field.country'),
      value: v.country,
      placeholder: t('form.choose'),
      options: countries.map((c) => ({ value: c, label: ctx.format.country(c) })).sort((a, b) => collator.compare(a.label, b.label)),
      errors,
    })}
    ${field(ctx, { name: 'city', label: t('centre.field.city'), value: v.city, maxlength: 120, errors })}
    ${field(ctx, { name: 'website', label: t('centre.field.website'), value: v.website, maxlength: 300, hint: t('centre.field.websiteHint'), errors })}
    ${choiceList(ctx, { kind: 'radio', name: 'type', legend: t('centre.field.type'), values: [v.type], options: centreTypes.map((c) => ({ value: c, label: t(`centre.type.${c}`) })), errors })}
    ${choiceList(ctx, { kind: 'checkbox', name: 'sectors', legend: t('centre.field.sectors'), values: v.sectors, columns: true, options: [...sectors].map(([value, label]) => ({ value, label: txt(label, ctx) })), errors })}
    ${choiceList(ctx, { kind: 'checkbox', name: 'eqf', legend: t('centre.field.eqf'), hint: t('centre.field.eqfHint'), values: v.eqf, columns: true, options: eqfLevels.map((n) => ({ value: String(n), label: t('centre.eqfLevel', { level: n }) })), errors })}
    ${choiceList(ctx, {
      kind: 'checkbox',
      name: 'languages',
      legend: t('centre.field.languages'),
      values: v.languages,
      columns: true,
      options: languageCodes.map((c) => ({ value: c, label: ctx.format.language(c) })).sort((a, b) => collator.compare(String(a.label), String(b.label))),
      errors,
    })}
    ${textarea(ctx, { name: 'description', label: t('centre.field.description'), value: v.description, hint: t('centre.field.descriptionHint', { max: DESCRIPTION_MAX }), maxlength: DESCRIPTION_MAX, errors })}
    ${choiceList(ctx, { kind: 'checkbox', name: 'published', legend: t('centre.field.visibility'), values: v.published ? ['yes'] : [], options: [{ value: 'yes', label: t('centre.field.published') }], errors })}`;
}

export function newCentreView(ctx: PageContext, csrf: string, v: ProfileValues, sectors: Map<string, Text>, errors: FieldError[] = []): string {
  const { t } = ctx;
  const body = html`<h1>${t('centre.new.heading')}</h1>
    <p class="lead">${t('centre.new.intro')}</p>
    ${errorSummary(ctx, errors)}
    ${postForm(href(ctx, '/account/centres'), csrf, html`${profileFields(ctx, v, sectors, errors)}${button({ text: t('centre.new.submit') })}`)}`;
  return layout(ctx, {
    title: errors.length ? `${t('form.errorTitlePrefix')} ${t('centre.new.heading')}` : t('centre.new.heading'),
    body,
    index: false,
    pageType: 'account',
  });
}

export interface ManageData {
  centre: CentreRow;
  canManage: boolean;
  userId: number;
  members: { id: number; name: string; email: string; role: string }[];
  invitations: { email: string; role: string; expires_at: string }[];
}

export interface ManageState {
  csrf: string;
  profile: ProfileValues;
  /** which form the errors belong to */
  form?: 'profile' | 'logo' | 'invite' | 'members';
  errors?: FieldError[];
  invite?: { email: string; role: string };
  notice?: string;
}

export function manageView(ctx: PageContext, d: ManageData, s: ManageState, sectors: Map<string, Text>): string {
  const { t } = ctx;
  const base = `/account/centres/${d.centre.slug}`;
  const errors = s.errors ?? [];
  const errorsFor = (form: ManageState['form']) => (s.form === form ? errors : []);
  const body = html`<p class="kicker">${t('centre.manage.kicker')}</p>
    <h1><bdi>${d.centre.name}</bdi></h1>
    ${s.notice ? notice(t(s.notice), { tone: 'success' }) : ''}
    ${errorSummary(ctx, errors)}
    <p>${d.centre.published ? html`<a href="${href(ctx, `/centres/${d.centre.slug}`)}">${t('centre.manage.publicLink')}</a>` : t('centre.manage.notPublished')}</p>
    <p>${linkButton({ href: href(ctx, `${base}/self-assessment`), text: t('centre.manage.selfAssessment') })}</p>
    <section aria-labelledby="network-heading">
      <h2 id="network-heading">${t('centre.manage.networkHeading')}</h2>
      <ul class="link-list">
        ${d.canManage ? html`<li><a href="${href(ctx, `${base}/network`)}">${t('centre.manage.network')}</a></li>` : ''}
        <li><a href="${href(ctx, `${base}/suggestions`)}">${t('centre.manage.suggestions')}</a></li>
        <li><a href="${href(ctx, `${base}/messages`)}">${t('message.inbox.heading')}</a></li>
        <li><a href="${href(ctx, `${base}/requests`)}">${t('request.mine.heading')}</a></li>
        <li><a href="${href(ctx, `${base}/consortia`)}">${t('consortium.centreLink')}</a></li>
      </ul>
    </section>

    ${
      d.canManage
        ? html`<section aria-labelledby="profile-heading">
          <h2 id="profile-heading">${t('centre.manage.profile')}</h2>
          ${postForm(href(ctx, `${base}/profile`), s.csrf, html`${profileFields(ctx, s.profile, sectors, errorsFor('profile'))}${button({ text: t('centre.manage.save') })}`)}
        </section>

        <section aria-labelledby="logo-heading">
          <h2 id="logo-heading">${t('centre.manage.logo')}</h2>
          ${d.centre.logo ? html`<p><img class="logo" src="/uploads/logos/${d.centre.logo}" alt="${t('centre.logoAlt', { name: d.centre.name })}"></p>` : html`<p>${t('centre.manage.noLogo')}</p>`}
          <form class="form" action="${href(ctx, `${base}/logo`)}" method="post" enctype="multipart/form-data" novalidate>
            <input type="hidden" name="_csrf" value="${s.csrf}">
            ${fileField(ctx, {
              name: 'logo',
              label: t('centre.manage.logoFile'),
              hint: t('centre.manage.logoHint', { mb: MAX_LOGO_BYTES / 1024 / 1024 }),
              accept: 'image/png,image/jpeg,image/webp,image/gif',
              errors: errorsFor('logo'),
            })}
            ${button({ text: t('centre.manage.upload') })}
          </form>
          ${d.centre.logo ? postForm(href(ctx, `${base}/logo`), s.csrf, html`<input type="hidden" name="remove" value="yes">${button({ text: t('centre.manage.removeLogo'), variant: 'secondary' })}`) : ''}
        </section>`
        : ''
    }

    <section>
      <h2 id="members-heading">${t('centre.manage.members')}</h2>
      ${table({
        id: 'field-members',
        caption: t('centre.manage.members'),
        captionHidden: true,
        head: [t('centre.manage.name'), t('account.field.email'), t('centre.manage.role'), ...(d.canManage ? [t('centre.manage.actions')] : [])],
        rowHeadings: true,
        rows: d.members.map((m) => [
          html`<bdi>${m.name}</bdi>`,
          html`<span class="breakable">${m.email}</span>`,
          t(`centre.role.${m.role}`),
          ...(d.canManage
            ? [
                html`${postForm(
                  href(ctx, `${base}/members/${m.id}/role`),
                  s.csrf,
                  html`<input type="hidden" name="role" value="${m.role === 'admin' ? 'member' : 'admin'}">${button({
                    text: t(m.role === 'admin' ? 'centre.manage.makeMember' : 'centre.manage.makeAdmin', { name: m.name }),
                    variant: 'link',
                  })}`,
                  'inline-form',
                )}
                ${postForm(href(ctx, `${base}/members/${m.id}/remove`), s.csrf, button({ text: t('centre.manage.remove', { name: m.name }), variant: 'link' }), 'inline-form')}`,
              ]
            : []),
        ]),
      })}
      ${!d.canManage ? postForm(href(ctx, `${base}/members/${d.userId}/remove`), s.csrf, button({ text: t('centre.manage.leave'), variant: 'secondary' })) : ''}
    </section>

    ${
      d.canManage
        ? html`<section aria-labelledby="invite-heading">
          <h2 id="invite-heading">${t('centre.manage.invite')}</h2>
          <p>${t('centre.manage.inviteIntro', { days: INVITATION_DAYS })}</p>
          ${postForm(
            href(ctx, `${base}/invitations`),
            s.csrf,
            html`${field(ctx, { name: 'email', label: t('account.field.email'), type: 'email', value: s.invite?.email ?? '', maxlength: 254, errors: errorsFor('invite') })}
              ${choiceList(ctx, {
                kind: 'radio',
                name: 'role',
                legend: t('centre.manage.role'),
                values: [s.invite?.role ?? 'member'],
                options: [
                  { value: 'member', label: t('centre.role.member') },
                  { value: 'admin', label: t('centre.role.admin') },
                ],
                errors: errorsFor('invite'),
              })}
              ${button({ text: t('centre.manage.sendInvite') })}`,
          )}
          ${
            d.invitations.length
              ? html`<h3>${t('centre.manage.pending')}</h3><ul>${d.invitations.map((i) => html`<li><bdi>${i.email}</bdi> (${t(`centre.role.${i.role}`)})</li>`)}</ul>`
              : ''
          }
        </section>`
        : ''
    }`;
  return layout(ctx, { title: errors.length ? `${t('form.errorTitlePrefix')} ${d.centre.name}` : d.centre.name, body, index: false, pageType: 'account' });
}

export function invitationView(ctx: PageContext, csrf: string, token: string, centre: string, email: string, problem?: 'other-address'): string {
  const { t } = ctx;
  const body = html`<h1>${t('centre.invitation.heading', { centre })}</h1>
    ${
      problem
        ? problemSummary(ctx, { items: [{ text: t('centre.invitation.otherAddress', { email }) }] })
        : html`<p class="lead">${t('centre.invitation.intro', { centre })}</p>`
    }
    ${postForm(href(ctx, '/account/invitations/accept'), csrf, html`<input type="hidden" name="token" value="${token}">${button({ text: t('centre.invitation.accept') })}`)}`;
  return layout(ctx, { title: t('centre.invitation.heading', { centre }), body, index: false, pageType: 'account' });
}
