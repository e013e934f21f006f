import type { PageContext } from '../../../http/context.ts';
import type { PdfBlock, PdfDocument } from '../../../pdf/model.ts';
import { day } from '../../../ui/dates.ts';
import { inLang } from '../framework/document.ts';
import { lastDay } from '../round.ts';
import type { Certificate } from './repository.ts';

// The certificate as a PDF document: the same content as its public page, in the same words (the
// message catalogues), framed and centred.

export function certificateDocument(ctx: PageContext, c: Certificate): PdfDocument {
  const { t } = ctx;
  const s = c.summary;
  const blocks: PdfBlock[] = [
    { kind: 'heading', text: s.centre, level: 1 },
    { kind: 'paragraph', text: ctx.format.country(s.country) },
    { kind: 'paragraph', text: t('certificate.public.about') },
    {
      kind: 'paragraph',
      text: `${s.round} (${t('round.list.range', { from: day(ctx, s.opensAt), to: day(ctx, lastDay(s.closedAt)) })}) · ${inLang(s.framework, ctx).value}, ${t('round.version', { version: s.version })}`,
    },
    { kind: 'paragraph', text: t('certificate.public.evidenceText', { indicators: s.indicators, responses: s.responses }) },
    ...s.dimensions.map((d): PdfBlock => ({
      kind: 'paragraph',
      text: `${inLang(d.title, ctx).value}: ${d.level ? t(`report.level.${d.level}`) : t('report.notEnough')}`,
    })),
    { kind: 'paragraph', text: `${t('certificate.public.issued')} ${day(ctx, c.issued_at)} · ${t('certificate.public.code')} ${c.code}`, muted: true },
    { kind: 'paragraph', text: `${ctx.baseUrl}/${ctx.lang}/certificates/${c.code}`, muted: true },
  ];
  if (c.revoked_at) blocks.unshift({ kind: 'paragraph', text: t('certificate.public.revoked', { date: day(ctx, c.revoked_at) }) });
  return { lang: ctx.lang, title: t('certificate.public.title'), author: t('site.name'), subject: s.centre, blocks, style: 'certificate' };
}
