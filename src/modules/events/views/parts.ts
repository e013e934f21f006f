import type { PageContext } from '../../../http/context.ts';
import { tag } from '../../../ui/components/tag/tag.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href } from '../../../ui/layout.ts';
import { txt } from '../../../ui/text.ts';
import type { EventItem } from '../service.ts';
import { startShort, zoneName } from '../times.ts';

// What several events pages show of an event: its tags (how one attends, cancelled), who
// organises it, where, when in its own zone, and how many places are left.

export const eventHref = (ctx: PageContext, e: Pick<EventItem, 'slug'>, more = '') => href(ctx, `/events/${e.slug}${more}`);

export function eventTags(ctx: PageContext, e: EventItem): Html {
  return html`${e.cancelled ? tag(ctx.t('event.status.cancelled'), 'error') : ''} ${tag(ctx.t(`event.mode.${e.mode}`), 'neutral')}`;
}

/** Who organises: the community or centre (linked), or the platform. */
export function organiserOf(ctx: PageContext, e: EventItem): Html {
  if (e.community) return html`<a href="${href(ctx, `/communities/${e.community.slug}`)}">${txt(e.community.name, ctx)}</a>`;
  if (e.centre) return html`<a href="${href(ctx, `/centres/${e.centre.slug}`)}"><bdi>${e.centre.name}</bdi></a>`;
  return html`${ctx.t('event.organiser.platform')}`;
}

/** Where: online, or the place (as its organiser wrote it, in its own direction) and its country. */
export function whereOf(ctx: PageContext, e: EventItem): Html {
  const place = html`${e.place ? html`<bdi>${e.place}</bdi>` : ''}${e.place && e.country ? ', ' : ''}${e.country ? ctx.format.country(e.country) : ''}`;
  if (e.mode === 'online') return html`${ctx.t('event.where.online')}`;
  if (e.mode === 'hybrid') return html`${ctx.t('event.where.online')} · ${place}`;
  return place;
}

/** When, short, in the event's zone: "14 Jan 2027, 10:00 (Central European Standard Time)". */
export const whenShort = (ctx: PageContext, e: EventItem): string =>
  `${startShort(ctx.lang, e.timeZone, e.startsAt)} (${zoneName(ctx.lang, e.timeZone, e.startsAt)})`;

/** Places left, or none said when the event has no limit. */
export function placesLeft(ctx: PageContext, e: EventItem): string | null {
  if (e.capacity === null) return null;
  const left = Math.max(0, e.capacity - e.taken);
  return left === 0 ? ctx.t('event.places.full') : ctx.t('event.places.left', { count: left, capacity: e.capacity });
}
