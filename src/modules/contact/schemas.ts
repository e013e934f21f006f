import { z } from 'zod';

// The contact form. Messages are catalogue keys; parseForm() turns them into text.

export const subjects = ['question', 'problem', 'accessibility', 'privacy', 'other'] as const;
export type Subject = (typeof subjects)[number];

export const MAX_MESSAGE = 5000;

export const contactForm = z.object({
  name: z.string().trim().max(120).optional().default(''),
  email: z
    .string()
    .trim()
    .min(1, { error: 'contact.error.email' })
    .max(254)
    .pipe(z.email({ error: 'contact.error.email' })),
  subject: z.enum(subjects, { error: 'contact.error.subject' }),
  message: z.string().trim().min(1, { error: 'contact.error.message' }).max(MAX_MESSAGE),
  // The honeypot: hidden from people, filled in by form-filling robots.
  website: z.string().max(2000).optional().default(''),
});
export type ContactInput = z.infer<typeof contactForm>;
