import type { PageContext } from '../../../http/context.ts';
import type { PdfDocument } from '../../../pdf/model.ts';
import { day } from '../../../ui/dates.ts';
import type { RoundPage } from '../access.ts';
import type { StakeholderGroup } from '../framework/format.ts';
import { pagesFor } from '../questionnaire/pages.ts';
import { lastDay } from '../round.ts';
import { minutesFor } from '../timing.ts';

// A group's poster, to print on A4 and pin up in a classroom or a company's workshop: the centre
// asks for the group's view, the QR code large, the short address in large type to type for
// those who cannot scan (/{lang}/s/ABCD-EFGH, which leads to the link), the
// answering time (timing.ts, as on the welcome page and in the mails) and what stays anonymous. In
// the language chosen, which is also the language the link opens the questionnaire in.

/** The poster of a group that answers through its open link; `link` is that link in ctx's language, `short` its short address. */
export function posterDocument(ctx: PageContext, r: RoundPage, group: StakeholderGroup, link: string, short: string): PdfDocument {
  const { t } = ctx;
  const { round, version, indicators, own } = r.loaded;
  // Long names take lines: a smaller code keeps the poster on one page (still far above what a phone needs).
  const long = r.centre.name.length + round.title.length > 110;
  const minutes = minutesFor(pagesFor(version.document, indicators, own, group));
  return {
    lang: ctx.lang,
    title: t('round.poster.heading'),
    author: r.centre.name,
    subject: round.title,
    layout: 'portrait',
    style: 'certificate',
    blocks: [
      { kind: 'heading', text: r.centre.name, level: 2 },
      { kind: 'paragraph', text: round.title },
      { kind: 'paragraph', text: t('round.poster.group', { group: t(`assessment.groupName.${group}`) }) },
      { kind: 'paragraph', text: t('round.poster.text') },
      { kind: 'qr', text: link, caption: t('round.poster.qr'), size: long ? 170 : 250 },
      { kind: 'paragraph', text: t('round.poster.time', { minutes, closes: day(ctx, lastDay(round.closes_at)) }) },
      { kind: 'paragraph', text: t('round.poster.address'), muted: true },
      { kind: 'heading', text: short, level: 1 },
      { kind: 'paragraph', text: t('round.poster.anonymous', { min: round.min_group_size }), muted: true },
    ],
  };
}
