import type { DB } from '../../../db/database.ts';
import { limits, rateLimiter } from '../../../platform/rate-limits/rate-limits.ts';
import { sessionUserId } from '../../accounts/session-store.ts';
import { findCentreById, membership } from '../../centres/repository.ts';
import type { StakeholderGroup } from '../framework/format.ts';
import { loadRound, statusOf, type LoadedRound, type RoundStatus } from '../round.ts';
import { digest, newSalt, normaliseCode, tokens } from '../rounds/tokens.ts';
import { itemsOf, pagesFor, type QuestionPage } from './pages.ts';
import * as repo from './repository.ts';
import { answerInput, answerValue } from './schemas.ts';

// The respondent's side of a round. No account, no personal data: a group's open link, or a
// personal invitation's link, starts a response; the response is reached again through its resume
// link or its short code (and an invitation's link). Answers are saved page by page, so a dropped
// connection loses at most the page being filled in, and count only once the response is sent,
// which happens once. Sent answers wait until the round releases them (docs/decisions/0006).

export interface LinkState {
  loaded: LoadedRound;
  group: StakeholderGroup;
  centre: string;
  status: RoundStatus;
  pages: QuestionPage[];
  /** how this group answers: its open link, or personal invitations only */
  access: 'link' | 'invitation';
}

/** A personal invitation's link: its round and group, and how far its person has got. */
export interface InvitationState extends LinkState {
  invitation: repo.InvitationRow;
}

/** What the browser that sends says of itself (the route reads it from cookies). */
export interface Sender {
  address: string;
  /** signed in as a member of the round's centre (counted, never who) */
  member: boolean;
}

/** Whether a second response from this browser to this group is meant: it sent one already and the person has not said the device is shared. */
export interface Device {
  sentHere: boolean;
  shared: boolean;
}

export interface Session extends LinkState {
  response: repo.ResponseRow;
  /** the response's resume token and short code */
  token: string;
  code: string;
  answers: Map<string, number>;
}

export type PageResult =
  | { ok: true; next: number | 'check' }
  | { ok: false; problem: 'closed' | 'sent' }
  | { ok: false; problem: 'missing'; missing: string[]; given: Map<string, string> }
  | { ok: false; problem: 'invalid' };

export function surveyService(db: DB, secret: string) {
  const rates = rateLimiter(db);
  const tk = tokens(secret);

  async function state(roundId: number, group: StakeholderGroup): Promise<LinkState | null> {
    const loaded = await loadRound(db, roundId);
    if (!loaded || !loaded.groups.some((g) => g.group === group)) return null;
    const centre = await findCentreById(db, loaded.round.centre_id);
    if (!centre) return null;
    return {
      loaded,
      group,
      centre: centre.name,
      status: statusOf(loaded.round),
      pages: pagesFor(loaded.version.document, loaded.indicators, loaded.own, group),
      access: loaded.groups.find((g) => g.group === group)!.access,
    };
  }

  /** Adds a response, drawing new salts until its code is unique. */
  async function newResponse(s: LinkState, channel: repo.Channel, invitationId?: number): Promise<{ token: string } | 'taken'> {
    for (;;) {
      const salt = newSalt();
      const id = await repo.createResponse(db, {
        roundId: s.loaded.round.id,
        grp: s.group,
        channel,
        salt,
        resumeHash: digest(tk.resume(salt)),
        codeHash: digest(tk.code(salt)),
        ...(invitationId === undefined ? {} : { invitationId }),
      });
      if (id && 'taken' in id) return 'taken';
      if (id) return { token: tk.resume(salt) };
    }
  }

  async function byInvitation(token: string): Promise<InvitationState | null> {
    const invitation = await repo.invitationByLink(db, digest(token));
    if (!invitation) return null;
    const s = await state(invitation.round_id, invitation.grp);
    return s ? { ...s, invitation } : null;
  }

  async function byLink(link: string): Promise<LinkState | null> {
    const found = await repo.groupByLink(db, digest(link));
    return found ? state(found.round_id, found.grp) : null;
  }

  async function sessionOf(response: repo.ResponseRow): Promise<Session | null> {
    const s = await state(response.round_id, response.grp);
    if (!s) return null;
    return { ...s, response, token: tk.resume(response.salt), code: tk.code(response.salt), answers: await repo.answersOf(db, response.id) };
  }

  return {
    byLink,

    /**
     * The link of an open-link group by its short code as typed (any case, hyphen or not, O for
     * 0): null when no open group has it. Failed tries are counted per address, so 40 bits
     * cannot be walked through.
     */
    async linkByCode(typed: string, address: string): Promise<{ link: string } | 'limited' | null> {
      const key = `group-code:${address}`;
      if ((await rates.peek(key)) >= limits.groupCodePerIp.max) return 'limited';
      const code = normaliseCode(typed);
      const found = /^[0-9A-Z]{8}$/.test(code) ? await repo.groupByCode(db, digest(code)) : undefined;
      const s = found && found.access === 'link' ? await state(found.round_id, found.grp) : null;
      if (!found || !s || s.status === 'closed') {
        await rates.hit(key, limits.groupCodePerIp);
        return null;
      }
      return { link: tk.link(found.link_salt) };
    },

    byInvitation,

    /** Whether the browser's sign-in (its verified session id) is a member of the round's centre. */
    async memberOf(sessionId: string | null, s: LinkState): Promise<boolean> {
      if (!sessionId) return false;
      const userId = await sessionUserId(db, sessionId);
      return userId !== null && (await membership(db, s.loaded.round.centre_id, userId)) !== undefined;
    },

    /**
     * Starts a response for the link's group; the caller sends the respondent to its first page.
     * A group that answers by invitation has no open link; a browser that has sent a response to
     * the group starts another only once the person says the device is shared.
     */
    async start(link: string, address: string, device: Device): Promise<{ token: string } | 'closed' | 'limited' | 'invitation-only' | 'sent-here' | null> {
      const s = await byLink(link);
      if (!s) return null;
      if (s.access === 'invitation') return 'invitation-only';
      if (s.status !== 'open') return 'closed';
      if (device.sentHere && !device.shared) return 'sent-here';
      if (await rates.count(`survey-start:${s.loaded.round.id}:${address}`, limits.surveyStartPerIp)) return 'limited';
      const started = await newResponse(s, 'link');
      return started === 'taken' ? null : started;
    },

    /** Starts the response of a personal invitation, or finds the one it started: one invitation, one response. */
    async startInvited(token: string): Promise<{ token: string } | 'closed' | 'sent' | null> {
      for (let tries = 0; tries < 2; tries++) {
        const s = await byInvitation(token);
        if (!s) return null;
        if (s.invitation.state === 'sent') return 'sent';
        if (s.invitation.response_id) {
          const response = await repo.responseBy(db, 'id', s.invitation.response_id);
          if (response) return { token: tk.resume(response.salt) };
        }
        if (s.status !== 'open') return 'closed';
        const started = await newResponse(s, 'invitation', s.invitation.id);
        if (started !== 'taken') return started;
        // Another tab started it a moment ago: find that response.
      }
      return null;
    },

    /** Finds a response of the link's group by its short code. */
    async resumeByCode(link: string, typed: string, address: string): Promise<{ token: string } | 'wrong' | 'limited' | null> {
      const s = await byLink(link);
      if (!s) return null;
      if (await rates.count(`survey-code:${address}`, limits.surveyCodePerIp)) return 'limited';
      const response = await repo.responseBy(db, 'code_hash', digest(normaliseCode(typed)));
      if (!response || response.round_id !== s.loaded.round.id || response.grp !== s.group) return 'wrong';
      return { token: tk.resume(response.salt) };
    },

    async session(token: string): Promise<Session | null> {
      const response = await repo.responseBy(db, 'resume_hash', digest(token));
      return response ? sessionOf(response) : null;
    },

    /**
     * Saves the answers of page `n` (1-based). Every statement on the page needs an answer ("not
     * applicable" and "prefer not to say" are answers); an answer to anything not on this page is
     * refused whole, as is any answer once the round is closed or the response sent.
     */
    async savePage(s: Session, n: number, body: Record<string, unknown>, direction: 'next' | 'back'): Promise<PageResult> {
      const page = s.pages[n - 1];
      if (!page) return { ok: false, problem: 'invalid' };
      if (s.response.sent) return { ok: false, problem: 'sent' };
      if (s.status !== 'open') return { ok: false, problem: 'closed' };
      const asked = new Set(itemsOf(page));
      const given = new Map<string, string>();
      for (const [key, raw] of Object.entries(body)) {
        if (!key.startsWith('a.')) continue;
        const item = key.slice(2);
        const value = answerInput.safeParse(raw);
        if (!asked.has(item) || !value.success) return { ok: false, problem: 'invalid' };
        given.set(item, value.data);
      }
      const missing = [...asked].filter((i) => !given.has(i));
      // Going back keeps what was answered and asks for nothing; going on needs every answer.
      if (missing.length && direction === 'next') return { ok: false, problem: 'missing', missing, given };
      const next = direction === 'back' ? Math.max(1, n - 1) : n + 1;
      const answers = [...given].map(([item, v]) => [item, answerValue(v as Parameters<typeof answerValue>[0])] as [string, number]);
      const saved = await repo.saveAnswers(db, s.response.id, answers, Math.max(s.response.page, direction === 'next' ? next : n));
      if (!saved) return { ok: false, problem: 'sent' };
      return { ok: true, next: direction === 'next' && n === s.pages.length ? 'check' : next };
    },

    /** Pages with a statement still unanswered, by number. */
    unanswered: (s: Session): number[] => s.pages.flatMap((p, i) => (itemsOf(p).some((item) => !s.answers.has(item)) ? [i + 1] : [])),

    /**
     * Sends the answers: they can no longer change, and count once the round releases them. A
     * browser that has sent to this group already needs the person to say the device is shared.
     * Whether it came from a member's browser, or in a burst from one address, is counted with it.
     */
    async send(s: Session, sender: Sender, device: Device): Promise<'sent' | 'already' | 'closed' | 'incomplete' | 'sent-here'> {
      if (s.response.sent) return 'already';
      if (s.status !== 'open') return 'closed';
      if (s.pages.some((p) => itemsOf(p).some((item) => !s.answers.has(item)))) return 'incomplete';
      if (s.response.channel === 'link' && device.sentHere && !device.shared) return 'sent-here';
      const burst = (await rates.count(`survey-sent:${s.loaded.round.id}:${sender.address}`, limits.surveySentPerIp)) !== null;
      if (!(await repo.sendResponse(db, s.response, { member: sender.member, burst }))) return 'already';
      return 'sent';
    },
  };
}

export type SurveyService = ReturnType<typeof surveyService>;
