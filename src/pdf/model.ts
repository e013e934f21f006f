import type { Lang } from '../i18n/languages.ts';
// Documents as PDF files, in every interface language: a small document model (headings,
// paragraphs, bullets, tables, page breaks, QR codes, bar charts and heat maps) that `renderPdf` (render.ts) draws onto A4 pages.
// Callers write their documents in these blocks, in their own words; nothing here knows what a
// document is about.
//
// The PDFs are tagged (headings, paragraphs, lists and tables are structure elements; frames,
// table rules, repeated header rows and footers are artifacts) so that screen readers read them
// in order.

export type PdfBlock =
  | { kind: 'heading'; text: string; level: 1 | 2 | 3 }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; caption?: string; head: string[]; rows: string[][]; /** relative column widths, default equal */ widths?: number[] }
  | { kind: 'pageBreak' }
  /** a QR code of `text` (a link), `size` points wide (default 120), read by screen readers as `caption` */
  | { kind: 'qr'; text: string; caption: string; size?: number }
  /** grouped horizontal bars on min..max, drawn as vectors (pdf/charts.ts): a tagged figure read as `caption`; put the figures in a table after it */
  | {
      kind: 'bars';
      caption: string;
      series: string[];
      /** per row, a value per series (null: a gap) and what to write for it (the formatted value, or why it is missing) */
      rows: { label: string; values: (number | null)[]; texts: string[] }[];
      min: number;
      max: number;
    }
  /** the heat map: a row per criterion, a column per group, cells coloured on five steps of min..max, with their text */
  | {
      kind: 'heat';
      caption: string;
      columns: string[];
      rows: { label: string; cells: { value: number | null; text: string; notAsked?: boolean }[] }[];
      min: number;
      max: number;
      legend: { low: string; high: string; missing: string; notAsked: string };
    };

export interface PdfDocument {
  lang: Lang;
  /** document metadata Title, and shown at the top */
  title: string;
  author?: string;
  subject?: string;
  blocks: PdfBlock[];
  /** small text at the bottom of every page, with "page / total" numbers */
  footer?: string;
  /** default portrait for reports, landscape for certificates */
  layout?: 'portrait' | 'landscape';
  /** a framed, centred certificate style (big title, centred lines) instead of a flowing report */
  style?: 'report' | 'certificate';
  /** draw the platform's mark (its logo, ui/assets/favicon.svg) at the top of every page, as decoration */
  mark?: boolean;
}
