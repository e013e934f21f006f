import { createHash, createHmac, randomBytes } from 'node:crypto';

// Links and codes of the self-assessment, derived from a random salt with the server's secret.
// Only a salt and the hash of what it gives are stored: the centre's page can show a group's link
// again (the salt and the secret make it), and someone who reads the database cannot (it lacks
// the secret). A respondent's resume link and short code come from their response's salt in the
// same way, so every page can show them.

/** Crockford's base 32: no I, L, O or U, so a code written by hand reads back the same. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const newSalt = (): string => randomBytes(16).toString('base64url');
export const digest = (value: string): string => createHash('sha256').update(value).digest('hex');

/** 8 characters of base 32 (40 bits) from the first five bytes of a MAC. */
function base32Code(bytes: Buffer): string {
  let bits = 0n;
  for (const b of bytes.subarray(0, 5)) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 8; i++) out = ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)]! + out;
  return out;
}

export function tokens(secret: string) {
  const mac = (label: string, salt: string) => createHmac('sha256', secret).update(`${label}:${salt}`).digest();
  return {
    /** a group's link token: 43 characters */
    link: (salt: string) => mac('link', salt).toString('base64url'),
    /** a personal invitation's link token: 43 characters */
    invite: (salt: string) => mac('invite', salt).toString('base64url'),
    /** a respondent's resume token: 43 characters */
    resume: (salt: string) => mac('resume', salt).toString('base64url'),
    /** a respondent's short code: 8 characters of base 32 (40 bits), shown as ABCD-EFGH */
    code: (salt: string): string => base32Code(mac('code', salt)),
    /** a group's short code, from its link's salt (replaced with the link): 8 characters of base 32, shown as ABCD-EFGH in the short address /{lang}/s/ABCD-EFGH */
    groupCode: (salt: string): string => base32Code(mac('group-code', salt)),
  };
}

/** A code as typed: hyphens and spaces dropped, and the letters people mistake for digits read as those digits. */
export const normaliseCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
export const showCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;
