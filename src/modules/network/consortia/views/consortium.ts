import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { button } from '../../../../ui/components/button/button.ts';
import { errorSummary, postForm } from '../../../../ui/components/field/field.ts';
import { doneNotice, notice } from '../../../../ui/components/notice/notice.ts';
import { table } from '../../../../ui/components/table/table.ts';
import { tag } from '../../../../ui/components/tag/tag.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import type { ConsortiumPage, Match } from '../service.ts';
import { partnerWords, statusTone } from '../text.ts';
import { checklistSection } from './checklist.ts';
import { answerForm, consortiaPath } from './list.ts';
import { inviteSection, outsideSection } from './partner-forms.ts';

// A consortium: an invited centre's answer (on its side), the partners, the live checklist, the
// coordinator's forms to invite centres and add outside partners, and the exports.

export interface PageState {
  csrf: string;
  notice?: string;
  /** the search for centres to invite, and what it found */
  q: string;
  matches: Match[];
  /** which form the errors belong to */
  form?: 'invite' | 'outside';
  errors?: FieldError[];
  /** the outside partner form's values, as sent */
  values?: Record<string, string | string[]>;
}

/** On an invited centre's side: the invitation, and its answer. */
function answerBox(ctx: PageContext, p: ConsortiumPage, path: string, csrf: string): Html {
  const { t } = ctx;
  const own = p.own;
  if (!own) return html``;
  const values = { coordinator: p.coordinator.name, centre: p.centre.name, full: own.full ? 'yes' : 'no' };
  const text = t(`consortium.answer.${own.status === 'accepted' ? 'accepted' : own.status === 'declined' ? 'declined' : 'invited'}`, values);
  const form =
    p.answer && own.status !== 'declined'
      ? answerForm(ctx, `${path}/answer`, csrf, { accepted: own.status === 'accepted', from: 'consortium', title: p.consortium.title })
      : '';
  return notice(html`<p>${text}</p>${form}`, { tone: own.status === 'invited' ? 'warning' : 'info', className: 'answer-box' });
}

function partnersSection(ctx: PageContext, p: ConsortiumPage, path: string, csrf: string): Html {
  const { t } = ctx;
  const ids = (x: ConsortiumPage['partners'][number]) => {
    const lines = [x.oid ? t('consortium.ids.oid', { oid: x.oid }) : '', x.pic ? t('consortium.ids.pic', { pic: x.pic }) : ''].filter(Boolean);
    return lines.length ? html`${lines.map((l, i) => html`${i ? html`<br>` : ''}<span dir="ltr">${l}</span>`)}` : '–';
  };
  return html`<section aria-labelledby="partners-heading">
    <h2 id="partners-heading">${t('consortium.partners.heading', { count: p.partners.length })}</h2>
    <p class="hint">${t('consortium.partners.counting')}</p>
    ${table({
      id: 'partners',
      caption: t('consortium.partners.caption', { title: p.consortium.title }),
      captionHidden: true,
      className: 'partners-table',
      rowHeadings: true,
      head: [
        t('consortium.column.name'),
        t('consortium.column.country'),
        t('consortium.column.status'),
        t('consortium.column.eqf'),
        t('consortium.column.ids'),
        ...(p.edit ? [html`<span class="visually-hidden">${t('consortium.column.actions')}</span>`] : []),
      ],
      // Each cell's second fact on a line of its own (the kind under the name, the role under the
      // status), so the columns that matter most fit on a phone before the table scrolls.
      rows: p.partners.map((x) => {
        const w = partnerWords(ctx, x);
        return [
          html`<bdi>${x.name}</bdi> <span class="cell-note">${w.kind}</span>`,
          w.country,
          html`${tag(w.status, statusTone(x))} <span class="cell-note">${w.role}</span>`,
          w.eqf,
          ids(x),
          ...(p.edit
            ? [
                x.coordinator
                  ? ''
                  : postForm(
                      href(ctx, `${path}/partners/${x.id}/remove`),
                      csrf,
                      button({ text: t('consortium.partners.remove'), variant: 'link', label: t('consortium.partners.removeLabel', { name: x.name }) }),
                      'inline-form',
                    ),
              ]
            : []),
        ];
      }),
    })}
  </section>`;
}

export function consortiumView(ctx: PageContext, p: ConsortiumPage, s: PageState): string {
  const { t } = ctx;
  const list = consortiaPath(p.centre.slug);
  const path = `${list}/${p.consortium.id}`;
  const errors = s.errors ?? [];
  const body = html`<p class="kicker">${t('consortium.page.kicker', { coordinator: p.coordinator.name })}</p>
    <h1><bdi>${p.consortium.title}</bdi></h1>
    ${doneNotice(s.notice ? t(s.notice) : undefined)}
    ${errorSummary(ctx, errors)}
    ${answerBox(ctx, p, href(ctx, path), s.csrf)}
    ${p.consortium.description ? html`<p class="lead" dir="auto">${p.consortium.description}</p>` : ''}
    ${
      p.edit
        ? html`<nav aria-label="${t('consortium.page.jumpLabel')}"><ul class="jump-links">
          <li><a href="#checklist-heading">${t('consortium.checklist.heading')}</a></li>
          <li><a href="#invite-heading">${t('consortium.invite.heading')}</a></li>
          <li><a href="#outside-heading">${t('consortium.outside.heading')}</a></li>
          <li><a href="#export-heading">${t('consortium.export.heading')}</a></li>
        </ul></nav>`
        : ''
    }
    ${partnersSection(ctx, p, path, s.csrf)}
    ${checklistSection(ctx, p.rules, p.results)}
    ${p.edit ? inviteSection(ctx, path, { csrf: s.csrf, q: s.q, matches: s.matches, errors: s.form === 'invite' ? errors : [] }) : ''}
    ${p.edit ? outsideSection(ctx, path, { csrf: s.csrf, values: s.form === 'outside' ? (s.values ?? {}) : {}, errors: s.form === 'outside' ? errors : [] }) : ''}
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">${t('consortium.export.heading')}</h2>
      <p>${t('consortium.export.intro')}</p>
      <ul>
        <li><a href="${href(ctx, `${path}.csv`)}">${t('consortium.export.csv')}</a></li>
        <li><a href="${href(ctx, `${path}.pdf`)}">${t('consortium.export.pdf')}</a></li>
      </ul>
    </section>
    <p class="back-link"><a href="${href(ctx, list)}">${t('consortium.page.back')}</a></p>`;
  const title = p.consortium.title;
  return layout(ctx, {
    title: errors.length ? `${t('form.errorTitlePrefix')} ${title}` : title,
    body,
    index: false,
    pageType: 'account',
    breadcrumbs: [
      { href: href(ctx, '/account'), label: t('nav.account') },
      { href: href(ctx, `/account/centres/${p.centre.slug}`), label: p.centre.name },
      { href: href(ctx, list), label: t('consortium.list.heading') },
    ],
  });
}
