import type { FastifyReply, FastifyRequest } from 'fastify';
import { BadRequestError } from './errors.ts';

// Control characters in text input, handled once for every route of every scope, before any
// handler or schema sees the input. PostgreSQL refuses NUL in text (SQLite keeps it), and no
// other control character means anything in a name, a title or a search; C1 controls are what
// text pasted through a wrong encoding carries. Tab, line feed and carriage return stay: they
// are how a textarea's lines and a pasted table arrive.
//
// What happens depends on the kind of input:
// - Form fields (urlencoded and multipart) and query strings are STRIPPED. They are what people
//   type or paste (a GET search form's query string is a form too): a stray character from a
//   copied PDF must not cost anyone their form or their search.
// - Route parameters are REFUSED (400). They are identifiers (slugs, ids, tokens) in an address
//   nobody types a control character into; answering the same page at a second address would
//   also split caches and canonical links.

// eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
const STRIPPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- an address has no use for any of them
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The text without NUL, the other C0 controls (but tab, line feed, carriage return), DEL and C1 controls. */
export const cleanText = (s: string): string => s.replace(STRIPPED, '');

/** Whether an identifier holds any control character at all. */
export const hasControlCharacters = (s: string): boolean => CONTROL.test(s);

/** Cleans the strings of a parsed query or form body in place: values, lists of values and names. */
function cleanFields(fields: unknown): void {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields) || Buffer.isBuffer(fields)) return;
  const record = fields as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    // Anything else (a file's buffer, an upload spooled to disk) is not text.
    const cleaned =
      typeof value === 'string' ? cleanText(value) : Array.isArray(value) ? (value as unknown[]).map((v) => (typeof v === 'string' ? cleanText(v) : v)) : value;
    const name = cleanText(key);
    if (name !== key) delete record[key];
    record[name] = cleaned;
  }
}

/**
 * The hook app.ts registers once, as the first preHandler of every route: by then the query
 * string, the route's parameters and the body (urlencoded, or multipart with its fields attached
 * in the multipart plugin's preValidation hook) are all parsed, and no guard, handler or schema
 * has read them yet.
 */
export function textInputHook(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const refused = Object.keys(params).filter((k) => typeof params[k] === 'string' && hasControlCharacters(params[k]));
  if (refused.length) {
    done(new BadRequestError(refused.map((field) => ({ field, code: 'invalid' }))));
    return;
  }
  cleanFields(request.query);
  cleanFields(request.body);
  done();
}
