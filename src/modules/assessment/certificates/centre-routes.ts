import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../http/app-context.ts';
import { ForbiddenError, NotFoundError, parse } from '../../../http/errors.ts';
import { sendPrivate } from '../../../http/send.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Guards } from '../../accounts/session-scope.ts';
import type { RoundAccess, RoundPage } from '../access.ts';
import { roundParams, roundPath } from '../paths.ts';
import { issueForm, profileForm } from './schemas.ts';
import type { CertificatesService } from './service.ts';
import { certificatePath } from './views/certificate.ts';
import { notEligibleView, previewView } from './views/recognition.ts';

// Issuing a round's certificate, for the centre's administrators, inside the account scope:
// …/self-assessment/rounds/{id}/certificate shows what it will say (GET, or the round page's
// button, a POST without `confirm`); only a POST with confirm=yes issues it. And
// …/certificate/profile lists it on the centre's public profile or leaves it off.

export function certificateCentreRoutes(
  app: FastifyInstance,
  g: Guards,
  a: AppContext,
  lang: Lang,
  o: { access: RoundAccess; certificates: CertificatesService },
): void {
  const { access, certificates } = o;
  const ctx = (req: FastifyRequest) => a.ctx(req, lang);
  const member = { preHandler: [g.requireUser] };
  const memberPost = { preHandler: [g.csrfCheck, g.requireUser] };
  const base = '/centres/:slug/self-assessment/rounds/:round/certificate';

  /** A round the person manages: others learn nothing more than the round page shows them. */
  async function managed(req: FastifyRequest): Promise<RoundPage> {
    const { slug, round } = parse(roundParams, req.params);
    const r = await access.roundFor(req.user!, slug, round);
    if (!r) throw new NotFoundError('round');
    if (!r.manage) throw new ForbiddenError();
    return r;
  }

  async function preview(req: FastifyRequest, reply: FastifyReply, r: RoundPage, refusedStatus: number) {
    const result = await certificates.preview(r);
    if (result === 'forbidden') throw new ForbiddenError();
    if (result === 'not-eligible') return sendPrivate(reply, notEligibleView(ctx(req), r, await certificates.eligibility(r)), refusedStatus);
    if ('code' in result) return reply.redirect(certificatePath(ctx(req), result.code), 303);
    return sendPrivate(reply, previewView(ctx(req), r, result, reply.generateCsrf()));
  }

  app.get(base, member, async (req, reply) => preview(req, reply, await managed(req), 200));

  app.post(base, memberPost, async (req, reply) => {
    const r = await managed(req);
    const { confirm } = parse(issueForm, req.body);
    if (confirm !== 'yes') return preview(req, reply, r, 409);
    const result = await certificates.issue(r, req.user!);
    if (result === 'forbidden') throw new ForbiddenError();
    if (result === 'not-eligible') return sendPrivate(reply, notEligibleView(ctx(req), r, await certificates.eligibility(r)), 409);
    return reply.redirect(certificatePath(ctx(req), result.code), 303);
  });

  app.post(`${base}/profile`, memberPost, async (req, reply) => {
    const r = await managed(req);
    const { onProfile } = parse(profileForm, req.body);
    const result = await certificates.setOnProfile(r, req.user!, onProfile === 'yes');
    if (result === 'forbidden') throw new ForbiddenError();
    if (result === 'missing') throw new NotFoundError('certificate');
    return reply.redirect(`${roundPath(ctx(req), r.centre.slug, r.loaded.round.id)}#recognition`, 303);
  });
}
