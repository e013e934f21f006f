import type { FastifyReply } from 'fastify';

// CSV as spreadsheets read it: fields quoted when they need to be, lines ended with CRLF, and a
// text starting with = + - @ prefixed with ' so no spreadsheet runs it as a formula.

export type CsvValue = string | number | null;

export function csvCell(v: CsvValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csv = (rows: CsvValue[][]): string => `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

/** Sends a CSV file to download, never stored on the way; a byte-order mark makes spreadsheet programs read it as UTF-8 (Arabic, accents). */
export function sendCsv(reply: FastifyReply, filename: string, body: string): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .type('text/csv; charset=utf-8')
    .send(`\uFEFF${body}`);
}
