import { z } from 'zod';
import { emailAddress } from '../../http/forms.ts';
import { MAX_PASSWORD } from './passwords.ts';

// Account forms. Messages are catalogue keys; parseForm() turns them into text.

const email = emailAddress();
const password = z.string().min(1, { error: 'form.error.required' }).max(MAX_PASSWORD);

export const registerForm = z.object({ name: z.string().trim().min(1).max(120), email, password });
export const signInForm = z.object({
  email,
  password,
  next: z.string().max(300).optional(),
});
export const forgotForm = z.object({ email });
export const resetForm = z.object({ token: z.string().max(100), password });
export const changePasswordForm = z.object({ current_password: password, password });
export const changeEmailForm = z.object({ email, current_password: password });
/** Deleting an account: the password, and whether what the person wrote in communities goes too. */
export const deleteForm = z.object({ current_password: password, erase: z.enum(['yes']).optional() });
export const tokenQuery = z.object({ token: z.string().max(100).optional().default('') });
export const nextQuery = z.object({ next: z.string().max(300).optional(), done: z.string().max(40).optional() });

/** Only paths on this site may follow sign-in: never another origin ("//evil.example"). */
export function safeNext(next: string | undefined, fallback: string): string {
  return next && /^\/(?![/\\])[\w\-./?=&%]*$/.test(next) ? next : fallback;
}
