import type { PageContext } from '../../../http/context.ts';
import { isolate } from '../../../i18n/messages.ts';
import type { PdfBlock, PdfDocument } from '../../../pdf/model.ts';
import { day } from '../../../ui/dates.ts';
import { checklistText, checkNoteText } from '../consortium/checklist-text.ts';
import type { ConsortiumPage } from './service.ts';
import { partnerWords } from './text.ts';

// The consortium as a short PDF for the application: its title and coordinator, the rules it was
// checked against with the advice to check the current guide, the partners table and the
// checklist, in the reader's language.

export function consortiumDocument(ctx: PageContext, p: ConsortiumPage): PdfDocument {
  const { t } = ctx;
  const title = p.consortium.title;
  const checks = checklistText(ctx, p.results);
  const blocks: PdfBlock[] = [
    { kind: 'paragraph', text: t('consortium.page.kicker', { coordinator: p.coordinator.name }), muted: true },
    // What people typed keeps its own direction in a document of the other (a period stays at its end).
    ...(p.consortium.description ? [{ kind: 'paragraph', text: isolate(p.consortium.description) } as const] : []),
    { kind: 'heading', text: t('consortium.partners.heading', { count: p.partners.length }), level: 2 },
    {
      kind: 'table',
      caption: t('consortium.partners.caption', { title }),
      head: [
        t('consortium.column.name'),
        t('consortium.column.country'),
        t('consortium.column.kind'),
        t('consortium.column.role'),
        t('consortium.column.status'),
        t('consortium.column.eqf'),
        t('consortium.column.ids'),
      ],
      rows: p.partners.map((x) => {
        const w = partnerWords(ctx, x);
        // Each identifier a left-to-right unit, so "OID E…" keeps its order in an Arabic document.
        const ids =
          [x.oid ? t('consortium.ids.oid', { oid: x.oid }) : '', x.pic ? t('consortium.ids.pic', { pic: x.pic }) : '']
            .filter(Boolean)
            .map(isolate)
            .join('\n') || '–';
        return [isolate(x.name), w.country, w.kind, w.role, w.status, w.eqf, ids];
      }),
      widths: [2.1, 1.2, 1.7, 1.5, 1.6, 1.3, 1.8],
    },
    { kind: 'heading', text: t('consortium.checklist.heading'), level: 2 },
    { kind: 'paragraph', text: t('consortium.checklist.summary', { met: p.results.filter((r) => r.met).length, rules: p.results.length }) },
    { kind: 'paragraph', text: checkNoteText(ctx, p.rules), muted: true },
    {
      kind: 'table',
      caption: t('consortium.checklist.heading'),
      head: [t('consortium.column.rule'), t('consortium.column.state'), t('consortium.column.details')],
      rows: checks.map((c) => [c.rule, c.state, [...c.status, ...(c.invited ? [c.invited] : []), ...(c.note ? [c.note] : [])].join('\n')]),
      widths: [3, 1.3, 4.5],
    },
  ];
  return {
    lang: ctx.lang,
    title,
    author: p.coordinator.name,
    subject: t('consortium.list.heading'),
    blocks,
    footer: `${isolate(p.coordinator.name)} · ${isolate(title)} · ${day(ctx, new Date().toISOString())}`,
  };
}
