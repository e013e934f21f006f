import { extname } from 'node:path';
import { fileTypeFromFile } from 'file-type';
import { legacyOffice } from './cfb.ts';
import type { PdfProblem } from './pdf-check.ts';

// Which files are accepted, judged from their bytes only: never the name, never the type the
// browser claims. file-type reads the signature (and, for ZIP-based office files, the entries
// that say what the document is); legacy Office files are told apart by their CFB directory.
// Macro-enabled documents (.docm, .xlsm, .pptm and legacy files with VBA) are refused, and so are
// PDFs with JavaScript or Launch actions, and PDFs that are web pages too (pdf-check.ts).

export const formats = {
  pdf: { mime: 'application/pdf', inline: true },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', inline: false },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', inline: false },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', inline: false },
  odt: { mime: 'application/vnd.oasis.opendocument.text', inline: false },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', inline: false },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', inline: false },
  doc: { mime: 'application/msword', inline: false },
  xls: { mime: 'application/vnd.ms-excel', inline: false },
  ppt: { mime: 'application/vnd.ms-powerpoint', inline: false },
  png: { mime: 'image/png', inline: true },
  jpg: { mime: 'image/jpeg', inline: true },
  webp: { mime: 'image/webp', inline: true },
  gif: { mime: 'image/gif', inline: true },
} as const;

export type Format = keyof typeof formats;

const byMime = new Map(Object.entries(formats).map(([ext, f]) => [f.mime as string, ext as Format]));

/** The format of a stored media type (for labels), or null for one no longer accepted. */
export const formatOf = (mediaType: string): Format | null => byMime.get(mediaType) ?? null;

/** Browsers open these in the tab; everything else is offered as a download. */
export function opensInline(mediaType: string): boolean {
  const format = formatOf(mediaType);
  return format ? formats[format].inline : false;
}

/** For the file input's accept attribute: a hint to the browser's file picker, nothing more. */
export const acceptAttribute = [...Object.keys(formats).map((e) => `.${e}`), '.jpeg', ...Object.values(formats).map((f) => f.mime)].join(',');

const MACRO_ENABLED = new Set(['docm', 'dotm', 'xlsm', 'xltm', 'pptm', 'potm', 'ppsm']);

export type Detected = { ok: true; format: Format; mime: string } | { ok: false; problem: 'type' | 'macros' | PdfProblem };

/** Looks at the file's content and says whether it is one of the accepted formats. */
export async function detect(path: string): Promise<Detected> {
  const found = await fileTypeFromFile(path);
  if (!found) return { ok: false, problem: 'type' };
  if (MACRO_ENABLED.has(found.ext)) return { ok: false, problem: 'macros' };
  if (found.ext === 'cfb') {
    const legacy = await legacyOffice(path);
    if (!legacy) return { ok: false, problem: 'type' };
    if (legacy.macros) return { ok: false, problem: 'macros' };
    return { ok: true, format: legacy.type, mime: formats[legacy.type].mime };
  }
  // An animated PNG is a PNG to every browser that cannot animate it.
  const ext = found.ext === 'apng' ? 'png' : found.ext;
  if (!(ext in formats)) return { ok: false, problem: 'type' };
  const format = ext as Format;
  if (format === 'pdf') {
    const problem = await (await import('./pdf-check.ts')).pdfProblem(path);
    if (problem) return { ok: false, problem };
  }
  return { ok: true, format, mime: formats[format].mime };
}

// Control characters, bidirectional overrides and characters that file systems refuse.
// eslint-disable-next-line no-control-regex -- these are exactly what must go
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"/\\|?*]/g;

/**
 * The name shown and offered on download: the uploaded name without any folder, made safe, at most
 * 120 characters, with the extension of the format found in the content (so a PDF called
 * "notes.exe" downloads as "notes.pdf").
 */
export function safeFileName(uploaded: string, format: Format): string {
  const base = uploaded.split(/[/\\]/).pop() ?? '';
  const stem = base
    .slice(0, base.length - extname(base).length)
    .normalize('NFC')
    .replace(UNSAFE, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const short = [...stem].slice(0, 110).join('').trim();
  return `${short || 'file'}.${format}`;
}

/** An ASCII form of a file name, for addresses and old browsers: "Équipe 2024.pdf" → "equipe-2024.pdf". */
export function asciiFileName(fileName: string): string {
  const ext = extname(fileName)
    .toLowerCase()
    .replace(/[^a-z0-9.]/g, '');
  const stem = fileName
    .slice(0, fileName.length - extname(fileName).length)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${stem || 'file'}${ext}`;
}

/** Content-Disposition with an ASCII fallback and the real name in RFC 5987 form (RFC 6266). */
export function contentDisposition(fileName: string, inline: boolean): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encoded}`;
}
