import type { PageContext } from '../../../http/context.ts';
import type { PdfBlock, PdfDocument } from '../../../pdf/model.ts';
import { isolate } from '../../../i18n/messages.ts';
import { day } from '../../../ui/dates.ts';
import { inLang, type CriterionDoc } from '../framework/document.ts';
import type { Plan } from './repository.ts';
import { isOverdue, progressOf, type PlanData } from './service.ts';

// The plan as a PDF document, in the page's words: progress at a glance, then per focus area a
// table of its actions (action, owner, due date, status, latest progress note). planBlocks is the
// plan alone, for other documents that carry it (the report's PDF).

/** The plan's blocks; `criteria` are the round's (service.ts criteriaOf), for the focus areas' titles. */
export function planBlocks(ctx: PageContext, criteria: CriterionDoc[], plan: Plan, level: 2 | 3 = 2): PdfBlock[] {
  const { t } = ctx;
  const all = progressOf(plan.actions);
  const blocks: PdfBlock[] = [
    {
      kind: 'paragraph',
      text: `${t('plan.glance.total', { total: all.total, done: all.done, started: all.started, planned: all.planned })}${all.overdue ? ` ${t('plan.glance.overdue', { n: all.overdue })}` : ''}`,
    },
  ];
  for (const id of plan.focus) {
    const c = criteria.find((x) => x.id === id);
    if (!c) continue;
    const actions = plan.actions.filter((a) => a.criterion === id);
    const p = progressOf(actions);
    blocks.push(
      { kind: 'heading', text: inLang(c.title, ctx).value, level },
      { kind: 'paragraph', text: t('plan.glance.done', { done: p.done, total: p.total }), muted: true },
    );
    if (!actions.length) {
      blocks.push({ kind: 'paragraph', text: t('plan.actions.none') });
      continue;
    }
    blocks.push({
      kind: 'table',
      caption: t('plan.actions.caption', { criterion: inLang(c.title, ctx).value }),
      head: [t('plan.action.title'), t('plan.action.owner'), t('plan.action.due'), t('plan.action.status'), t('plan.note.latest')],
      rows: actions.map((a) => {
        const note = a.progress[0];
        return [
          a.title,
          a.owner || t('plan.formerMember'),
          a.due_on ? day(ctx, `${a.due_on}T00:00:00Z`) : '–',
          `${t(`plan.status.${a.status}`)}${isOverdue(a) ? ` (${t('plan.overdue')})` : ''}`,
          // The note, then who wrote it and when, on a line of its own (each line its own direction).
          note ? `${note.body}\n${t('plan.note.meta', { who: note.author_name || t('plan.formerMember'), when: day(ctx, note.created_at) })}` : '–',
        ];
      }),
      widths: [3, 1.6, 1.3, 1.2, 3],
    });
  }
  return blocks;
}

export function planDocument(ctx: PageContext, d: PlanData): PdfDocument {
  const { t } = ctx;
  const { round } = d.page.loaded;
  const title = t('plan.title', { round: round.title });
  return {
    lang: ctx.lang,
    title,
    author: d.page.centre.name,
    subject: t('round.list.title'),
    blocks: [
      { kind: 'paragraph', text: d.page.centre.name, muted: true },
      ...(d.plan ? planBlocks(ctx, d.criteria, d.plan) : [{ kind: 'paragraph', text: t('plan.none') } as const]),
    ],
    footer: `${isolate(d.page.centre.name)} · ${title} · ${day(ctx, new Date().toISOString())}`,
  };
}
