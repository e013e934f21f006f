import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendPrivate } from '../../http/send.ts';
import type { AppContext } from '../../http/app-context.ts';
import { NotFoundError, parse } from '../../http/errors.ts';
import { parseForm, type FieldError } from '../../http/forms.ts';
import type { Lang } from '../../i18n/languages.ts';
import type { Guards } from '../accounts/session-scope.ts';
import { tokenQuery } from '../accounts/schemas.ts';
import { messageView } from '../accounts/views/pages.ts';
import { MAX_LOGO_BYTES, MAX_LOGO_PIXELS, type LogoProblem } from './logos.ts';
import * as s from './schemas.ts';
import type { CentresService } from './service.ts';
import { emptyProfile, invitationView, manageView, newCentreView, profileValues, valuesFrom, type ManageState } from './views/manage.ts';
import { centreView, type ProfileCertificate } from './views/public.ts';
import { networkValues, networkView, type NetworkValues } from './views/network.ts';
import { fairSearchPages } from '../../http/fair-use.ts';
import type { DirectoryService } from './directory/service.ts';
import { directoryQuery } from './directory/schemas.ts';
import { directoryHref, directoryView } from './directory/views/directory.ts';
import { directoryMapView } from './directory/views/map.ts';
import { noticeOf, redirectDone } from '../../http/notice.ts';
import type { KnowledgeService } from '../knowledge/service.ts';

/** The message for a refused logo, with the numbers it names. */
function logoError(p: LogoProblem): FieldError {
  if (p.problem === 'too_big') return { field: 'logo', key: 'centre.error.logoTooBig', values: { mb: MAX_LOGO_BYTES / 1024 / 1024 } };
  if (p.problem === 'too_many_pixels')
    return { field: 'logo', key: 'centre.error.logoPixels', values: { width: p.width, height: p.height, max: MAX_LOGO_PIXELS / 1_000_000 } };
  return { field: 'logo', key: 'centre.error.logoNotImage' };
}

export interface CentrePagesDeps {
  centres: CentresService;
  directory: DirectoryService;
  knowledge: KnowledgeService;
  /** a centre's certificates of self-assessment for its profile (the assessment module's, passed in so centres do not depend on it) */
  certificatesOf?: (centreId: number) => Promise<ProfileCertificate[]>;
  /** how many partnerships (consortia) a centre takes part in, for the profiles that show it (the network module's) */
  partnershipsOf?: (centreId: number) => Promise<number>;
}

// Public centre pages, in each language scope: the directory, its map and the profiles.
export function centreRoutes(app: FastifyInstance, a: AppContext, lang: Lang, d: CentrePagesDeps): void {
  const { centres, directory, knowledge } = d;
  const certificatesOf = d.certificatesOf ?? (() => Promise.resolve([]));
  const sectors = () => knowledge.vocabulary('sectors', lang);
  // A directory page not in the cache is a search: charged to the client's budget (http/fair-use.ts).
  // Its cache key holds the centres' fingerprint, so a changed profile is never shown stale.
  const searchPage = fairSearchPages(a, lang);
  app.get('/centres', async (req, reply) => {
    const query = parse(directoryQuery, req.query);
    const canonical = directoryHref(a.ctx(req, lang), query);
    const key = `${canonical}#${await directory.version()}`;
    return searchPage(req, reply, key, async () => {
      const ctx = a.ctxFor(lang, canonical);
      return directoryView(ctx, query, await directory.list(lang, query, (code) => ctx.format.country(code)), await sectors());
    });
  });
  app.get('/centres/map', async (req, reply) => {
    const query = parse(directoryQuery, req.query);
    // The map counts every country: the country filter only marks the ones chosen.
    const canonical = directoryHref(a.ctx(req, lang), { ...query, sort: undefined, page: 1 }, '/centres/map');
    const key = `${canonical}#${await directory.version()}`;
    return searchPage(req, reply, key, async () => {
      const ctx = a.ctxFor(lang, canonical);
      const result = await directory.list(lang, { ...query, page: 1 }, (code) => ctx.format.country(code), { cards: false });
      return directoryMapView(ctx, query, result, await sectors());
    });
  });
  app.get('/centres/:slug', async (req, reply) => {
    const { slug } = parse(s.centreParams, req.params);
    const found = await centres.publicCentre(slug);
    if (!found) throw new NotFoundError('centre');
    const [labels, certificates, partnerships] = await Promise.all([
      sectors(),
      certificatesOf(found.centre.id),
      found.centre.show_activity && d.partnershipsOf ? d.partnershipsOf(found.centre.id) : Promise.resolve(null),
    ]);
    return a.freshPage(req, reply, centreView(a.ctx(req, lang), { ...found, partnerships }, labels, certificates));
  });
}

const logoParams = z.object({ file: z.string().regex(/^[a-f0-9]{24}\.webp$/) });

// Logos, outside the language prefixes. A logo's name is random and never reused: cached for a year.
export function logoRoutes(app: FastifyInstance, centres: CentresService): void {
  app.get('/uploads/logos/:file', async (req, reply) => {
    const { file } = parse(logoParams, req.params);
    const data = await centres.logo(file);
    if (!data) throw new NotFoundError('logo');
    return reply.header('cache-control', 'public, max-age=31536000, immutable').type('image/webp').send(data);
  });
}

// Managing centres: /{lang}/account/centres/…, inside the account scope (session and CSRF).
export function centreAccountRoutes(app: FastifyInstance, g: Guards, a: AppContext, lang: Lang, centres: CentresService, knowledge: KnowledgeService): void {
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const html = sendPrivate;
  const sectors = () => knowledge.vocabulary('sectors', lang);
  const member = { preHandler: [g.requireUser] };
  const memberPost = { preHandler: [g.csrfCheck, g.requireUser] };
  const manageUrl = (slug: string) => `/${lang}/account/centres/${slug}`;

  /** The management page, with the state of whichever form came back. */
  async function manage(
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    state: Omit<ManageState, 'csrf' | 'profile'> & { profile?: ManageState['profile'] } = {},
    status = 200,
  ) {
    const d = await centres.members(req.user!, slug);
    if (!d) throw new NotFoundError('centre');
    const profile = state.profile ?? profileValues(d.centre, await centres.sectorsOf(d.centre.id));
    const canManage = d.access === 'admin' || req.user!.role === 'admin';
    return html(
      reply,
      manageView(
        ctx(req),
        { centre: d.centre, canManage, userId: req.user!.id, members: d.members, invitations: d.invitations },
        { ...state, profile, csrf: reply.generateCsrf() },
        await sectors(),
      ),
      status,
    );
  }
  const refused = (result: string) => {
    if (result === 'missing' || result === 'forbidden') throw new NotFoundError('centre');
  };
  /** Access before validation: someone who may not manage the centre learns nothing from what their form gets back. */
  const mayManage = async (req: FastifyRequest, slug: string) => refused(await centres.mayManage(req.user!, slug));
  /** A change to the members that could not be made comes back on the page with what went wrong. */
  const membersProblem = (req: FastifyRequest, reply: FastifyReply, slug: string, result: string) => {
    if (result === 'last-admin') return manage(req, reply, slug, { form: 'members', errors: [{ field: 'members', key: 'centre.error.lastAdmin' }] }, 409);
    if (result === 'not-member') return manage(req, reply, slug, { form: 'members', errors: [{ field: 'members', key: 'centre.error.notMember' }] }, 409);
    return null;
  };

  app.get('/centres/new', member, async (req, reply) => html(reply, newCentreView(ctx(req), reply.generateCsrf(), emptyProfile, await sectors())));
  app.post('/centres', memberPost, async (req, reply) => {
    const form = parseForm(s.profileForm, req.body);
    if (!form.ok)
      return html(reply, newCentreView(ctx(req), reply.generateCsrf(), valuesFrom(req.body as Record<string, unknown>), await sectors(), form.errors), 422);
    const slug = await centres.create(req.user!, form.data);
    return redirectDone(reply, `${manageUrl(slug)}`, 'created');
  });

  app.get('/centres/:slug', member, (req, reply) => {
    const { slug } = parse(s.centreParams, req.params);
    const notices = {
      created: 'centre.notice.created',
      saved: 'centre.notice.saved',
      invited: 'centre.notice.invited',
      logo: 'centre.notice.logo',
      joined: 'centre.notice.joined',
    };
    const notice = noticeOf(req.query, notices);
    return manage(req, reply, slug, notice ? { notice } : {});
  });

  app.post('/centres/:slug/profile', memberPost, async (req, reply) => {
    const { slug } = parse(s.centreParams, req.params);
    await mayManage(req, slug);
    const form = parseForm(s.profileForm, req.body);
    if (!form.ok) return manage(req, reply, slug, { form: 'profile', errors: form.errors, profile: valuesFrom(req.body as Record<string, unknown>) }, 422);
    refused(await centres.update(req.user!, slug, form.data));
    return redirectDone(reply, `${manageUrl(slug)}`, 'saved');
  });

  // The network profile: its own page, as its form is long.
  const network = async (
    req: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    state: { values?: NetworkValues; errors?: FieldError[]; notice?: string },
    status = 200,
  ) => {
    const found = await centres.networkProfile(req.user!, slug);
    if (!found) throw new NotFoundError('centre');
    const values = state.values ?? networkValues(found.profile);
    return html(reply, networkView(ctx(req), found.centre, { ...state, values, csrf: reply.generateCsrf() }, await sectors()), status);
  };
  app.get('/centres/:slug/network', member, (req, reply) => {
    const { slug } = parse(s.centreParams, req.params);
    const notice = noticeOf(req.query, { saved: 'centre.notice.saved' });
    return network(req, reply, slug, notice ? { notice } : {});
  });
  app.post('/centres/:slug/network', memberPost, async (req, reply) => {
    const { slug } = parse(s.centreParams, req.params);
    await mayManage(req, slug);
    const form = parseForm(s.networkForm, req.body);
    if (!form.ok) return network(req, reply, slug, { values: form.values, errors: form.errors }, 422);
    refused(await centres.saveNetwork(req.user!, slug, form.data));
    return redirectDone(reply, `${manageUrl(slug)}/network`, 'saved');
  });

  app.post('/centres/:slug/logo', memberPost, async (req, reply) => {
    const { slug } = parse(s.centreParams, req.params);
    await mayManage(req, slug);
    const body = req.body as Record<string, unknown>;
    const file = body.logo instanceof Buffer && body.logo.length > 0 ? body.logo : null;
    if (!file && body.remove !== 'yes') return manage(req, reply, slug, { form: 'logo', errors: [{ field: 'logo', key: 'centre.error.noFile' }] }, 422);
    const result = await centres.setLogo(req.user!, slug, file);
    if (typeof result === 'object') return manage(req, reply, slug, { form: 'logo', errors: [logoError(result)] }, 422);
    refused(result);
    return redirectDone(reply, `${manageUrl(slug)}`, 'logo');
  });

  app.post('/centres/:slug/invitations', memberPost, async (req, reply) => {
    const { slug } = parse(s.centreParams, req.params);
    await mayManage(req, slug);
    const form = parseForm(s.inviteForm, req.body);
    const values = req.body as Record<string, string>;
    if (!form.ok)
      return manage(req, reply, slug, { form: 'invite', errors: form.errors, invite: { email: values.email ?? '', role: values.role ?? 'member' } }, 422);
    refused(await centres.invite(req.user!, slug, form.data.email, form.data.role, lang));
    return redirectDone(reply, `${manageUrl(slug)}`, 'invited');
  });

  app.post('/centres/:slug/members/:userId/role', memberPost, async (req, reply) => {
    const { slug, userId } = parse(s.memberParams, req.params);
    await mayManage(req, slug);
    const { role } = parse(s.roleForm, req.body);
    const result = await centres.setRole(req.user!, slug, userId, role);
    refused(result);
    return (await membersProblem(req, reply, slug, result)) ?? redirectDone(reply, `${manageUrl(slug)}`, 'saved');
  });

  app.post('/centres/:slug/members/:userId/remove', memberPost, async (req, reply) => {
    const { slug, userId } = parse(s.memberParams, req.params);
    const result = await centres.remove(req.user!, slug, userId);
    refused(result);
    const problem = await membersProblem(req, reply, slug, result);
    if (problem) return problem;
    return userId === req.user!.id ? reply.redirect(`/${lang}/account`, 303) : redirectDone(reply, manageUrl(slug), 'saved');
  });

  // Invitations: the link opens a page; joining is a POST (a link preview must not accept it).
  app.get('/invitations/accept', member, async (req, reply) => {
    const { token } = parse(tokenQuery, req.query);
    const invitation = await centres.invitation(token);
    const t = ctx(req).t;
    if (!invitation) return html(reply, messageView(ctx(req), t('account.linkExpired.heading'), t('centre.invitation.expired')), 410);
    return html(
      reply,
      invitationView(
        ctx(req),
        reply.generateCsrf(),
        token,
        invitation.name,
        invitation.email,
        invitation.email === req.user!.email ? undefined : 'other-address',
      ),
    );
  });
  app.post('/invitations/accept', memberPost, async (req, reply) => {
    const sent = (req.body as Record<string, unknown>).token;
    const token = typeof sent === 'string' ? sent.slice(0, 100) : '';
    const result = await centres.accept(req.user!, token);
    const t = ctx(req).t;
    if (result === 'expired') return html(reply, messageView(ctx(req), t('account.linkExpired.heading'), t('centre.invitation.expired')), 410);
    if (result === 'other-address') {
      const invitation = await centres.invitation(token);
      return html(reply, invitationView(ctx(req), reply.generateCsrf(), token, invitation?.name ?? '', invitation?.email ?? '', 'other-address'), 403);
    }
    return redirectDone(reply, `${manageUrl(result.slug)}`, 'joined');
  });
}
