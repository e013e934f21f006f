import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { button, buttonGroup } from '../../../ui/components/button/button.ts';
import { errorSummary, field, postForm, select } from '../../../ui/components/field/field.ts';
import { notice } from '../../../ui/components/notice/notice.ts';
import { externalLink, facts } from '../../../ui/components/shared.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { plainText } from '../../../ui/markdown.ts';
import { prose } from '../../../ui/text.ts';
import { countries } from '../../centres/lists.ts';
import type { Registration } from '../repository/registrations.ts';
import type { EventItem } from '../service.ts';
import { moment, timeRange, zoneName, zones } from '../times.ts';
import { eventHref, eventTags, organiserOf, placesLeft, whereOf } from './parts.ts';

// An event's page: what, when (in its zone, and in the reader's when they choose one: ?tz=), where,
// who organises, places left; the description; registering (signed in, or with a name and an
// address), or the reader's registration with what they can do with it; the organiser's tools.

export interface Mine {
  reg: Registration;
  /** their place in line, when waiting */
  position: number | null;
  /** the address of the registration's own page (its link) */
  link?: string;
}

export interface EventPageOptions {
  csrf: string | null;
  signedIn: boolean;
  manage: boolean;
  now: Date;
  /** the zone the reader asked the times in */
  tz?: string | undefined;
  mine: Mine | null;
  /** the reader's centres, to register for one (quotas count by centre) */
  centres: { slug: string; name: string }[];
  guest?: { values: { name: string; email: string; country: string }; errors: FieldError[] };
  notice?: string;
  /** people waiting, registered, pending: the organiser's counts */
  counts?: { registered: number; waiting: number; pending: number; offered: number };
}

function zoneChoice(ctx: PageContext, e: EventItem, tz: string | undefined): Html {
  const groups = new Map<string, string[]>();
  for (const z of zones) {
    const region = z.includes('/') ? z.slice(0, z.indexOf('/')) : 'Etc';
    groups.set(region, [...(groups.get(region) ?? []), z]);
  }
  const chosen = tz ?? e.timeZone;
  return html`<form class="zone-form" action="${eventHref(ctx, e)}" method="get">
    <label for="field-tz">${ctx.t('event.tz.label')}</label>
    <select id="field-tz" name="tz">${[...groups].map(
      ([region, list]) =>
        html`<optgroup label="${region}">${list.map((z) => html`<option value="${z}"${z === chosen ? html` selected` : ''}>${z.replace(/_/g, ' ')}</option>`)}</optgroup>`,
    )}</select>
    ${button({ text: ctx.t('event.tz.show'), variant: 'secondary' })}
  </form>`;
}

/** What the reader's registration says, and the buttons that change it. */
function registrationPanel(ctx: PageContext, e: EventItem, csrf: string | null, m: Mine, now: Date): Html {
  const { t } = ctx;
  const base = eventHref(ctx, e, `/registrations/${m.reg.id}`);
  const token = m.link ? new URL(m.link, 'http://x').searchParams.get('t') : null;
  const hidden = token ? html`<input type="hidden" name="t" value="${token}">` : '';
  const status =
    m.reg.status === 'waiting'
      ? t('event.mine.waiting', { position: m.position ?? 0 })
      : m.reg.status === 'offered'
        ? t('event.mine.offered', { until: moment(ctx.lang, e.timeZone, m.reg.offeredUntil ?? e.startsAt) })
        : t(`event.mine.${m.reg.status}`);
  const live = ['registered', 'offered', 'waiting', 'pending'].includes(m.reg.status);
  const joining =
    m.reg.status === 'registered' && e.joinUrl && !e.cancelled ? html`<p>${externalLink(ctx, e.joinUrl, t('event.join'), { button: true })}</p>` : '';
  const started = Date.parse(e.startsAt) <= now.getTime();
  return html`${notice(status, { tone: m.reg.status === 'registered' ? 'success' : 'info' })}${joining}
    ${
      csrf && live && !started && !e.cancelled
        ? buttonGroup([
            ...(m.reg.status === 'offered'
              ? [postForm(`${base}/confirm`, csrf, html`${hidden}${button({ text: t('event.mine.confirm') })}`, 'inline-form')]
              : []),
            postForm(`${base}/cancel`, csrf, html`${hidden}${button({ text: t('event.mine.cancel'), variant: 'secondary' })}`, 'inline-form'),
          ])
        : ''
    }`;
}

function registerForm(ctx: PageContext, e: EventItem, o: EventPageOptions): Html {
  const { t } = ctx;
  const full = e.capacity !== null && e.taken >= e.capacity;
  const label = e.approval ? t('event.register.ask') : full ? t('event.register.wait') : t('event.register.button');
  const intro = html`${e.approval ? html`<p>${t('event.register.approvalNote')}</p>` : ''}${full && !e.approval ? html`<p>${t('event.register.fullNote')}</p>` : ''}`;
  const action = eventHref(ctx, e, '/register');
  if (!o.csrf) return html`${intro}<p class="hint">${t('event.register.noCookies')}</p>`;
  if (o.signedIn)
    return html`${intro}${postForm(
      action,
      o.csrf,
      html`${
        o.centres.length
          ? select(ctx, {
              name: 'centre',
              label: t('event.register.centre'),
              hint: t('event.register.centreHint'),
              value: o.centres[0]!.slug,
              placeholder: t('event.register.noCentre'),
              options: o.centres.map((c) => ({ value: c.slug, label: c.name })),
            })
          : ''
      }${button({ text: label })}`,
    )}`;
  const g = o.guest ?? { values: { name: '', email: '', country: '' }, errors: [] };
  return html`${intro}<p>${t('event.register.guestIntro')} <a href="${href(ctx, `/account/sign-in?next=${encodeURIComponent(eventHref(ctx, e))}`)}">${t('event.register.signIn')}</a></p>
    ${errorSummary(ctx, g.errors)}
    ${postForm(
      action,
      o.csrf,
      html`${field(ctx, { name: 'name', label: t('event.register.name'), value: g.values.name, autocomplete: 'name', maxlength: 120, errors: g.errors })}
        ${field(ctx, { name: 'email', type: 'email', label: t('event.register.email'), hint: t('event.register.emailHint'), value: g.values.email, autocomplete: 'email', errors: g.errors })}
        ${select(ctx, {
          name: 'country',
          label: t('event.register.country'),
          value: g.values.country,
          placeholder: t('event.register.noCountry'),
          options: countries.map((c) => ({ value: c, label: ctx.format.country(c) })).sort((a, b) => a.label.localeCompare(b.label, ctx.lang)),
          errors: g.errors,
        })}
        ${button({ text: label })}`,
    )}`;
}

export function eventView(ctx: PageContext, e: EventItem, o: EventPageOptions): string {
  const { t } = ctx;
  const now = o.now.getTime();
  const ended = Date.parse(e.endsAt) <= now;
  const started = Date.parse(e.startsAt) <= now;
  const own = `${timeRange(ctx.lang, e.timeZone, e.startsAt, e.endsAt)} (${zoneName(ctx.lang, e.timeZone, e.startsAt)})`;
  const yours = o.tz && o.tz !== e.timeZone ? `${timeRange(ctx.lang, o.tz, e.startsAt, e.endsAt)} (${zoneName(ctx.lang, o.tz, e.startsAt)})` : null;
  const registration = e.cancelled
    ? ''
    : html`<section class="panel" aria-labelledby="register-heading"><h2 id="register-heading">${t('event.register.heading')}</h2>
        ${
          o.mine
            ? registrationPanel(ctx, e, o.csrf, o.mine, o.now)
            : ended
              ? html`<p>${t('event.ended')}</p>`
              : started
                ? html`<p>${t('event.register.closed')}</p>`
                : registerForm(ctx, e, o)
        }
      </section>`;
  const c = o.counts;
  const body = html`<p class="kicker"><a href="${href(ctx, '/events')}">${t('event.list.heading')}</a></p>
    <h1><span lang="${e.title.lang}" dir="auto">${e.title.value}</span></h1>
    <p>${eventTags(ctx, e)}</p>
    ${o.notice ? notice(t(o.notice), { tone: 'success' }) : ''}
    ${e.cancelled ? notice(html`${t('event.cancelledText')}${e.cancelReason ? html` <span dir="auto">${e.cancelReason}</span>` : ''}`, { tone: 'warning' }) : ''}
    ${facts([
      [t('event.field.when'), own],
      [t('event.field.yourTime'), yours],
      [t('event.field.where'), whereOf(ctx, e)],
      [t('event.field.language'), ctx.format.language(e.lang)],
      [t('event.field.organiser'), organiserOf(ctx, e)],
      [t('event.field.places'), placesLeft(ctx, e) ?? t('event.places.unlimited')],
      [t('event.field.recording'), e.recordingUrl ? externalLink(ctx, e.recordingUrl, t('event.recording')) : null],
    ])}
    ${zoneChoice(ctx, e, o.tz)}
    <p><a href="${eventHref(ctx, e, '/calendar.ics')}" type="text/calendar">${t('event.ics')}</a></p>
    ${prose(e.description, ctx)}
    ${registration}
    ${
      o.manage
        ? html`<section class="facilitator-tools" aria-labelledby="organiser-heading"><h2 id="organiser-heading">${t('event.organiser.heading')}</h2>
            ${c ? html`<p>${t('event.organiser.counts', { registered: c.registered + c.offered, waiting: c.waiting, pending: c.pending })}</p>` : ''}
            <ul class="link-list">
              <li><a href="${eventHref(ctx, e, '/participants')}">${t('event.participants.link')}</a></li>
              <li><a href="${eventHref(ctx, e, '/edit')}">${t('event.edit.link')}</a></li>
              ${e.cancelled ? '' : html`<li><a href="${eventHref(ctx, e, '/announce')}">${t('event.announce.link')}</a></li><li><a href="${eventHref(ctx, e, '/cancel')}">${t('event.cancel.link')}</a></li>`}
            </ul></section>`
        : ''
    }`;
  const attendance = { online: 'OnlineEventAttendanceMode', onsite: 'OfflineEventAttendanceMode', hybrid: 'MixedEventAttendanceMode' }[e.mode];
  return layout(ctx, {
    title: e.title.value,
    description: plainText(e.description.value).slice(0, 200),
    body,
    pageType: 'event',
    stylesheets: ['events.css'],
    index: !o.tz,
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: e.title.value,
      description: plainText(e.description.value).slice(0, 500),
      startDate: e.startsAt,
      endDate: e.endsAt,
      eventStatus: `https://schema.org/${e.cancelled ? 'EventCancelled' : 'EventScheduled'}`,
      eventAttendanceMode: `https://schema.org/${attendance}`,
      inLanguage: e.lang,
      url: `${ctx.baseUrl}${eventHref(ctx, e)}`,
      location: [
        ...(e.mode !== 'onsite' ? [{ '@type': 'VirtualLocation', url: `${ctx.baseUrl}${eventHref(ctx, e)}` }] : []),
        ...(e.mode !== 'online' ? [{ '@type': 'Place', name: e.place ?? '', address: { '@type': 'PostalAddress', addressCountry: e.country ?? '' } }] : []),
      ],
      ...(e.capacity !== null ? { maximumAttendeeCapacity: e.capacity, remainingAttendeeCapacity: Math.max(0, e.capacity - e.taken) } : {}),
      organizer: { '@type': 'Organization', name: e.community?.name.value ?? e.centre?.name ?? t('site.name') },
    },
  });
}

/** A registration's own page (from its link, or the person's account): its state and what they can do. */
export function registrationView(ctx: PageContext, e: EventItem, csrf: string, m: Mine, now: Date, notice_?: string): string {
  const { t } = ctx;
  const body = html`<p class="kicker"><a href="${eventHref(ctx, e)}"><span lang="${e.title.lang}" dir="auto">${e.title.value}</span></a></p>
    <h1>${t('event.mine.heading')}</h1>
    ${notice_ ? notice(t(notice_), { tone: 'success' }) : ''}
    ${facts([
      [t('event.field.when'), `${timeRange(ctx.lang, e.timeZone, e.startsAt, e.endsAt)} (${zoneName(ctx.lang, e.timeZone, e.startsAt)})`],
      [t('event.register.name'), m.reg.name],
      [t('event.register.email'), html`<span dir="ltr">${m.reg.email}</span>`],
    ])}
    ${e.cancelled ? notice(t('event.cancelledText'), { tone: 'warning' }) : registrationPanel(ctx, e, csrf, m, now)}`;
  return layout(ctx, { title: t('event.mine.heading'), body, pageType: 'event-registration', index: false });
}
