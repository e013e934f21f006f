import type { PageContext } from '../../../../http/context.ts';
import { formList, formText, type FieldError } from '../../../../http/forms.ts';
import type { Text } from '../../../../i18n/localise.ts';
import { button, linkButton } from '../../../../ui/components/button/button.ts';
import { choiceList } from '../../../../ui/components/choice-list/choice-list.ts';
import { disclosure } from '../../../../ui/components/disclosure/disclosure.ts';
import { errorSummary, field, postForm, select, textarea } from '../../../../ui/components/field/field.ts';
import { notice } from '../../../../ui/components/notice/notice.ts';
import { tag } from '../../../../ui/components/tag/tag.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { centreTypes, countries, partnerTopics } from '../../../centres/lists.ts';
import type { DirectoryCard } from '../../../centres/directory/repository.ts';
import { reasonsText, type ReasonLabels } from '../../matching/reasons.ts';
import type { Suggestion } from '../../matching/match.ts';
import type { RequestRow } from '../repository.ts';
import { CAP_MAX, DESCRIPTION_MAX, TITLE_MAX } from '../schemas.ts';
import type { RequestStatus } from '../service.ts';
import { requestFacts, statusTag } from './public.ts';
import { suggestionFilters } from '../../suggestions/views/suggestions.ts';
import type { SuggestionsQuery } from '../../suggestions/schemas.ts';

// A centre's partner requests in its account: the list, the form to post one, the author's view
// (replies side by side with the replying centres, suggested centres) and the reply page.

type Centre = { slug: string; name: string };
const crumbs = (ctx: PageContext, c: Centre) => [
  { href: href(ctx, '/account'), label: ctx.t('nav.account') },
  { href: href(ctx, `/account/centres/${c.slug}`), label: c.name },
];

export function myRequestsView(ctx: PageContext, centre: Centre, requests: (RequestRow & { status: RequestStatus })[]): string {
  const { t } = ctx;
  const base = `/account/centres/${centre.slug}/requests`;
  const body = html`<p class="kicker"><bdi>${centre.name}</bdi></p>
    <h1>${t('request.mine.heading')}</h1>
    <p class="lead">${t('request.mine.intro')}</p>
    <p>${linkButton({ href: href(ctx, `${base}/new`), text: t('request.mine.post') })}</p>
    ${
      requests.length
        ? html`<ul class="conversation-list">${requests.map(
            (r) => html`<li><a href="${href(ctx, `${base}/${r.id}`)}"><bdi>${r.title}</bdi></a> ${statusTag(ctx, r.status)}
              <span class="meta">${r.reply_cap ? t('request.repliesOfCap', { count: r.replies, cap: r.reply_cap }) : t('request.replies', { count: r.replies })}</span></li>`,
          )}</ul>`
        : html`<p>${t('request.mine.none')}</p>`
    }`;
  return layout(ctx, { title: t('request.mine.heading'), body, index: false, pageType: 'account', breadcrumbs: crumbs(ctx, centre) });
}

export function newRequestView(
  ctx: PageContext,
  csrf: string,
  centre: Centre,
  v: Record<string, string | string[]>,
  sectors: Map<string, Text>,
  errors: FieldError[] = [],
): string {
  const { t } = ctx;
  const collator = new Intl.Collator(ctx.lang);
  const fields = html`${field(ctx, { name: 'title', label: t('request.field.title'), hint: t('request.field.titleHint'), value: formText(v, 'title'), maxlength: TITLE_MAX, errors })}
    ${select(ctx, {
      name: 'purpose',
      label: t('request.field.purpose'),
      value: formText(v, 'purpose'),
      placeholder: t('form.choose'),
      options: partnerTopics.map((x) => ({ value: x, label: t(`centre.topic.${x}`) })),
      errors,
    })}
    ${textarea(ctx, { name: 'description', label: t('request.field.description'), hint: t('request.field.descriptionHint', { max: DESCRIPTION_MAX }), value: formText(v, 'description'), maxlength: DESCRIPTION_MAX, rows: 8, errors })}
    ${choiceList(ctx, { kind: 'checkbox', name: 'sectors', legend: t('request.field.sectors'), values: formList(v, 'sectors'), columns: true, options: [...sectors].map(([value, label]) => ({ value, label: label.value })), errors })}
    ${disclosure({
      // Sixty countries: folded away until wanted, open when some are chosen or one is wrong.
      summary: t('request.field.countriesSummary', { count: formList(v, 'countries').length }),
      open: formList(v, 'countries').length > 0 || errors.some((e) => e.field === 'countries'),
      className: 'countries-choice',
      body: choiceList(ctx, {
        kind: 'checkbox',
        name: 'countries',
        legend: t('request.field.countries'),
        hint: t('request.field.countriesHint'),
        values: formList(v, 'countries'),
        columns: true,
        options: countries.map((c) => ({ value: c, label: ctx.format.country(c) })).sort((a, b) => collator.compare(a.label, b.label)),
        errors,
      }),
    })}
    ${choiceList(ctx, { kind: 'checkbox', name: 'types', legend: t('request.field.types'), values: formList(v, 'types'), options: centreTypes.map((c) => ({ value: c, label: t(`centre.type.${c}`) })), errors })}
    ${field(ctx, { name: 'deadline', type: 'date', label: t('request.field.deadline'), hint: t('request.field.deadlineHint'), value: formText(v, 'deadline'), errors, width: 'medium' })}
    ${field(ctx, { name: 'cap', type: 'number', min: 1, max: CAP_MAX, label: t('request.field.cap'), hint: t('request.field.capHint', { max: CAP_MAX }), value: formText(v, 'cap'), errors, width: 'short' })}
    ${button({ text: t('request.new.submit') })}`;
  const body = html`<p class="kicker"><bdi>${centre.name}</bdi></p>
    <h1>${t('request.new.heading')}</h1>
    ${errorSummary(ctx, errors)}
    <p class="lead">${t('request.new.intro')}</p>
    ${postForm(href(ctx, `/account/centres/${centre.slug}/requests`), csrf, fields)}`;
  return layout(ctx, {
    title: errors.length ? `${t('form.errorTitlePrefix')} ${t('request.new.heading')}` : t('request.new.heading'),
    body,
    index: false,
    pageType: 'account',
    breadcrumbs: crumbs(ctx, centre),
  });
}

function centreCard(ctx: PageContext, c: DirectoryCard, extra: Html): Html {
  const { t } = ctx;
  const topics = (xs: string[]) => ctx.format.list(partnerTopics.filter((x) => xs.includes(x)).map((x) => t(`centre.topic.${x}`)));
  return html`<li class="reply-card">
    <h3><a href="${href(ctx, `/centres/${c.slug}`)}"><bdi>${c.name}</bdi></a></h3>
    <p class="meta"><bdi>${c.city}</bdi>${t('format.separator')}${ctx.format.country(c.country)} · ${t(`centre.type.${c.type}`)}</p>
    ${c.accredited ? html`<p class="tags">${tag(t('directory.status.accredited'), 'success')}</p>` : ''}
    ${c.offers.length ? html`<p class="centre-topics">${t('directory.card.offers', { topics: topics(c.offers) })}</p>` : ''}
    ${extra}
  </li>`;
}

export interface AuthorView {
  centre: Centre;
  request: RequestRow;
  status: RequestStatus;
  replies: { id: number; first: string; card: DirectoryCard | null; name: string }[];
  suggestions: (Suggestion & { card: DirectoryCard })[];
}

export function authorView(
  ctx: PageContext,
  csrf: string,
  d: AuthorView,
  sectors: Map<string, Text>,
  labels: ReasonLabels,
  s: { filters: SuggestionsQuery; done?: string | undefined },
): string {
  const done = s.done;
  const filtered = Object.values(s.filters).some((v) => v.length > 0);
  const { t } = ctx;
  const base = `/account/centres/${d.centre.slug}`;
  const excerpt = (s: string) => (s.length > 280 ? `${s.slice(0, 280)}…` : s);
  const body = html`<p class="kicker"><bdi>${d.centre.name}</bdi></p>
    <h1><bdi>${d.request.title}</bdi></h1>
    ${done ? notice(t(done), { tone: 'success' }) : ''}
    <p>${statusTag(ctx, d.status)} <a href="${href(ctx, `/partners/${d.request.id}`)}">${t('request.publicPage')}</a></p>
    ${requestFacts(ctx, d.request, sectors)}
    ${d.status === 'open' ? postForm(href(ctx, `${base}/requests/${d.request.id}/close`), csrf, button({ text: t('request.close'), variant: 'secondary' })) : ''}
    <h2>${t('request.author.replies', { count: d.replies.length })}</h2>
    ${
      d.replies.length
        ? html`<ul class="reply-cards">${d.replies.map((r) =>
            r.card
              ? centreCard(
                  ctx,
                  r.card,
                  html`<blockquote class="message-body" dir="auto">${excerpt(r.first)}</blockquote>
                    <p><a href="${href(ctx, `${base}/messages/${r.id}`)}">${t('request.author.open')}</a></p>`,
                )
              : html`<li class="reply-card"><h3><bdi>${r.name}</bdi></h3><p><a href="${href(ctx, `${base}/messages/${r.id}`)}">${t('request.author.open')}</a></p></li>`,
          )}</ul>`
        : html`<p>${t('request.author.noReplies')}</p>`
    }
    <h2 id="suggestions">${t('request.author.suggestions')}</h2>
    <p>${t('request.author.suggestionsIntro')}</p>
    ${suggestionFilters(ctx, href(ctx, `${base}/requests/${d.request.id}`), s.filters, sectors, '#suggestions')}
    ${
      d.suggestions.length
        ? html`<ul class="reply-cards">${d.suggestions.map((s) =>
            centreCard(
              ctx,
              s.card,
              html`<ul class="reasons">${reasonsText(ctx, s.reasons, labels).map((x) => html`<li>${x}</li>`)}</ul>
                <p><a href="${href(ctx, `${base}/messages/new?to=${s.card.slug}`)}">${t('message.writeTo')}</a></p>`,
            ),
          )}</ul>`
        : html`<p>${t(filtered ? 'network.suggestions.none' : 'request.author.noSuggestions')}</p>`
    }
    <p><a href="${href(ctx, `${base}/requests`)}">${t('request.mine.heading')}</a></p>`;
  return layout(ctx, { title: d.request.title, body, index: false, pageType: 'account', breadcrumbs: crumbs(ctx, d.centre) });
}

export function replyView(
  ctx: PageContext,
  csrf: string,
  d: { request: RequestRow; mine: { slug: string; name: string }[] },
  v: { centre: string; body: string },
  errors: FieldError[] = [],
): string {
  const { t } = ctx;
  const body = html`<p class="kicker">${t('request.kicker')}</p>
    <h1>${t('request.replyTo', { title: d.request.title })}</h1>
    ${errorSummary(ctx, errors)}
    ${
      d.mine.length
        ? html`<p class="lead">${t('request.replyIntro', { centre: d.request.centre_name })}</p>
          ${postForm(
            href(ctx, `/account/partners/${d.request.id}/reply`),
            csrf,
            html`${
              d.mine.length === 1
                ? html`<input type="hidden" name="centre" value="${d.mine[0]!.slug}"><p>${t('request.replyAs', { centre: d.mine[0]!.name })}</p>`
                : choiceList(ctx, {
                    kind: 'radio',
                    name: 'centre',
                    legend: t('request.replyWhich'),
                    values: [v.centre],
                    options: d.mine.map((c) => ({ value: c.slug, label: html`<bdi>${c.name}</bdi>` })),
                    errors,
                  })
            }
              ${textarea(ctx, { name: 'body', label: t('message.field.body'), hint: t('request.replyBodyHint'), value: v.body, maxlength: 5000, rows: 8, errors })}
              ${button({ text: t('request.replySend') })}`,
          )}`
        : html`${notice(t('message.choose.noCentre'))}<p>${linkButton({ href: href(ctx, '/account/centres/new'), text: t('centres.add') })}</p>`
    }
    <p><a href="${href(ctx, `/partners/${d.request.id}`)}">${t('request.backToRequest')}</a></p>`;
  return layout(ctx, {
    title: errors.length
      ? `${t('form.errorTitlePrefix')} ${t('request.replyTo', { title: d.request.title })}`
      : t('request.replyTo', { title: d.request.title }),
    body,
    index: false,
    pageType: 'account',
  });
}
