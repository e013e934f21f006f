import type { DB } from '../../../db/database.ts';
import type { PageContext } from '../../../http/context.ts';
import { csv } from '../../../http/csv.ts';
import type { FieldError } from '../../../http/forms.ts';
import { siteLang, type Lang } from '../../../i18n/languages.ts';
import { translator } from '../../../i18n/messages.ts';
import type { User } from '../../accounts/repository.ts';
import type { Mailer } from '../../accounts/mail.ts';
import type { KnowledgeService } from '../../knowledge/service.ts';
import type { RoundPage } from '../access.ts';
import { inLang, type CriterionDoc } from '../framework/document.ts';
import { actionsFor, type ActionLink } from '../report/recommendations.ts';
import { resultsOf } from '../report/results.ts';
import { weakestCriteria, type CriterionResult } from '../report/scoring.ts';
import * as pr from './repository.ts';
import type { ActionForm } from './schemas.ts';

// Development plans: from a round's report, a centre chooses two or three focus areas (criteria
// of the round) and adds actions to them: a recommended station action or one of its own, with
// an owner (a member of the centre, told by mail, or a name), a due date, a status and the
// indicator it should move, and a dated log of progress notes. Centre administrators change the
// plan; every member reads it; an action's owner member may add notes to it too. Overdue actions
// are reminded by a recurring job (jobs.ts).

export const MIN_FOCUS = 2;
export const MAX_FOCUS = 3;

/** The round's criteria, in the framework's order. */
export function criteriaOf(r: RoundPage): CriterionDoc[] {
  return r.loaded.version.document.dimensions.flatMap((d) => d.criteria).filter((c) => c.indicators.some((i) => r.loaded.indicators.has(i.id)));
}

/** How many focus areas a plan needs: two or three, or fewer when the round had fewer criteria. */
export const focusRange = (r: RoundPage) => ({ min: Math.min(MIN_FOCUS, criteriaOf(r).length), max: MAX_FOCUS });

/** What a plan's pages show besides the plan. */
export interface PlanData {
  page: RoundPage;
  plan: pr.Plan | null;
  criteria: CriterionDoc[];
  /** criterion id → its result in the round */
  scores: Map<string, CriterionResult>;
  /** the weakest criteria, suggested as focus areas */
  suggested: string[];
  /** recommended station actions per focus area */
  recommended: Map<string, ActionLink[]>;
  focusRange: { min: number; max: number };
  /** whether the round has released results yet (suggestions and scores come with them) */
  released: boolean;
  /** the centre's members, to whom an action may be given */
  members: { id: number; name: string }[];
}

/** Where the plan's mail links point, and how it is sent (the job queue). */
export interface PlanMail {
  mailer: Mailer;
  baseUrl: string;
}

/** Who may write progress notes on an action: those who change the plan, and the member who owns it (decision 0012). */
export const mayNote = (user: User, r: RoundPage, a: pr.PlanAction) => r.manage || (a.owner_user_id !== null && a.owner_user_id === user.id);

export const today = () => new Date().toISOString().slice(0, 10);

/** The address of a plan, in a language, for mail (with an action's anchor). */
export const planUrl = (baseUrl: string, lang: Lang, slug: string, round: number, action?: number) =>
  `${baseUrl}/${lang}/account/centres/${slug}/self-assessment/rounds/${round}/plan${action ? `#action-${action}` : ''}`;

/** A date (YYYY-MM-DD) as people of a language write it. */
export const longDay = (lang: Lang, d: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));

/** A recipient's language, or English when theirs is not one of the platform's. */
export const langOf = siteLang;

export function planService(db: DB, knowledge: KnowledgeService, mail?: PlanMail) {
  /** Tells a member of the centre, in their language, that an action is now theirs. */
  async function tellOwner(r: RoundPage, by: User | null, actionId: number, userId: number, a: pr.ActionInput): Promise<void> {
    if (!mail) return;
    const owner = (await pr.centreMembers(db, r.centre.id)).find((m) => m.id === userId);
    if (!owner || owner.id === by?.id) return;
    const lang = langOf(owner.preferred_lang);
    const t = translator(lang);
    await mail.mailer.send({
      to: owner.email,
      subject: t('mail.planOwner.subject', { centre: r.centre.name }),
      body: t('mail.planOwner.body', {
        name: owner.name,
        by: by?.name ?? r.centre.name,
        title: a.title,
        centre: r.centre.name,
        round: r.loaded.round.title,
        due: a.due_on ? longDay(lang, a.due_on) : t('mail.planOwner.noDue'),
        link: planUrl(mail.baseUrl, lang, r.centre.slug, r.loaded.round.id, actionId),
      }),
    });
  }

  return {
    get: (roundId: number) => pr.getPlan(db, roundId),

    /** The plan with the round's criteria, their scores, the weakest as suggestions, and the actions recommended for each focus area. */
    async page(r: RoundPage, plan: pr.Plan | null, lang: Lang): Promise<PlanData> {
      const results = await resultsOf(db, r.loaded);
      const criteria = criteriaOf(r);
      const focus = plan?.focus ?? [];
      const recommended = new Map<string, ActionLink[]>();
      for (const id of focus) {
        const c = criteria.find((x) => x.id === id);
        if (c) recommended.set(id, await actionsFor(knowledge, lang, [c]));
      }
      return {
        page: r,
        plan,
        criteria,
        scores: new Map(results.dimensions.flatMap((d) => d.criteria).map((c) => [c.criterion.id, c])),
        suggested: weakestCriteria(results, focusRange(r).max).map((c) => c.criterion.id),
        recommended,
        focusRange: focusRange(r),
        released: results.released > 0,
        members: (await pr.centreMembers(db, r.centre.id)).map((m) => ({ id: m.id, name: m.name })),
      };
    },

    /** The text of a recommended station action of the round, in the page's language. */
    async sourceText(r: RoundPage, lang: Lang): Promise<(key: string) => string | null> {
      const all = await actionsFor(knowledge, lang, criteriaOf(r));
      return (key: string) => all.find((x) => x.key === key)?.text.value ?? null;
    },

    /** Sets the focus areas, creating the plan; they must be criteria of the round. */
    async setFocus(r: RoundPage, focus: string[]): Promise<{ errors: FieldError[] } | 'done'> {
      const ids = new Set(criteriaOf(r).map((c) => c.id));
      const chosen = [...new Set(focus)];
      const { min, max } = focusRange(r);
      if (chosen.some((c) => !ids.has(c)) || chosen.length < min || chosen.length > max)
        return { errors: [{ field: 'focus', key: 'plan.error.focus', values: { min, max } }] };
      await pr.setFocus(db, r.loaded.round.id, chosen);
      return 'done';
    },

    /**
     * Checks an action against the plan: its focus area, its indicator (in that criterion and in
     * the round) and its source (an action the framework recommends for the criterion). Without a
     * title of its own, a recommended action takes that action's text.
     */
    check(
      r: RoundPage,
      plan: pr.Plan,
      form: ActionForm,
      sourceText: (key: string) => string | null,
      members: { id: number; name: string }[] = [],
    ): pr.ActionInput | { errors: FieldError[] } {
      const errors: FieldError[] = [];
      const criterion = criteriaOf(r).find((c) => c.id === form.criterion);
      if (!criterion || !plan.focus.includes(form.criterion)) errors.push({ field: 'criterion', key: 'plan.error.criterion' });
      if (form.indicator && !(criterion?.indicators.some((i) => i.id === form.indicator) && r.loaded.indicators.has(form.indicator)))
        errors.push({ field: 'indicator', key: 'plan.error.indicator' });
      let title = form.title;
      if (form.source) {
        const known = criterion?.indicators.some((i) => i.actions.includes(form.source!));
        const text = known ? sourceText(form.source) : null;
        if (!text) errors.push({ field: 'source', key: 'plan.error.source' });
        else title ??= text;
      }
      if (!title) errors.push({ field: 'title', key: 'plan.error.title' });
      // The owner: a member of the centre (their name kept with them), or a name written in.
      const member = form.ownerMember === null ? null : members.find((m) => m.id === form.ownerMember);
      if (form.ownerMember !== null && !member) errors.push({ field: 'ownerMember', key: 'plan.error.ownerMember' });
      else if (!member && !form.owner) errors.push({ field: 'owner', key: 'plan.error.owner' });
      if (errors.length) return { errors };
      return {
        criterion: form.criterion,
        indicator: form.indicator,
        source: form.source,
        title: title!.slice(0, 300),
        owner: member ? member.name : form.owner!,
        owner_user_id: member ? member.id : null,
        due_on: form.due,
        status: form.status,
        notes: form.notes,
      };
    },

    /** The plan as CSV, with its file name, in the page's language. */
    csv(r: RoundPage, plan: pr.Plan, l: PageContext): { filename: string; body: string } {
      const criteria = criteriaOf(r);
      const indicators = new Map(criteria.flatMap((c) => c.indicators).map((i) => [i.id, i]));
      const body = planCsv(plan, {
        criterion: (id) => {
          const c = criteria.find((x) => x.id === id);
          return c ? inLang(c.title, l).value : id;
        },
        indicator: (id) => {
          const i = indicators.get(id);
          return i ? inLang(i.statement, l).value : id;
        },
        status: (s) => l.t(`plan.status.${s}`),
      });
      return { filename: `development-plan-${r.centre.slug}-${r.loaded.round.id}.csv`, body };
    },

    add: (planId: number, a: pr.ActionInput) => pr.addAction(db, planId, a),
    update: (planId: number, id: number, a: pr.ActionInput) => pr.updateAction(db, planId, id, a),
    remove: (planId: number, id: number) => pr.deleteAction(db, planId, id),

    /** Adds an action; a member who owns it is told, once, by mail. */
    async addAction(user: User, r: RoundPage, plan: pr.Plan, a: pr.ActionInput): Promise<number> {
      const id = await pr.addAction(db, plan.id, a);
      if (a.owner_user_id) await tellOwner(r, user, id, a.owner_user_id, a);
      return id;
    },

    /** Changes an action; a member who becomes its owner is told (not again while it stays theirs). */
    async updateAction(user: User, r: RoundPage, plan: pr.Plan, before: pr.PlanAction, a: pr.ActionInput): Promise<void> {
      await pr.updateAction(db, plan.id, before.id, a);
      if (a.owner_user_id && a.owner_user_id !== before.owner_user_id) await tellOwner(r, user, before.id, a.owner_user_id, a);
    },

    mayNote,

    /** Adds a progress note, signed with the person's name and the time. */
    async addNote(user: User, r: RoundPage, a: pr.PlanAction, body: string): Promise<'done' | 'forbidden'> {
      if (!mayNote(user, r, a)) return 'forbidden';
      await pr.addNote(db, a.id, { id: user.id, name: user.name }, body);
      return 'done';
    },
  };
}

export type PlanService = ReturnType<typeof planService>;

/** Progress at a glance: actions per status, and those past their due date. */
export function progressOf(actions: pr.PlanAction[], on = today()) {
  const count = (s: pr.PlanStatus) => actions.filter((a) => a.status === s).length;
  return {
    total: actions.length,
    planned: count('planned'),
    started: count('started'),
    done: count('done'),
    overdue: actions.filter((a) => isOverdue(a, on)).length,
  };
}

/** The plan as CSV, one action per line. */
export function planCsv(plan: pr.Plan, names: { criterion: (id: string) => string; indicator: (id: string) => string; status: (s: string) => string }): string {
  const rows = [['focus_area', 'action', 'owner', 'due', 'status', 'indicator', 'station_action', 'notes', 'latest_note', 'latest_note_on']];
  for (const focus of plan.focus) {
    for (const a of plan.actions.filter((x) => x.criterion === focus))
      rows.push([
        names.criterion(focus),
        a.title,
        a.owner,
        a.due_on ?? '',
        names.status(a.status),
        a.indicator ? names.indicator(a.indicator) : '',
        a.source ?? '',
        a.notes ?? '',
        a.progress[0]?.body ?? '',
        a.progress[0]?.created_at.slice(0, 10) ?? '',
      ]);
  }
  return csv(rows);
}

/** Whether an action is past its due date and not done. */
export const isOverdue = (a: Pick<pr.PlanAction, 'status' | 'due_on'>, on = today()) => a.status !== 'done' && a.due_on !== null && a.due_on < on;
