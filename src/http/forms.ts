import { z } from 'zod';
import type { Values } from '../i18n/messages.ts';

// Form input: validated by a schema; every problem becomes a message key for the field, so the
// form comes back with the person's values and an error summary in their language.

export interface FieldError {
  field: string;
  /** a message catalogue key */
  key: string;
  values?: Values;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[]; values: Record<string, string | string[]> };

/** A catalogue key ("centre.error.website"); zod's own messages contain spaces. */
const KEY = /^[a-z]+(\.[a-zA-Z]+)+$/;

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  // Text fields are strings; repeated fields (checkbox groups) are lists of strings; anything else
  // (a file in a multipart form) is not form text.
  const values: Record<string, string | string[]> = Object.fromEntries(
    Object.entries(typeof body === 'object' && body !== null ? body : {}).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : '',
    ]),
  );
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldError[] = [];
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (errors.some((e) => e.field === field)) continue; // one message per field, the first
    if (KEY.test(issue.message)) errors.push({ field, key: issue.message });
    else if (issue.code === 'too_big') errors.push({ field, key: 'form.error.tooLong', values: { max: Number(issue.maximum) } });
    else if (issue.code === 'too_small' && Number(issue.minimum) <= 1) errors.push({ field, key: 'form.error.required' });
    else if (issue.code === 'too_small') errors.push({ field, key: 'form.error.tooShort', values: { min: Number(issue.minimum) } });
    else errors.push({ field, key: 'form.error.invalid' });
  }
  // Passwords never come back in the form.
  for (const k of Object.keys(values)) if (/password/i.test(k)) values[k] = '';
  return { ok: false, errors, values };
}

/** The single-text fields of a form's values (for forms without checkbox groups). */
export function textValues(values: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** One text field of a form's values ('' when absent or repeated). */
export const formText = (values: Record<string, string | string[]>, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : '';
};

/** A repeated field of a form's values (a checkbox group) as a list, whether it came once or several times. */
export const formList = (values: Record<string, string | string[]>, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
};

/** An e-mail address: trimmed, lower-cased (addresses are compared as such), required, and well formed. */
export const emailAddress = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .min(1, { error: 'form.error.required' })
    .max(254)
    .pipe(z.email({ error: 'account.error.email' }));

/** An optional text field: trimmed, at most `max` characters, null when left empty. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

/** A checkbox group: browsers send one value as a string and several as a list; both become a list. */
export const checkboxList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .union([item, z.array(item).max(max)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
