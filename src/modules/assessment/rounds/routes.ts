import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { ForbiddenError, NotFoundError, parse } from '../../../http/errors.ts';
import { parseForm, textValues, type FieldError } from '../../../http/forms.ts';
import { noticeOf, redirectDone } from '../../../http/notice.ts';
import { sendPrivate } from '../../../http/send.ts';
import { renderPdf } from '../../../pdf/lazy.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { limits } from '../../../platform/rate-limits/rate-limits.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import { centreParams } from '../../centres/schemas.ts';
import type { RoundPage } from '../access.ts';
import type { CertificatesService } from '../certificates/service.ts';
import { recognitionSection } from '../certificates/views/recognition.ts';
import type { StakeholderGroup } from '../framework/format.ts';
import { roundParams, roundPath, roundsPath } from '../paths.ts';
import { statusOf } from '../round.ts';
import type { NoticesService } from '../notices/notices.ts';
import type { InvitationsService } from './invitations.ts';
import { posterDocument } from './poster.ts';
import { extendForm, groupForm, inviteeLines, inviteForm, linkMailForm, newRoundQuery, roundForm, targetName, targetsOf } from './schemas.ts';
import type { RoundsService } from './service.ts';
import { roundView, type RoundViewState } from './views/round.ts';
import { chooseCentreView, newRoundDefaults, newRoundView, roundFormValues, type RoundFormValues } from './views/new-round.ts';
import { roundsView } from './views/rounds.ts';

// A centre's rounds, inside the account scope (session and CSRF): the list, starting a round, and
// a round's page with its links, mailing them, its dates, its certificate and deleting it:
// /{lang}/account/centres/{slug}/self-assessment/…

export function roundRoutes(
  app: FastifyInstance,
  g: Guards,
  a: AppContext,
  lang: Lang,
  o: { rounds: RoundsService; invitations: InvitationsService; certificates: CertificatesService; notices?: NoticesService },
): void {
  const { rounds, invitations, certificates, notices } = o;
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const member = { preHandler: [g.requireUser] };
  const memberPost = { preHandler: [g.csrfCheck, g.requireUser] };
  const base = '/centres/:slug/self-assessment';

  const refused = (result: string) => {
    if (result === 'missing') throw new NotFoundError('round');
    if (result === 'forbidden') throw new ForbiddenError();
  };

  async function roundOr404(req: FastifyRequest): Promise<RoundPage> {
    const { slug, round } = parse(roundParams, req.params);
    const r = await rounds.roundFor(req.user!, slug, round);
    if (!r) throw new NotFoundError('round');
    return r;
  }

  /** A round the person manages: access before validation, so a form's problems show only to those who may send it. */
  async function managedRound(req: FastifyRequest): Promise<RoundPage> {
    const r = await roundOr404(req);
    if (!r.manage) throw new ForbiddenError();
    return r;
  }

  async function showRound(req: FastifyRequest, reply: FastifyReply, r: RoundPage, state: Partial<RoundViewState> = {}, status = 200) {
    const links = new Map<StakeholderGroup, string>(r.loaded.groups.map((x) => [x.group, rounds.linkOf(x.salt)]));
    const codes = new Map<StakeholderGroup, string>(r.loaded.groups.map((x) => [x.group, rounds.codeOf(x.salt)]));
    const csrf = reply.generateCsrf();
    const l = ctx(req);
    const recognition = r.loaded.groups.some((x) => x.sent > 0)
      ? recognitionSection(l, await certificates.eligibility(r), `${roundPath(l, r.centre.slug, r.loaded.round.id)}/certificate`, csrf, r.manage)
      : undefined;
    const id = r.loaded.round.id;
    const [unsent, invited, reminded] = await Promise.all([rounds.unsent(id), invitations.counts(id), invitations.remindedAt(id)]);
    return sendPrivate(reply, roundView(l, r, { csrf, unsent, links, codes, invitations: invited, reminded, recognition, ...state }), status);
  }

  app.get(base, member, async (req, reply) => {
    const { slug } = parse(centreParams, req.params);
    const c = await rounds.centreFor(req.user!, slug);
    if (!c) throw new NotFoundError('centre');
    const notice = noticeOf(req.query, { deleted: 'round.notice.deleted', benchmark: 'round.notice.benchmark' });
    return sendPrivate(reply, roundsView(ctx(req), c, await rounds.list(c.centre.id), reply.generateCsrf(), notice));
  });

  async function newForm(req: FastifyRequest, reply: FastifyReply, values: RoundFormValues | null, errors: FieldError[] = [], status = 200) {
    const { slug } = parse(centreParams, req.params);
    const c = await rounds.centreFor(req.user!, slug);
    if (!c) throw new NotFoundError('centre');
    if (!c.manage) throw new ForbiddenError();
    const framework = await rounds.framework();
    if (!framework) throw new NotFoundError('framework');
    const minIndicators = await rounds.minIndicators();
    const { preset } = parse(newRoundQuery, req.query);
    const defaults = newRoundDefaults(ctx(req), framework.document, preset ?? 'recommended', minIndicators);
    return sendPrivate(reply, newRoundView(ctx(req), c, { framework, minIndicators }, reply.generateCsrf(), values ?? defaults, errors), status);
  }

  app.get(`${base}/new`, member, (req, reply) => newForm(req, reply, null));

  app.post(base, memberPost, async (req, reply) => {
    const { slug } = parse(centreParams, req.params);
    const c = await rounds.centreFor(req.user!, slug);
    if (!c) throw new NotFoundError('centre');
    if (!c.manage) throw new ForbiddenError();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = parseForm(roundForm, body);
    const targets = targetsOf(body, form.ok ? form.data.groups : roundFormValues(body).groups);
    const targetErrors = targets.wrong.map((g) => ({
      field: targetName(g),
      key: 'round.error.target',
      values: { min: targets.min, group: ctx(req).t(`assessment.groupName.${g}`) },
    }));
    if (!form.ok || targetErrors.length) return newForm(req, reply, roundFormValues(body), [...(form.ok ? [] : form.errors), ...targetErrors], 422);
    const result = await rounds.create(req.user!, slug, form.data, lang, targets.targets);
    refused(typeof result === 'string' ? result : 'ok');
    if (typeof result === 'object' && 'errors' in result) return newForm(req, reply, roundFormValues(body), result.errors, 422);
    const { id } = result as { id: number };
    return redirectDone(reply, `${roundPath(ctx(req), slug, id)}`, 'created');
  });

  // "Start a self-assessment" (home, framework and self-assessment pages): the form of the centre
  // the person administers, a choice when there are several, or adding a centre first.
  app.get('/self-assessment/start', member, async (req, reply) => {
    const mine = await rounds.managedCentres(req.user!);
    if (mine.length === 1) return reply.redirect(`${roundsPath(ctx(req), mine[0]!.slug)}/new`, 303);
    if (!mine.length) return reply.redirect(`/${lang}/account/centres/new`, 303);
    return sendPrivate(reply, chooseCentreView(ctx(req), mine));
  });

  app.get(`${base}/rounds/:round`, member, async (req, reply) => {
    const r = await roundOr404(req);
    const notices = {
      created: 'round.notice.created',
      closed: 'round.notice.closed',
      extended: 'round.notice.extended',
      link: 'round.notice.link',
      mailed: 'round.notice.mailed',
      invited: 'round.notice.invited',
      reminded: 'round.notice.reminded',
    };
    return showRound(req, reply, r, { notice: noticeOf(req.query, notices) });
  });

  const after = (req: FastifyRequest, reply: FastifyReply, done: string) => {
    const { slug, round } = parse(roundParams, req.params);
    return redirectDone(reply, `${roundPath(ctx(req), slug, round)}`, done);
  };

  // A group's A4 poster (its open link as a QR code), in the language of the address: only for
  // those who manage the round, since the link is the centre's secret.
  app.get(`${base}/rounds/:round/poster/:group.pdf`, member, async (req, reply) => {
    const r = await managedRound(req);
    const { group } = parse(groupForm, req.params);
    const g = r.loaded.groups.find((x) => x.group === group);
    if (!g || g.access !== 'link' || statusOf(r.loaded.round) === 'closed') throw new NotFoundError('group');
    const l = ctx(req);
    const short = `${l.baseUrl}/${lang}/s/${rounds.codeOf(g.salt)}`;
    const pdf = await renderPdf(posterDocument(l, r, group, `${l.baseUrl}/${lang}/survey/${rounds.linkOf(g.salt)}`, short));
    const name = `poster-${r.centre.slug}-${r.loaded.round.id}-${group}-${lang}.pdf`;
    return reply.header('cache-control', 'no-store').header('content-disposition', `inline; filename="${name}"`).type('application/pdf').send(pdf);
  });

  app.post(`${base}/rounds/:round/close`, memberPost, async (req, reply) => {
    const { slug, round } = parse(roundParams, req.params);
    const result = await rounds.close(req.user!, slug, round);
    refused(result);
    // The administrators are told now (their mail through the queue), not at the next sweep.
    if (result === 'done') await notices?.roundClosed(round);
    return after(req, reply, 'closed');
  });

  app.post(`${base}/rounds/:round/extend`, memberPost, async (req, reply) => {
    const { slug, round } = parse(roundParams, req.params);
    const r = await managedRound(req);
    const form = parseForm(extendForm, req.body);
    const problem = (errors: FieldError[]) => showRound(req, reply, r, { errors, form: 'extend', values: textValues(form.ok ? {} : form.values) }, 422);
    if (!form.ok) return problem(form.errors);
    const result = await rounds.extend(req.user!, slug, round, form.data.closes);
    refused(result);
    if (result === 'past') return problem([{ field: 'closes', key: 'round.error.closesPast' }]);
    if (result === 'before-open') return problem([{ field: 'closes', key: 'round.error.closesBeforeOpens' }]);
    return after(req, reply, 'extended');
  });

  app.post(`${base}/rounds/:round/links`, memberPost, async (req, reply) => {
    const { slug, round } = parse(roundParams, req.params);
    await managedRound(req);
    const { group } = parse(groupForm, req.body);
    refused(await rounds.replaceLink(req.user!, slug, round, group));
    return after(req, reply, 'link');
  });

  app.post(`${base}/rounds/:round/mail`, memberPost, async (req, reply) => {
    const { slug, round } = parse(roundParams, req.params);
    const r = await managedRound(req);
    const form = parseForm(linkMailForm, req.body);
    if (!form.ok) return showRound(req, reply, r, { errors: form.errors, form: 'mail', values: textValues(form.values) }, 422);
    const result = await rounds.mailLink(req.user!, slug, round, form.data.group, form.data.emails, form.data.mailLang ?? lang, form.data.mailMessage);
    refused(result);
    if (result === 'limited')
      return showRound(
        req,
        reply,
        await roundOr404(req),
        {
          errors: [{ field: 'group', key: 'round.error.mailLimit', values: { max: limits.surveyMailPerPerson.max } }],
          form: 'mail',
          values: { group: form.data.group, emails: inviteeLines(form.data.emails), mailLang: form.data.mailLang ?? lang, mailMessage: form.data.mailMessage },
        },
        429,
      );
    if (result === 'closed')
      return showRound(
        req,
        reply,
        await roundOr404(req),
        {
          errors: [{ field: 'group', key: 'round.error.closed' }],
          form: 'mail',
          values: { group: form.data.group, emails: inviteeLines(form.data.emails), mailLang: form.data.mailLang ?? lang, mailMessage: form.data.mailMessage },
        },
        409,
      );
    return after(req, reply, 'mailed');
  });

  app.post(`${base}/rounds/:round/invite`, memberPost, async (req, reply) => {
    const r = await roundOr404(req);
    if (!r.manage) throw new ForbiddenError();
    const form = parseForm(inviteForm, req.body);
    const again = (errors: FieldError[], status: number) =>
      showRound(
        req,
        reply,
        r,
        { errors, form: 'invite', values: textValues(form.ok ? { ...form.data, invitees: inviteeLines(form.data.invitees) } : form.values) },
        status,
      );
    if (!form.ok) return again(form.errors, 422);
    const result = await invitations.invite(r, req.user!, form.data);
    refused(result === 'missing' || result === 'forbidden' ? result : 'ok');
    if (result === 'limited') return again([{ field: 'inviteGroup', key: 'round.error.mailLimit', values: { max: limits.surveyMailPerPerson.max } }], 429);
    if (result === 'closed') return again([{ field: 'inviteGroup', key: 'round.error.closed' }], 409);
    return after(req, reply, 'invited');
  });

  app.post(`${base}/rounds/:round/remind`, memberPost, async (req, reply) => {
    const r = await roundOr404(req);
    if (!r.manage) throw new ForbiddenError();
    const { group } = parse(groupForm, req.body);
    const result = await invitations.remind(r, req.user!, group);
    refused(result === 'missing' || result === 'forbidden' ? result : 'ok');
    if (result === 'too-soon') return showRound(req, reply, r, { errors: [{ field: 'remind', key: 'round.error.remindedToday' }], form: 'remind' }, 429);
    if (result === 'closed') return showRound(req, reply, r, { errors: [{ field: 'remind', key: 'round.error.closed' }], form: 'remind' }, 409);
    return after(req, reply, 'reminded');
  });

  app.post(`${base}/rounds/:round/delete`, memberPost, async (req, reply) => {
    const { slug, round } = parse(roundParams, req.params);
    const result = await rounds.remove(req.user!, slug, round);
    refused(result);
    if (result === 'has-answers') return showRound(req, reply, await roundOr404(req), { errors: [{ field: 'delete', key: 'round.error.hasAnswers' }] }, 409);
    return redirectDone(reply, `${roundsPath(ctx(req), slug)}`, 'deleted');
  });
}
