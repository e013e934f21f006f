import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { languages, nativeNames, type Lang } from '../../../i18n/languages.ts';
import type { Text } from '../../../i18n/localise.ts';
import { button, buttonGroup, linkButton } from '../../../ui/components/button/button.ts';
import { checkbox, choiceList } from '../../../ui/components/choice-list/choice-list.ts';
import { errorSummary, field, postForm, select, textarea } from '../../../ui/components/field/field.ts';
import { doneNotice } from '../../../ui/components/notice/notice.ts';
import { table } from '../../../ui/components/table/table.ts';
import { tag } from '../../../ui/components/tag/tag.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout, type Crumb } from '../../../ui/layout.ts';
import { facts } from '../../../ui/components/shared.ts';
import { inLanguage, langOf, txt } from '../../../ui/text.ts';
import { CONDUCT_MAX, DESCRIPTION_MAX, NAME_MAX, QUESTION_MAX, textFields } from '../admin-schemas.ts';
import type { CommunityLine } from '../admin-service.ts';
import { joinings, visibilities } from '../lists.ts';
import type { MemberRow } from '../repository.ts';

// The back office's pages of communities: the list of them all (archived ones too), and one form
// to create or change one, with its texts per language; the edit page also archives it and names
// its facilitators. Names people typed are isolated with <bdi> where they sit among other words.

const LIST = '/admin/communities';

function page(ctx: PageContext, title: string, body: Html, o: { withErrors?: boolean; inList?: boolean } = {}): string {
  const crumbs: Crumb[] = [{ href: href(ctx, '/admin'), label: ctx.t('header.backOffice') }];
  if (o.inList) crumbs.push({ href: href(ctx, LIST), label: ctx.t('community.admin.heading') });
  return layout(ctx, {
    title: o.withErrors ? `${ctx.t('form.errorTitlePrefix')} ${title}` : title,
    body,
    index: false,
    pageType: 'admin',
    breadcrumbs: crumbs,
  });
}

const themeLabel = (ctx: PageContext, themes: Map<string, Text>, theme: string): Html => {
  const label = themes.get(theme);
  return label ? txt(label, ctx) : html`${theme}`;
};

export function communityListView(ctx: PageContext, communities: CommunityLine[], themes: Map<string, Text>, notice?: string): string {
  const { t } = ctx;
  const body = html`<h1>${t('community.admin.heading')}</h1>
    ${doneNotice(notice && t(notice))}
    <p class="lead">${t('community.admin.intro')}</p>
    ${buttonGroup([linkButton({ href: href(ctx, `${LIST}/new`), text: t('community.admin.new') })])}
    ${
      communities.length
        ? table({
            id: 'communities',
            caption: t('community.admin.heading'),
            captionHidden: true,
            head: [
              t('community.admin.field.name'),
              t('community.admin.field.theme'),
              t('community.admin.field.joining'),
              t('community.admin.field.visibility'),
              t('community.admin.members'),
              t('community.admin.topics'),
              t('community.admin.status'),
            ],
            rowHeadings: true,
            numeric: [4, 5],
            rows: communities.map((c) => [
              html`<a href="${href(ctx, `${LIST}/${c.slug}`)}"><bdi${langOf(c.name, ctx)}>${c.name.value}</bdi></a>`,
              themeLabel(ctx, themes, c.theme),
              t(`community.joining.${c.joining}`),
              t(`community.visibility.${c.visibility}`),
              ctx.format.number(c.members),
              ctx.format.number(c.topics),
              c.archived ? tag(t('community.admin.archived'), 'neutral') : tag(t('community.admin.active'), 'success'),
            ]),
          })
        : html`<p>${t('community.admin.none')}</p>`
    }`;
  return page(ctx, t('community.admin.heading'), body);
}

/** The edit page's extras: the community as it is saved, and its facilitators. */
export interface Editing {
  slug: string;
  name: Text;
  archived: boolean;
  facilitators: MemberRow[];
  /** the add-a-facilitator field's value (kept when it comes back with an error) */
  email: string;
}

export interface CommunityFormOptions {
  csrf: string;
  themes: Map<string, Text>;
  /** the form's values: from the saved community, or as the person sent them */
  values: Record<string, string>;
  errors?: FieldError[];
  notice?: string;
  /** absent: a new community */
  editing?: Editing;
}

/** One language's texts, in a fieldset of their own; the controls are in that language. */
function languageTexts(ctx: PageContext, l: Lang, values: Record<string, string>, errors: FieldError[]): Html {
  const { t } = ctx;
  const f = textFields(l);
  const common = { errors, lang: l };
  return html`<fieldset class="field">
    <legend><span${inLanguage(l, ctx)}>${nativeNames[l]}</span></legend>
    <p class="hint">${l === 'en' ? t('community.admin.englishHint') : t('community.admin.languageHint')}</p>
    ${field(ctx, { ...common, name: f.name, label: t('community.admin.field.name'), value: values[f.name] ?? '', maxlength: NAME_MAX })}
    ${textarea(ctx, { ...common, name: f.description, label: t('community.admin.field.description'), hint: t('community.admin.markdownHint'), value: values[f.description] ?? '', maxlength: DESCRIPTION_MAX, rows: 5 })}
    ${textarea(ctx, { ...common, name: f.joinQuestion, label: t('community.admin.field.joinQuestion'), hint: t('community.admin.joinQuestionHint'), value: values[f.joinQuestion] ?? '', maxlength: QUESTION_MAX, rows: 2 })}
    ${textarea(ctx, { ...common, name: f.codeOfConduct, label: t('community.admin.field.codeOfConduct'), hint: t('community.admin.markdownHint'), value: values[f.codeOfConduct] ?? '', maxlength: CONDUCT_MAX, rows: 8 })}
  </fieldset>`;
}

function settings(ctx: PageContext, o: CommunityFormOptions, errors: FieldError[]): Html {
  const { t } = ctx;
  const v = o.values;
  return html`${
    o.editing
      ? facts([
          [
            t('community.admin.address'),
            html`<a href="${href(ctx, `/communities/${o.editing.slug}`)}" dir="ltr">/${ctx.lang}/communities/${o.editing.slug}</a>`,
          ],
        ])
      : field(ctx, { name: 'slug', label: t('community.admin.field.slug'), hint: t('community.admin.slugHint'), value: v.slug ?? '', maxlength: 60, errors })
  }
    ${select(ctx, {
      name: 'theme',
      label: t('community.admin.field.theme'),
      placeholder: t('form.choose'),
      value: v.theme ?? '',
      errors,
      options: [...o.themes].map(([value, label]) => ({ value, label: label.value })),
    })}
    ${choiceList(ctx, {
      name: 'joining',
      kind: 'radio',
      legend: t('community.admin.field.joining'),
      values: [v.joining ?? ''],
      errors,
      options: joinings.map((j) => ({ value: j, label: t(`community.joining.${j}`), hint: t(`community.admin.joiningHint.${j}`) })),
    })}
    ${choiceList(ctx, {
      name: 'visibility',
      kind: 'radio',
      legend: t('community.admin.field.visibility'),
      values: [v.visibility ?? ''],
      errors,
      options: visibilities.map((x) => ({ value: x, label: t(`community.visibility.${x}`), hint: t(`community.admin.visibilityHint.${x}`) })),
    })}
    ${checkbox(ctx, { name: 'approveFirstPosts', label: t('community.admin.field.approveFirstPosts'), checked: v.approveFirstPosts === 'yes', errors })}
    ${field(ctx, {
      name: 'flagThreshold',
      label: t('community.admin.field.flagThreshold'),
      hint: t('community.admin.field.flagThresholdHint'),
      value: v.flagThreshold ?? '3',
      type: 'number',
      min: 1,
      max: 50,
      width: 'short',
      errors,
    })}
    <h2>${t('community.admin.texts')}</h2>
    ${languages.map((l) => languageTexts(ctx, l, v, errors))}`;
}

function archiving(ctx: PageContext, csrf: string, e: Editing): Html {
  const { t } = ctx;
  const action = href(ctx, `${LIST}/${e.slug}/archive`);
  return html`<h2>${t('community.admin.archiveHeading')}</h2>
    <p>${e.archived ? tag(t('community.admin.archived'), 'neutral') : tag(t('community.admin.active'), 'success')} ${t(e.archived ? 'community.admin.isArchived' : 'community.admin.isActive')}</p>
    ${postForm(
      action,
      csrf,
      html`<input type="hidden" name="on" value="${e.archived ? 'no' : 'yes'}">
        ${button({ text: t(e.archived ? 'community.admin.restore' : 'community.admin.archive'), variant: e.archived ? 'secondary' : 'warning' })}`,
      'inline-form',
    )}`;
}

function facilitators(ctx: PageContext, csrf: string, e: Editing, errors: FieldError[]): Html {
  const { t } = ctx;
  return html`<h2 id="facilitators">${t('community.admin.facilitators')}</h2>
    <p>${t('community.admin.facilitatorsIntro')}</p>
    ${
      e.facilitators.length
        ? html`<ul class="link-list">${e.facilitators.map(
            (f) => html`<li><bdi>${f.name}</bdi>
              ${postForm(
                href(ctx, `${LIST}/${e.slug}/facilitators/${f.userId}/remove`),
                csrf,
                button({ text: t('community.admin.remove'), variant: 'secondary', label: t('community.admin.removeWho', { name: f.name }) }),
                'inline-form',
              )}</li>`,
          )}</ul>`
        : html`<p>${t('community.admin.noFacilitators')}</p>`
    }
    ${postForm(
      href(ctx, `${LIST}/${e.slug}/facilitators`),
      csrf,
      html`${field(ctx, { name: 'email', type: 'email', label: t('community.admin.addFacilitator'), hint: t('community.admin.addFacilitatorHint'), value: e.email, maxlength: 254, errors })}
        ${button({ text: t('community.admin.add'), variant: 'secondary' })}`,
    )}`;
}

export function communityFormView(ctx: PageContext, o: CommunityFormOptions): string {
  const { t } = ctx;
  const errors = o.errors ?? [];
  const e = o.editing;
  const title = e ? e.name.value : t('community.admin.new');
  const body = html`<h1${e ? langOf(e.name, ctx) : ''}>${e ? html`<bdi>${title}</bdi>` : title}</h1>
    ${doneNotice(o.notice && t(o.notice))}
    ${errorSummary(ctx, errors)}
    ${postForm(
      href(ctx, e ? `${LIST}/${e.slug}` : `${LIST}/new`),
      o.csrf,
      html`${settings(ctx, o, errors)}
        ${button({ text: t(e ? 'community.admin.save' : 'community.admin.create') })}`,
    )}
    ${e ? html`${facilitators(ctx, o.csrf, e, errors)}${archiving(ctx, o.csrf, e)}` : ''}`;
  return page(ctx, title, body, { withErrors: errors.length > 0, inList: true });
}
