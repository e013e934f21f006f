import { createHash, randomBytes } from 'node:crypto';
import type { DB } from '../../db/database.ts';
import type { FieldError } from '../../http/forms.ts';
import type { Lang } from '../../i18n/languages.ts';
import { translator } from '../../i18n/messages.ts';
import type { Mailer } from './mail.ts';
import { checkPassword, decoyHash, hashPassword, weakPassword, MIN_PASSWORD } from './passwords.ts';
import * as repo from './repository.ts';
import { addressKey, limits, rateLimiter, type Limited } from '../../platform/rate-limits/rate-limits.ts';

export type { Limited };

// The rules of accounts. Answers never reveal whether an address is registered; links work once
// and expire; attempts are limited per address and per account, across every instance, and an
// attack on an account never locks its owner out (docs/decisions/0008-sign-in-limits.md).

export const CONFIRM_HOURS = 48;
export const RESET_HOURS = 2;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

/** Why an account may not be deleted yet: the centres it alone administers (from the centres module). */
export type DeletionBlockers = (userId: number) => Promise<string[]>;

export function accountsService(
  db: DB,
  mailer: Mailer,
  baseUrl: string,
  soleAdminOf: DeletionBlockers = () => Promise.resolve([]),
  /** how passwords are hashed (tests count the calls; the hash is always argon2id) */
  hash: (password: string) => Promise<string> = hashPassword,
) {
  const rates = rateLimiter(db);
  const limit = rates.count;

  async function mail(lang: Lang, to: string, kind: 'confirm' | 'exists' | 'reset' | 'email' | 'emailNotice', values: Record<string, string | number>) {
    const t = translator(lang);
    await mailer.send({ to, subject: t(`mail.${kind}.subject`), body: t(`mail.${kind}.body`, values) });
  }

  async function issue(userId: number, purpose: 'confirm' | 'reset' | 'email', hours: number, newEmail?: string): Promise<string> {
    const token = newToken();
    await repo.dropTokens(db, userId, purpose);
    await repo.saveToken(db, { hash: digest(token), userId, purpose, ...(newEmail ? { newEmail } : {}), expiresAt: new Date(Date.now() + hours * 3_600_000) });
    return token;
  }

  /** What one sign-in attempt counts against: its address, its account, and the two together. */
  const accountKey = (email: string) => `sign-in:account:${email}`;
  const signInKeys = (email: string, ip: string) => {
    const address = addressKey(ip);
    return { address: `sign-in:address:${address}`, account: accountKey(email), pair: `sign-in:address-account:${address} ${email}` };
  };

  /**
   * Whether an attempt may go on to the password check (decision 0008). Every attempt is counted
   * before the check, so parallel requests cannot slip past a limit together: against its
   * address (30 failures in 15 minutes, whatever the account) and against the address and the
   * account together (5). While the account is under attack (10 failures in 15 minutes from
   * anywhere), an address that has already tried it without success gets no further attempt;
   * an address that has not (the owner's, usually) still has its first.
   */
  async function signInLimited(keys: ReturnType<typeof signInKeys>): Promise<Limited | null> {
    const byAddress = await limit(keys.address, limits.signInPerAddress);
    if (byAddress) return byAddress;
    const pair = await rates.hit(keys.pair, limits.signInPerAccountAndAddress);
    if (pair.hits > limits.signInPerAccountAndAddress.max) return pair.limited;
    if (pair.hits > 1 && (await rates.peek(keys.account)) >= limits.signInAccountUnderAttack.max) return pair.limited;
    return null;
  }

  const strength = async (password: string, inputs: string[]): Promise<FieldError | null> => {
    const weak = await weakPassword(password, inputs);
    if (weak === 'too_short') return { field: 'password', key: 'account.error.passwordShort', values: { min: MIN_PASSWORD } };
    if (weak === 'common') return { field: 'password', key: 'account.error.passwordCommon' };
    return null;
  };

  return {
    limit,

    async register(input: {
      name: string;
      email: string;
      password: string;
      lang: Lang;
      ip: string;
    }): Promise<Limited | { errors: FieldError[] } | { done: true }> {
      const weak = await strength(input.password, [input.email, input.name]);
      if (weak) return { errors: [weak] };
      const limited = await limit(`register:address:${addressKey(input.ip)}`, limits.registerPerIp);
      if (limited) return limited;
      // The same work whether or not the address has an account, so the time taken tells
      // nothing: the address is looked up, the password hashed (the work that takes time), the
      // account and its confirmation token written unless the address is taken (one transaction
      // either way), and one mail sent. The answer is the same too.
      const existing = await repo.findUserByEmail(db, input.email);
      const passwordHash = await hash(input.password);
      const token = newToken();
      const created = await repo.createUserWithToken(
        db,
        { email: input.email, name: input.name, passwordHash, lang: input.lang },
        { hash: digest(token), purpose: 'confirm', expiresAt: new Date(Date.now() + CONFIRM_HOURS * 3_600_000) },
      );
      if (created === null) {
        // The owner of the address learns someone tried, in their own language.
        await mail((existing?.preferred_lang as Lang | undefined) ?? input.lang, input.email, 'exists', {
          signIn: `${baseUrl}/${input.lang}/account/sign-in`,
          forgot: `${baseUrl}/${input.lang}/account/forgot`,
        });
        return { done: true };
      }
      await mail(input.lang, input.email, 'confirm', {
        name: input.name,
        link: `${baseUrl}/${input.lang}/account/confirm?token=${token}`,
        hours: CONFIRM_HOURS,
      });
      return { done: true };
    },

    /** Confirms an address with a link's token; false when the link is unknown, used or expired. */
    async confirm(token: string): Promise<boolean> {
      const used = await repo.useToken(db, digest(token), 'confirm');
      if (!used) return false;
      await repo.updateUser(db, used.user_id, { email_confirmed_at: new Date().toISOString() });
      return true;
    },

    async signIn(input: {
      email: string;
      password: string;
      ip: string;
      lang: Lang;
    }): Promise<Limited | { userId: number } | { error: 'credentials' | 'unconfirmed' }> {
      const keys = signInKeys(input.email, input.ip);
      const limited = await signInLimited(keys);
      if (limited) return limited;
      const user = await repo.findUserByEmail(db, input.email);
      // Verify against a decoy when there is no account, so timing tells nothing either.
      const ok = await checkPassword(user?.password_hash ?? (await decoyHash()), input.password);
      if (!user || !ok) {
        await rates.hit(keys.account, limits.signInAccountUnderAttack);
        return { error: 'credentials' };
      }
      // The right password: this attempt does not count against the address, and the address is
      // clean again for this account. The account's count of failures stays: an attack goes on.
      await rates.refund(keys.address);
      await rates.clear(keys.pair);
      if (!user.email_confirmed_at) {
        const token = await issue(user.id, 'confirm', CONFIRM_HOURS);
        await mail(input.lang, user.email, 'confirm', {
          name: user.name,
          link: `${baseUrl}/${input.lang}/account/confirm?token=${token}`,
          hours: CONFIRM_HOURS,
        });
        return { error: 'unconfirmed' };
      }
      return { userId: user.id };
    },

    async requestReset(input: { email: string; ip: string; lang: Lang }): Promise<Limited | { done: true }> {
      const limited =
        (await limit(`reset:address:${addressKey(input.ip)}`, limits.resetPerIp)) ?? (await limit(`reset:account:${input.email}`, limits.resetPerAccount));
      if (limited) return limited;
      const user = await repo.findUserByEmail(db, input.email);
      if (user) {
        const token = await issue(user.id, 'reset', RESET_HOURS);
        await mail(input.lang, user.email, 'reset', { name: user.name, link: `${baseUrl}/${input.lang}/account/reset?token=${token}`, hours: RESET_HOURS });
      }
      return { done: true };
    },

    /** Whether a reset link can still be used (to show the form or explain that it expired). */
    async resetTokenValid(token: string): Promise<boolean> {
      const row = await repo.findToken(db, digest(token));
      return Boolean(row && row.purpose === 'reset' && !row.used_at && row.expires_at > new Date().toISOString());
    },

    async reset(token: string, password: string): Promise<{ errors: FieldError[] } | { expired: true } | { done: true }> {
      const row = await repo.findToken(db, digest(token));
      const user = row ? await repo.findUserById(db, row.user_id) : undefined;
      const weak = await strength(password, user ? [user.email, user.name] : []);
      if (weak) return { errors: [weak] };
      const used = await repo.useToken(db, digest(token), 'reset');
      if (!used) return { expired: true };
      // A reset also confirms the address (the link reached it) and ends every session.
      await repo.updateUser(db, used.user_id, {
        password_hash: await hash(password),
        email_confirmed_at: user?.email_confirmed_at ?? new Date().toISOString(),
      });
      await repo.destroyUserSessions(db, used.user_id);
      // The owner proved they hold the address: an attack's hold on their sign-in ends.
      if (user) await rates.clear(accountKey(user.email));
      return { done: true };
    },

    user: (id: number) => repo.findUserById(db, id),

    async changePassword(userId: number, current: string, password: string, keepSession: string): Promise<{ errors: FieldError[] } | { done: true }> {
      const user = await repo.findUserById(db, userId);
      if (!user || !(await checkPassword(user.password_hash, current)))
        return { errors: [{ field: 'current_password', key: 'account.error.currentPassword' }] };
      const weak = await strength(password, [user.email, user.name]);
      if (weak) return { errors: [weak] };
      await repo.updateUser(db, userId, { password_hash: await hash(password) });
      await repo.destroyUserSessions(db, userId, keepSession);
      return { done: true };
    },

    async requestEmailChange(userId: number, email: string, current: string, lang: Lang): Promise<{ errors: FieldError[] } | { done: true }> {
      const user = await repo.findUserById(db, userId);
      if (!user || !(await checkPassword(user.password_hash, current)))
        return { errors: [{ field: 'current_password', key: 'account.error.currentPassword' }] };
      if (email === user.email) return { errors: [{ field: 'email', key: 'account.error.sameEmail' }] };
      // Whether the new address is taken is only checked when the link is used: no answer here reveals it.
      const token = await issue(userId, 'email', CONFIRM_HOURS, email);
      await mail(lang, email, 'email', { name: user.name, link: `${baseUrl}/${lang}/account/email/confirm?token=${token}`, hours: CONFIRM_HOURS });
      await mail(lang, user.email, 'emailNotice', { name: user.name, email });
      return { done: true };
    },

    async confirmEmailChange(token: string): Promise<'done' | 'expired' | 'taken'> {
      const used = await repo.useToken(db, digest(token), 'email');
      if (!used?.new_email) return 'expired';
      if (await repo.findUserByEmail(db, used.new_email)) return 'taken';
      await repo.updateUser(db, used.user_id, { email: used.new_email, email_confirmed_at: new Date().toISOString() });
      return 'done';
    },

    signOutEverywhere: (userId: number) => repo.destroyUserSessions(db, userId),

    /** Everything the platform holds about a person, for "download my data". */
    async exportData(userId: number) {
      const user = await repo.findUserById(db, userId);
      if (!user) return null;
      return {
        exportedAt: new Date().toISOString(),
        account: {
          name: user.name,
          email: user.email,
          emailConfirmedAt: user.email_confirmed_at,
          role: user.role,
          language: user.preferred_lang,
          createdAt: user.created_at,
          updatedAt: user.updated_at,
        },
        sessions: await repo.userSessions(db, userId),
      };
    },

    /** Deletes an account after its checks; `before` runs once they pass, before the account goes (erasing its posts). */
    async deleteAccount(userId: number, current: string, o: { before?: () => Promise<void> } = {}): Promise<{ errors: FieldError[] } | { done: true }> {
      const user = await repo.findUserById(db, userId);
      if (!user || !(await checkPassword(user.password_hash, current)))
        return { errors: [{ field: 'current_password', key: 'account.error.currentPassword' }] };
      // Deleting must not leave a centre, or the platform, without an administrator.
      const centres = await soleAdminOf(userId);
      if (centres.length) return { errors: [{ field: 'current_password', key: 'account.error.soleCentreAdmin', values: { centres: centres.join(', ') } }] };
      if (user.role === 'admin' && (await repo.countAdmins(db)) <= 1) return { errors: [{ field: 'current_password', key: 'account.error.lastSiteAdmin' }] };
      await o.before?.();
      await repo.deleteUser(db, userId);
      return { done: true };
    },

    /** The first administrator, from the command line (scripts/create-admin.ts). */
    async createAdministrator(input: { email: string; name: string; password: string }): Promise<{ errors: FieldError[] } | { id: number }> {
      const weak = await strength(input.password, [input.email, input.name]);
      if (weak) return { errors: [weak] };
      const existing = await repo.findUserByEmail(db, input.email);
      if (existing) {
        await repo.updateUser(db, existing.id, { role: 'admin' });
        return { id: existing.id };
      }
      return { id: await repo.createUser(db, { ...input, passwordHash: await hash(input.password), lang: 'en', role: 'admin', confirmed: true }) };
    },
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
