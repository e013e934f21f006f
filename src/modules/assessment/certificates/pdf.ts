import type { PageContext } from '../../../http/context.ts';
import type { PdfBlock, PdfDocument } from '../../../pdf/model.ts';
import { isolate } from '../../../i18n/messages.ts';
import { day } from '../../../ui/dates.ts';
import { inLang } from '../framework/document.ts';
import { lastDay } from '../round.ts';
import type { Certificate } from './repository.ts';
import { certificateStatus } from './service.ts';

// The certificate as a PDF document: the platform's mark and name, the centre, the round, what it
// was given for, when it was issued and until when it is valid, and a QR code that opens its
// verification page (an absolute address, from the configured BASE_URL), in the same words as the
// public page (the message catalogues), framed and centred.

export const verificationUrl = (ctx: PageContext, code: string): string => `${ctx.baseUrl}/${ctx.lang}/certificates/${code}`;

export function certificateDocument(ctx: PageContext, c: Certificate): PdfDocument {
  const { t } = ctx;
  const s = c.summary;
  const url = verificationUrl(ctx, c.code);
  const status = certificateStatus(c);
  const dates = c.expires_at
    ? t('certificate.pdf.dates', { issued: day(ctx, c.issued_at), until: day(ctx, c.expires_at) })
    : `${t('certificate.public.issued')} ${day(ctx, c.issued_at)}`;
  const blocks: PdfBlock[] = [
    { kind: 'paragraph', text: t('certificate.pdf.by', { platform: t('site.name') }), muted: true },
    { kind: 'heading', text: `${isolate(s.centre)}${t('format.separator')}${ctx.format.country(s.country)}`, level: 1 },
    {
      kind: 'paragraph',
      text: `${isolate(s.round)} (${t('round.list.range', { from: day(ctx, s.opensAt), to: day(ctx, lastDay(s.closedAt)) })}) · ${inLang(s.framework, ctx).value}, ${t('round.version', { version: s.version })}`,
    },
    { kind: 'paragraph', text: t('certificate.public.evidenceText', { indicators: s.indicators, responses: s.responses }) },
    {
      kind: 'paragraph',
      text: s.dimensions.map((d) => `${inLang(d.title, ctx).value}: ${d.level ? t(`report.level.${d.level}`) : t('report.notEnough')}`).join(' · '),
    },
    { kind: 'paragraph', text: `${dates} · ${t('certificate.public.code')} ${isolate(c.code)}` },
    { kind: 'qr', text: url, caption: t('certificate.pdf.qr', { url }), size: 84 },
    { kind: 'paragraph', text: url, muted: true },
  ];
  if (status === 'withdrawn') blocks.unshift({ kind: 'paragraph', text: t('certificate.public.revoked', { date: day(ctx, c.revoked_at!) }) });
  if (status === 'expired') blocks.unshift({ kind: 'paragraph', text: t('certificate.public.expired', { date: day(ctx, c.expires_at!) }) });
  return { lang: ctx.lang, title: t('certificate.public.title'), author: t('site.name'), subject: s.centre, blocks, style: 'certificate', mark: true };
}
