import { hash, verify } from '@node-rs/argon2';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

// Passwords: argon2id (memory-hard) through @node-rs/argon2; strength by zxcvbn, whose
// dictionaries include the most common passwords.

export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 200;

// Loaded the first time a password is chosen: its dictionaries take memory an instance that
// only serves pages never needs.
let strength: Promise<ZxcvbnFactory> | null = null;
const loadStrength = () =>
  (strength ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) => new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }),
  ));

export const hashPassword = (password: string) => hash(password);

export async function checkPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when no account exists, so both cases take the same time. */
let decoy: Promise<string> | null = null;
export const decoyHash = () => (decoy ??= hash('not a real password, only for timing'));

/** Why a new password is refused, or null. Words from the account (email, name) count against it. */
export async function weakPassword(password: string, userInputs: string[]): Promise<'too_short' | 'too_long' | 'common' | null> {
  if (password.length < MIN_PASSWORD) return 'too_short';
  if (password.length > MAX_PASSWORD) return 'too_long';
  return (await loadStrength()).check(password, userInputs).score < 3 ? 'common' : null;
}
