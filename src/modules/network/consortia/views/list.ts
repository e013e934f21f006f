import type { PageContext } from '../../../../http/context.ts';
import { formText, type FieldError } from '../../../../http/forms.ts';
import { button } from '../../../../ui/components/button/button.ts';
import { choiceList } from '../../../../ui/components/choice-list/choice-list.ts';
import { errorSummary, field, postForm, textarea } from '../../../../ui/components/field/field.ts';
import { doneNotice } from '../../../../ui/components/notice/notice.ts';
import { tag } from '../../../../ui/components/tag/tag.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { currentRuleSet, ruleSets } from '../../consortium/rules/index.ts';
import { DESCRIPTION_MAX, TITLE_MAX } from '../schemas.ts';
import type { ConsortiaList } from '../service.ts';

// A centre's consortia: those it coordinates (its members see them), the invitations other
// centres sent it, each answered here, and the form that starts a new one (its administrators).

export interface ListState {
  csrf: string;
  notice?: string;
  /** the start form's values and errors, when it came back */
  values?: Record<string, string | string[]>;
  errors?: FieldError[];
}

export const consortiaPath = (slug: string) => `/account/centres/${slug}/consortia`;

/** Accept and decline, one form with two buttons; `from` says where to come back to. */
export function answerForm(ctx: PageContext, action: string, csrf: string, o: { accepted: boolean; from: 'list' | 'consortium'; title: string }): Html {
  const { t } = ctx;
  return postForm(
    action,
    csrf,
    html`<input type="hidden" name="from" value="${o.from}">
      <div class="button-group">
        ${o.accepted ? '' : button({ text: t('consortium.answer.accept'), name: 'answer', value: 'accept', label: t('consortium.answer.acceptLabel', { title: o.title }) })}
        ${button({
          text: t(o.accepted ? 'consortium.answer.withdraw' : 'consortium.answer.decline'),
          name: 'answer',
          value: 'decline',
          variant: 'secondary',
          label: t(o.accepted ? 'consortium.answer.withdrawLabel' : 'consortium.answer.declineLabel', { title: o.title }),
        })}
      </div>`,
    'form answer-form',
  );
}

export function consortiaView(ctx: PageContext, d: ConsortiaList, s: ListState): string {
  const { t } = ctx;
  const base = consortiaPath(d.centre.slug);
  const errors = s.errors ?? [];
  const v = s.values ?? { rules: currentRuleSet.id };
  const coordinated = html`<section aria-labelledby="coordinated-heading">
    <h2 id="coordinated-heading">${t('consortium.list.coordinated')}</h2>
    ${
      d.coordinated.length
        ? html`<ul class="consortia-list">
          ${d.coordinated.map(
            (c) => html`<li>
              <h3><a href="${href(ctx, `${base}/${c.consortium.id}`)}"><bdi>${c.consortium.title}</bdi></a></h3>
              <p class="meta">${t('consortium.list.summary', { partners: c.partners, met: c.met, rules: c.rules })}</p>
            </li>`,
          )}
        </ul>`
        : html`<p>${t('consortium.list.none')}</p>`
    }
  </section>`;
  const invitations = d.manage
    ? html`<section aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">${t('consortium.list.invitations')}</h2>
        ${
          d.invitations.length
            ? html`<ul class="consortia-list">
              ${d.invitations.map(
                (i) => html`<li>
                  <h3><a href="${href(ctx, `${base}/${i.id}`)}"><bdi>${i.title}</bdi></a></h3>
                  <p class="meta">${t('consortium.list.invitedBy', { coordinator: i.coordinator, full: i.full_partner === 1 ? 'yes' : 'no' })}</p>
                  <p>${tag(t(`consortium.status.${i.status}`), i.status === 'accepted' ? 'success' : i.status === 'declined' ? 'error' : 'warning')}</p>
                  ${
                    i.status === 'declined'
                      ? ''
                      : answerForm(ctx, href(ctx, `${base}/${i.id}/answer`), s.csrf, { accepted: i.status === 'accepted', from: 'list', title: i.title })
                  }
                </li>`,
              )}
            </ul>`
            : html`<p>${t('consortium.list.noInvitations')}</p>`
        }
      </section>`
    : '';
  const start = d.manage
    ? html`<section aria-labelledby="start-heading">
        <h2 id="start-heading">${t('consortium.start.heading')}</h2>
        <p>${t('consortium.start.intro')}</p>
        ${postForm(
          href(ctx, base),
          s.csrf,
          html`${field(ctx, { name: 'title', label: t('consortium.field.title'), hint: t('consortium.field.titleHint'), value: formText(v, 'title'), maxlength: TITLE_MAX, errors })}
            ${textarea(ctx, {
              name: 'description',
              label: t('consortium.field.description'),
              hint: t('consortium.field.descriptionHint', { max: DESCRIPTION_MAX }),
              value: formText(v, 'description'),
              maxlength: DESCRIPTION_MAX,
              rows: 4,
              errors,
            })}
            ${choiceList(ctx, {
              kind: 'radio',
              name: 'rules',
              legend: t('consortium.field.rules'),
              hint: t('consortium.field.rulesHint'),
              values: [formText(v, 'rules')],
              options: [...ruleSets.values()].map((r) => ({ value: r.id, label: html`<bdi lang="en">${r.guide}</bdi>` })),
              errors,
            })}
            ${button({ text: t('consortium.start.submit') })}`,
        )}
      </section>`
    : '';
  const body = html`<p class="kicker"><bdi>${d.centre.name}</bdi></p>
    <h1>${t('consortium.list.heading')}</h1>
    ${doneNotice(s.notice ? t(s.notice) : undefined)}
    ${errorSummary(ctx, errors)}
    <p class="lead">${t('consortium.list.intro')}</p>
    ${coordinated}
    ${invitations}
    ${start}
    <p class="back-link"><a href="${href(ctx, `/account/centres/${d.centre.slug}`)}">${t('consortium.list.back')}</a></p>`;
  const title = t('consortium.list.heading');
  return layout(ctx, {
    title: errors.length ? `${t('form.errorTitlePrefix')} ${title}` : title,
    body,
    index: false,
    pageType: 'account',
    breadcrumbs: [
      { href: href(ctx, '/account'), label: t('nav.account') },
      { href: href(ctx, `/account/centres/${d.centre.slug}`), label: d.centre.name },
    ],
  });
}
