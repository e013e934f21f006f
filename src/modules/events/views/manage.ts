import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { button, linkButton } from '../../../ui/components/button/button.ts';
import { errorSummary, field, postForm, textarea } from '../../../ui/components/field/field.ts';
import { notice } from '../../../ui/components/notice/notice.ts';
import { table } from '../../../ui/components/table/table.ts';
import { day } from '../../../ui/dates.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import type { EventItem } from '../service.ts';
import { eventHref } from './parts.ts';

// The organiser's pages: the participants (registered and offered places first, then those
// waiting for approval, then the waiting list in order), with approval buttons and a CSV; a
// message to everyone; cancelling the event. And a person's private calendar address.

export interface Participant {
  id: number;
  name: string;
  email: string;
  status: string;
  country: string | null;
  centre: string | null;
  created_at: string;
}

const kicker = (ctx: PageContext, e: EventItem) =>
  html`<p class="kicker"><a href="${eventHref(ctx, e)}"><span lang="${e.title.lang}" dir="auto">${e.title.value}</span></a></p>`;

export function participantsView(ctx: PageContext, csrf: string, e: EventItem, people: Participant[], notice_?: string): string {
  const { t } = ctx;
  let waiting = 0;
  const rows = people.map((p) => {
    const state = p.status === 'waiting' ? t('event.participants.waitingAt', { position: ++waiting }) : t(`event.registration.${p.status}`);
    const decide =
      p.status === 'pending'
        ? html`${postForm(eventHref(ctx, e, `/participants/${p.id}/decide`), csrf, html`<input type="hidden" name="decision" value="accept">${button({ text: t('event.participants.accept') })}`, 'inline-form')}
          ${postForm(eventHref(ctx, e, `/participants/${p.id}/decide`), csrf, html`<input type="hidden" name="decision" value="decline">${button({ text: t('event.participants.decline'), variant: 'secondary' })}`, 'inline-form')}`
        : html``;
    return [
      html`<bdi>${p.name}</bdi>`,
      html`<span dir="ltr">${p.email}</span>`,
      p.centre ? html`<bdi>${p.centre}</bdi>` : p.country ? ctx.format.country(p.country) : '',
      state,
      day(ctx, p.created_at),
      decide,
    ] as Html[] | string[];
  });
  const body = html`${kicker(ctx, e)}
    <h1>${t('event.participants.heading')}</h1>
    ${notice_ ? notice(t(notice_), { tone: 'success' }) : ''}
    <p>${t('event.participants.intro')}</p>
    <p>${linkButton({ href: eventHref(ctx, e, '/participants.csv'), text: t('event.participants.csv'), variant: 'secondary', download: true })}</p>
    ${
      people.length
        ? table({
            id: 'participants',
            caption: t('event.participants.caption', { count: people.length }),
            head: [
              t('event.register.name'),
              t('event.register.email'),
              t('event.participants.from'),
              t('event.participants.state'),
              t('event.participants.since'),
              t('event.participants.actions'),
            ],
            rows,
          })
        : html`<p>${t('event.participants.none')}</p>`
    }`;
  return layout(ctx, { title: t('event.participants.heading'), body, pageType: 'event-participants', index: false });
}

/** The participants as CSV: what an organiser needs for a list of attendance, nothing more. */
export function participantsCsv(ctx: PageContext, people: Participant[]): string {
  const cell = (v: string) => (/[",\n\r]|^[=+\-@\t]/.test(v) ? `"${(/^[=+\-@\t]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"` : v);
  const head = [
    ctx.t('event.register.name'),
    ctx.t('event.register.email'),
    ctx.t('event.participants.from'),
    ctx.t('event.participants.state'),
    ctx.t('event.participants.since'),
  ];
  let waiting = 0;
  const lines = people.map((p) =>
    [
      p.name,
      p.email,
      p.centre ?? (p.country ? ctx.format.country(p.country) : ''),
      p.status === 'waiting' ? ctx.t('event.participants.waitingAt', { position: ++waiting }) : ctx.t(`event.registration.${p.status}`),
      p.created_at.slice(0, 10),
    ]
      .map(cell)
      .join(','),
  );
  // A byte order mark, so that spreadsheet programs read the names' accents and scripts right.
  return `\ufeff${[head.map(cell).join(','), ...lines].join('\r\n')}\r\n`;
}

export function announceView(ctx: PageContext, csrf: string, e: EventItem, values: { subject: string; body: string }, errors: FieldError[]): string {
  const { t } = ctx;
  const body = html`${kicker(ctx, e)}
    <h1>${t('event.announce.heading')}</h1>
    ${errorSummary(ctx, errors)}
    <p>${t('event.announce.intro')}</p>
    ${postForm(
      eventHref(ctx, e, '/announce'),
      csrf,
      html`${field(ctx, { name: 'subject', label: t('event.announce.subject'), value: values.subject, maxlength: 200, errors })}
        ${textarea(ctx, { name: 'body', label: t('event.announce.body'), value: values.body, maxlength: 10_000, rows: 10, errors })}
        ${button({ text: t('event.announce.send') })}`,
    )}`;
  return layout(ctx, { title: t('event.announce.heading'), body, pageType: 'event-announce', index: false });
}

export function cancelEventView(ctx: PageContext, csrf: string, e: EventItem, values: { reason: string }, errors: FieldError[]): string {
  const { t } = ctx;
  const body = html`${kicker(ctx, e)}
    <h1>${t('event.cancel.heading')}</h1>
    ${errorSummary(ctx, errors)}
    <p>${t('event.cancel.intro')}</p>
    ${postForm(
      eventHref(ctx, e, '/cancel'),
      csrf,
      html`${textarea(ctx, { name: 'reason', label: t('event.cancel.reason'), hint: t('event.cancel.reasonHint'), value: values.reason, maxlength: 1000, rows: 4, errors })}
        ${button({ text: t('event.cancel.send') })}`,
    )}`;
  return layout(ctx, { title: t('event.cancel.heading'), body, pageType: 'event-cancel', index: false });
}

export function myCalendarView(ctx: PageContext, csrf: string, address: string, notice_?: string): string {
  const { t } = ctx;
  const body = html`<p class="kicker"><a href="${href(ctx, '/events')}">${t('event.list.heading')}</a></p>
    <h1>${t('event.myCalendar.heading')}</h1>
    ${notice_ ? notice(t(notice_), { tone: 'success' }) : ''}
    <p>${t('event.myCalendar.intro')}</p>
    ${field(ctx, { name: 'address', label: t('event.myCalendar.address'), hint: t('event.myCalendar.addressHint'), value: address })}
    ${postForm(href(ctx, '/events/my-calendar/replace'), csrf, button({ text: t('event.myCalendar.replace'), variant: 'secondary' }))}`;
  return layout(ctx, { title: t('event.myCalendar.heading'), body, pageType: 'event-calendar', index: false });
}
