import type { DB } from '../../../db/database.ts';
import { limits, rateLimiter } from '../../../platform/rate-limits/rate-limits.ts';
import { findCentreById } from '../../centres/repository.ts';
import type { StakeholderGroup } from '../framework/format.ts';
import { refreshScores } from '../report/results.ts';
import { loadRound, statusOf, type LoadedRound, type RoundStatus } from '../round.ts';
import { digest, newSalt, normaliseCode, tokens } from '../rounds/tokens.ts';
import { itemsOf, pagesFor, type QuestionPage } from './pages.ts';
import * as repo from './repository.ts';
import { answerInput, answerValue } from './schemas.ts';

// The respondent's side of a round. No account, no personal data: a group's link starts a
// response; the response is reached again only through its resume link or its short code. Answers
// are saved page by page, so a dropped connection loses at most the page being filled in, and
// count only once the response is sent, which happens once.

export interface LinkState {
  loaded: LoadedRound;
  group: StakeholderGroup;
  centre: string;
  status: RoundStatus;
  pages: QuestionPage[];
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
    };
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

    /** Starts a response for the link's group; the caller sends the respondent to its first page. */
    async start(link: string, address: string): Promise<{ token: string } | 'closed' | 'limited' | null> {
      const s = await byLink(link);
      if (!s) return null;
      if (s.status !== 'open') return 'closed';
      if (await rates.count(`survey-start:${s.loaded.round.id}:${address}`, limits.surveyStartPerIp)) return 'limited';
      for (;;) {
        const salt = newSalt();
        const id = await repo.createResponse(db, {
          roundId: s.loaded.round.id,
          grp: s.group,
          salt,
          resumeHash: digest(tk.resume(salt)),
          codeHash: digest(tk.code(salt)),
        });
        if (id !== null) return { token: tk.resume(salt) };
      }
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

    /** Sends the answers: they count from now on, and can no longer change. */
    async send(s: Session): Promise<'sent' | 'already' | 'closed' | 'incomplete'> {
      if (s.response.sent) return 'already';
      if (s.status !== 'open') return 'closed';
      if (s.pages.some((p) => itemsOf(p).some((item) => !s.answers.has(item)))) return 'incomplete';
      if (!(await repo.sendResponse(db, s.response))) return 'already';
      await refreshScores(db, s.loaded.round.id);
      return 'sent';
    },
  };
}

export type SurveyService = ReturnType<typeof surveyService>;
