import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/app-context.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import { parseForm, textValues, type FieldError } from '../../http/forms.ts';
import { noticeOf, redirectDone } from '../../http/notice.ts';
import { sendPrivate, sendText } from '../../http/send.ts';
import type { Lang } from '../../i18n/languages.ts';
import { limits, rateLimiter } from '../../platform/rate-limits/rate-limits.ts';
import type { User } from '../accounts/repository.ts';
import { sessionFrom, sessionScope } from '../accounts/session-scope.ts';
import * as centreRepo from '../centres/repository.ts';
import type { KnowledgeService } from '../knowledge/service.ts';
import type { DB } from '../../db/database.ts';
import type { RegistrationsService, Who } from './registrations.ts';
import * as s from './schemas.ts';
import type { EventsService } from './service.ts';
import { eventView, registrationView } from './views/event.ts';
import { eventFormView, type EventValues } from './views/form.ts';
import { eventInput, organiserValue, valuesOf } from './form-input.ts';
import { eventsView, monthView } from './views/list.ts';
import { announceView, cancelEventView, myCalendarView, participantsCsv, participantsView } from './views/manage.ts';

// Events: /{lang}/events/…, a scope of its own that reads the session (events are read, and
// registered for, without an account) and checks CSRF on every form. The private calendar of a
// person (…/events/feed/{token}.ics) needs no session: its address is its key.

export interface EventRouteOptions {
  a: AppContext;
  lang: Lang;
  db: DB;
  events: EventsService;
  registrations: RegistrationsService;
  knowledge: KnowledgeService;
  sessionSecret: string;
  sessionDays: number;
  findUser: (id: number) => Promise<User | undefined>;
}

const notices = {
  created: 'event.notice.created',
  saved: 'event.notice.saved',
  registered: 'event.notice.registered',
  waiting: 'event.notice.waiting',
  pending: 'event.notice.pending',
  already: 'event.notice.already',
  cancelled: 'event.notice.cancelled',
  confirmed: 'event.notice.confirmed',
  decided: 'event.notice.decided',
  announced: 'event.notice.announced',
  eventCancelled: 'event.notice.eventCancelled',
  replaced: 'event.notice.replaced',
};

export async function eventRoutes(app: FastifyInstance, o: EventRouteOptions): Promise<void> {
  const { a, lang, events, registrations } = o;
  const g = await sessionScope(app, { ...sessionFrom(o), formLimit: 64 * 1024, fileLimit: 0 });
  const member = { preHandler: [g.requireUser] };
  const memberPost = { preHandler: [g.csrfCheck, g.requireUser] };
  const anyonePost = { preHandler: [g.csrfCheck] };
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const path = (p = '') => `/${lang}/events${p}`;
  const rates = rateLimiter(o.db);
  const missing: () => never = () => {
    throw new NotFoundError('event');
  };
  const themes = () => o.knowledge.vocabulary('themes', lang);
  const send = (req: FastifyRequest, reply: FastifyReply, page: string, status = 200) =>
    req.user ? sendPrivate(reply, page, status) : a.freshPage(req, reply, page, status);
  const ics = (req: FastifyRequest, reply: FastifyReply, text: string, file: string) => {
    reply.header('content-disposition', `inline; filename="${file}"`);
    return sendText(req, reply, text, 'text/calendar; charset=utf-8');
  };

  app.get('/', async (req, reply) => {
    const q = parse(s.listQuery, req.query);
    const f = { theme: q.theme, mode: q.mode, language: q.language, country: q.country, community: q.community, past: q.when === 'past' };
    const [result, labels, facets, mine] = await Promise.all([
      events.list(f, q.page, lang),
      themes(),
      events.facets(lang),
      req.user ? events.organisers(req.user) : [],
    ]);
    if (q.page > 1 && result.items.length === 0) missing();
    return send(req, reply, eventsView(ctx(req), q, result, { themes: labels, facets, signedIn: !!req.user, organiser: mine.length > 0 }));
  });

  app.get('/month', async (req, reply) => {
    const { m } = parse(s.monthQuery, req.query);
    const now = new Date();
    const [year, month] = m ? m.split('-').map(Number) : [now.getUTCFullYear(), now.getUTCMonth() + 1];
    return send(req, reply, monthView(ctx(req), year!, month!, await events.month(year!, month!, lang)));
  });

  // Calendars: the platform's (or one community's: ?community=slug), and each event's.
  app.get('/calendar.ics', async (req, reply) => {
    const { community } = parse(s.feedQuery, req.query);
    let communityId: number | undefined;
    if (community) {
      const c = await events.publicCommunity(community);
      if (!c) missing();
      communityId = c.id;
    }
    const rows = await events.feedRows(communityId);
    return ics(req, reply, await events.calendar(ctx(req).t('event.feed.name'), rows, lang), community ? `${community}-events.ics` : 'events.ics');
  });
  app.get('/feed/:token', async (req, reply) => {
    const { token } = parse(s.feedParams, req.params);
    const userId = await events.userOfFeed(token.replace(/\.ics$/, ''));
    if (userId === null) missing();
    return ics(req, reply, await events.calendar(ctx(req).t('event.myCalendar.name'), await events.rowsOfUser(userId), lang), 'my-events.ics');
  });
  app.get('/my-calendar', member, async (req, reply) => {
    const token = await events.feedToken(req.user!.id);
    const address = `${a.config.baseUrl}${path(`/feed/${token}.ics`)}`;
    return sendPrivate(reply, myCalendarView(ctx(req), reply.generateCsrf(), address, noticeOf(req.query, notices)));
  });
  app.post('/my-calendar/replace', memberPost, async (req, reply) => {
    await events.feedToken(req.user!.id, true);
    return redirectDone(reply, path('/my-calendar'), 'replaced');
  });

  // Creating and changing events: for the organisers the person may act for.
  const organiserOptions = async (req: FastifyRequest) => {
    const mine = await events.organisers(req.user!);
    const options = await Promise.all(
      mine.map(async (x) => ({
        value: organiserValue(x),
        label: x.kind === 'platform' ? ctx(req).t('event.organiser.platform') : await events.organiserName(x, lang),
      })),
    );
    return { mine, options };
  };
  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    o2: { action: string; creating: boolean; values: EventValues; errors: FieldError[]; back: string },
    status = 200,
  ) => {
    const { options } = await organiserOptions(req);
    if (options.length === 0) missing();
    return sendPrivate(reply, eventFormView(ctx(req), reply.generateCsrf(), { ...o2, organisers: options, themes: await themes() }), status);
  };
  /** The form's data as an event, or the errors to show (form-input.ts). */
  const input = async (req: FastifyRequest, takenNow = 0) => eventInput(req.body, (await organiserOptions(req)).mine, takenNow);

  app.get('/new', member, (req, reply) =>
    formPage(req, reply, {
      action: path(),
      creating: true,
      values: { time_zone: 'Europe/Brussels', lang, mode: 'online', start_time: '10:00', end_time: '12:00' },
      errors: [],
      back: path(),
    }),
  );
  app.post('/', memberPost, async (req, reply) => {
    const got = await input(req);
    if (!got.ok) return formPage(req, reply, { action: path(), creating: true, values: got.values, errors: got.errors, back: path() }, 422);
    const created = await events.create(req.user!, got.e);
    if (created === 'forbidden') missing();
    return redirectDone(reply, path(`/${created.slug}`), 'created');
  });

  /** The event, when the person manages it. */
  const managed = async (req: FastifyRequest) => {
    const { slug } = parse(s.eventParams, req.params);
    const found = await events.event(slug, req.user!, lang);
    if (!found || !found.manage) missing();
    return found;
  };
  app.get('/:slug/edit', member, async (req, reply) => {
    const { row, event } = await managed(req);
    const organiser = row.organiser_kind === 'platform' ? 'platform' : `${row.organiser_kind}:${row.community_slug ?? row.centre_slug}`;
    return formPage(req, reply, {
      action: path(`/${event.slug}/edit`),
      creating: false,
      values: valuesOf(event, organiser),
      errors: [],
      back: path(`/${event.slug}`),
    });
  });
  app.post('/:slug/edit', memberPost, async (req, reply) => {
    const { event } = await managed(req);
    const got = await input(req, event.taken);
    if (!got.ok)
      return formPage(
        req,
        reply,
        { action: path(`/${event.slug}/edit`), creating: false, values: got.values, errors: got.errors, back: path(`/${event.slug}`) },
        422,
      );
    await events.update(event, req.user!, got.e);
    // A larger capacity, or a quota lifted, may give places to people waiting.
    await registrations.changed(event.id);
    return redirectDone(reply, path(`/${event.slug}`), 'saved');
  });

  // The event's page, and registering.
  const eventPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    state: { guest?: { values: { name: string; email: string; country: string }; errors: FieldError[] }; status?: number } = {},
  ) => {
    const { tz } = parse(s.eventQuery, req.query);
    const found = (await events.event(slug, req.user ?? null, lang)) ?? missing();
    const [mine, centres, counts] = await Promise.all([
      req.user ? registrations.mine(found.event.id, req.user) : null,
      req.user ? centreRepo.centresOf(o.db, req.user.id) : [],
      found.manage ? events.counts(found.event.id) : undefined,
    ]);
    const page = eventView(ctx(req), found.event, {
      csrf: reply.generateCsrf(),
      signedIn: !!req.user,
      manage: found.manage,
      now: new Date(),
      tz,
      mine,
      centres: centres.map((c) => ({ slug: c.slug, name: c.name })),
      ...(state.guest ? { guest: state.guest } : {}),
      ...(noticeOf(req.query, notices) ? { notice: noticeOf(req.query, notices)! } : {}),
      ...(counts ? { counts } : {}),
    });
    // The form's token ties the page to its reader's session: never a shared cache.
    return sendPrivate(reply, page, state.status ?? 200);
  };
  app.get('/:slug', (req, reply) => eventPage(req, reply, parse(s.eventParams, req.params).slug));
  app.get('/:slug/calendar.ics', async (req, reply) => {
    const found = (await events.event(parse(s.eventParams, req.params).slug, null, lang)) ?? missing();
    return ics(req, reply, await events.calendar(found.event.title.value, [found.row], lang), `${found.event.slug}.ics`);
  });

  app.post('/:slug/register', anyonePost, async (req, reply) => {
    const { slug } = parse(s.eventParams, req.params);
    const found = (await events.event(slug, req.user ?? null, lang)) ?? missing();
    let applicant;
    if (req.user) {
      const { centre } = parse(s.memberForm, req.body);
      const mine = centre ? (await centreRepo.centresOf(o.db, req.user.id)).find((c) => c.slug === centre) : undefined;
      const row = mine ? await centreRepo.findCentre(o.db, mine.slug) : undefined;
      applicant = {
        userId: req.user.id,
        name: req.user.name,
        email: req.user.email.toLowerCase(),
        centreId: row?.id ?? null,
        country: row?.country ?? null,
        lang,
      };
    } else {
      const form = parseForm(s.guestForm, req.body);
      const values = { name: '', email: '', country: '', ...textValues(form.ok ? (req.body as Record<string, string>) : form.values) };
      if (!form.ok) return eventPage(req, reply, slug, { guest: { values, errors: form.errors }, status: 422 });
      const limited = await rates.count(`event-guests:${req.ip}`, limits.eventGuestsPerIp);
      if (limited) {
        reply.header('retry-after', String(limited.retryAfterSeconds));
        return eventPage(req, reply, slug, { guest: { values, errors: [{ field: 'email', key: 'event.error.tooMany' }] }, status: 429 });
      }
      applicant = { userId: null, name: form.data.name, email: form.data.email, centreId: null, country: form.data.country || null, lang };
    }
    const r = await registrations.register(found.event.slug, applicant);
    if (r.outcome === 'missing') missing();
    if (!('registration' in r)) return reply.redirect(path(`/${slug}`), 303);
    const done = r.outcome === 'duplicate' ? 'already' : r.outcome;
    // Someone without an account goes to their registration's own page (its link is in their mail too).
    if (!req.user) return redirectDone(reply, `${path(`/${slug}/registrations/${r.registration.id}`)}?t=${registrations.sign(r.registration.id)}`, done);
    return redirectDone(reply, path(`/${slug}`), done);
  });

  // A registration's own page and its buttons: for its holder (signed in, or with its link).
  const who = (req: FastifyRequest, token: string): Who => (token ? { token } : req.user ? { user: req.user } : { token: '' });
  app.get('/:slug/registrations/:id', async (req, reply) => {
    const { slug, id } = parse(s.registrationParams, req.params);
    const { t } = parse(s.tokenQuery, req.query);
    const found = (await registrations.view(id, who(req, t))) ?? missing();
    const ev = (await events.event(slug, null, lang)) ?? missing();
    if (ev.event.id !== found.reg.eventId) missing();
    const link = t ? `${path(`/${slug}/registrations/${id}`)}?t=${t}` : undefined;
    const page = registrationView(
      ctx(req),
      ev.event,
      reply.generateCsrf(),
      { reg: found.reg, position: found.position, ...(link ? { link } : {}) },
      new Date(),
      noticeOf(req.query, notices),
    );
    return sendPrivate(reply, page);
  });
  for (const action of ['cancel', 'confirm'] as const) {
    app.post(`/:slug/registrations/:id/${action}`, anyonePost, async (req, reply) => {
      const { slug, id } = parse(s.registrationParams, req.params);
      const { t } = parse(s.tokenForm, req.body);
      const result = action === 'cancel' ? await registrations.cancel(id, who(req, t)) : await registrations.confirm(id, who(req, t));
      if (result === 'missing') missing();
      const done = action === 'cancel' ? 'cancelled' : 'confirmed';
      if (t) return redirectDone(reply, `${path(`/${slug}/registrations/${id}`)}?t=${t}`, done);
      return redirectDone(reply, path(`/${slug}`), done);
    });
  }

  // The organiser's pages.
  app.get('/:slug/participants', member, async (req, reply) => {
    const { event } = await managed(req);
    const list = (await registrations.participants(event.slug, req.user!)) ?? missing();
    return sendPrivate(reply, participantsView(ctx(req), reply.generateCsrf(), event, list.people, noticeOf(req.query, notices)));
  });
  app.get('/:slug/participants.csv', member, async (req, reply) => {
    const { event } = await managed(req);
    const list = (await registrations.participants(event.slug, req.user!)) ?? missing();
    reply.header('content-disposition', `attachment; filename="${event.slug}-participants.csv"`).header('cache-control', 'private, no-store');
    return reply.type('text/csv; charset=utf-8').send(participantsCsv(ctx(req), list.people));
  });
  app.post('/:slug/participants/:id/decide', memberPost, async (req, reply) => {
    const { slug, id } = parse(s.registrationParams, req.params);
    const { decision } = parse(s.decideForm, req.body);
    if ((await registrations.decide(slug, id, req.user!, decision === 'accept')) !== 'done') missing();
    return redirectDone(reply, path(`/${slug}/participants`), 'decided');
  });
  app.get('/:slug/announce', member, async (req, reply) => {
    const { event } = await managed(req);
    return sendPrivate(reply, announceView(ctx(req), reply.generateCsrf(), event, { subject: '', body: '' }, []));
  });
  app.post('/:slug/announce', memberPost, async (req, reply) => {
    const { event } = await managed(req);
    const form = parseForm(s.announceForm, req.body);
    if (!form.ok)
      return sendPrivate(reply, announceView(ctx(req), reply.generateCsrf(), event, { subject: '', body: '', ...textValues(form.values) }, form.errors), 422);
    if ((await registrations.announce(event.slug, req.user!, form.data)) !== 'done') missing();
    return redirectDone(reply, path(`/${event.slug}`), 'announced');
  });
  app.get('/:slug/cancel', member, async (req, reply) => {
    const { event } = await managed(req);
    if (event.cancelled) return reply.redirect(path(`/${event.slug}`), 303);
    return sendPrivate(reply, cancelEventView(ctx(req), reply.generateCsrf(), event, { reason: '' }, []));
  });
  app.post('/:slug/cancel', memberPost, async (req, reply) => {
    const { event } = await managed(req);
    const form = parseForm(s.cancelEventForm, req.body);
    if (!form.ok)
      return sendPrivate(reply, cancelEventView(ctx(req), reply.generateCsrf(), event, { reason: '', ...textValues(form.values) }, form.errors), 422);
    if ((await registrations.cancelEvent(event.slug, req.user!, form.data.reason)) !== 'done') return reply.redirect(path(`/${event.slug}`), 303);
    return redirectDone(reply, path(`/${event.slug}`), 'eventCancelled');
  });
}
