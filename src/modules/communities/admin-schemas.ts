import { z } from 'zod';
import { emailAddress } from '../../http/forms.ts';
import { languages, type Lang } from '../../i18n/languages.ts';
import { joinings, visibilities } from './lists.ts';
import type { CommunityInput, CommunityTexts } from './repository.ts';

// The back office's input for communities: addresses, the community's form (its settings and its
// texts, one set of fields per language: name_fr, description_fr, …), archiving, facilitators.

export const NAME_MAX = 120;
export const DESCRIPTION_MAX = 2000;
export const QUESTION_MAX = 300;
export const CONDUCT_MAX = 4000;

const slug = z.string().regex(/^[a-z0-9-]{1,80}$/);
export const communityParams = z.object({ slug });
export const facilitatorParams = z.object({ slug, userId: z.coerce.number().int().min(1).max(2_147_483_647) });
export const archiveForm = z.object({ on: z.enum(['yes', 'no']) });

export const facilitatorForm = z.object({
  email: emailAddress(),
});

/** The names of a language's text fields, as the form and its errors name them. */
export const textFields = (l: Lang) => ({
  name: `name_${l}`,
  description: `description_${l}`,
  joinQuestion: `joinQuestion_${l}`,
  codeOfConduct: `codeOfConduct_${l}`,
});

const text = (max: number) => z.string().trim().max(max).optional().default('');

/**
 * The community's form; `themes` are the content vocabulary's. A language whose name is empty is
 * not saved (its other fields are dropped); a name needs a description; English is required.
 * Without `slug` (editing), the address stays as it is.
 */
export function communityForm(themes: readonly string[], creating: boolean) {
  const texts = Object.fromEntries(
    languages.flatMap((l) => {
      const f = textFields(l);
      return [
        [f.name, text(NAME_MAX)],
        [f.description, text(DESCRIPTION_MAX)],
        [f.joinQuestion, text(QUESTION_MAX)],
        [f.codeOfConduct, text(CONDUCT_MAX)],
      ];
    }),
  ) as Record<string, ReturnType<typeof text>>;
  return (
    z
      .object({
        slug: creating
          ? z
              .string()
              .trim()
              .min(1, { error: 'form.error.required' })
              .regex(/^[a-z0-9-]{3,60}$/, { error: 'community.admin.error.slug' })
          : z.string().optional().default(''),
        theme: z.string().refine((v) => themes.includes(v), { error: 'form.error.choose' }),
        joining: z.enum(joinings, { error: 'form.error.choose' }),
        visibility: z.enum(visibilities, { error: 'form.error.choose' }),
        // a checkbox: 'yes' when ticked, absent otherwise
        approveFirstPosts: z
          .string()
          .optional()
          .transform((v) => v === 'yes'),
        // how many members' flags hide a post until a facilitator decides
        // (3 when the field is left empty)
        flagThreshold: z.preprocess(
          (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? 3 : v),
          z.coerce
            .number({ error: 'community.admin.error.flagThreshold' })
            .int({ error: 'community.admin.error.flagThreshold' })
            .min(1, { error: 'community.admin.error.flagThreshold' })
            .max(50, { error: 'community.admin.error.flagThreshold' }),
        ),
        ...texts,
      })
      // Checked even when another field failed (`when`), so the form comes back with every problem at once.
      .check(
        z.superRefine(
          (v, ctx) => {
            const values = v as unknown as Record<string, string | undefined>;
            if (!values[textFields('en').name]) ctx.addIssue({ code: 'custom', path: [textFields('en').name], message: 'community.admin.error.nameEn' });
            for (const l of languages) {
              const f = textFields(l);
              if (values[f.name] && !values[f.description])
                ctx.addIssue({ code: 'custom', path: [f.description], message: 'community.admin.error.description' });
            }
          },
          { when: () => true },
        ),
      )
      .transform((v): CommunityInput => {
        const values = v as unknown as Record<string, string>;
        const saved: CommunityTexts[] = languages
          .filter((l) => values[textFields(l).name])
          .map((l) => {
            const f = textFields(l);
            return {
              lang: l,
              name: values[f.name]!,
              description: values[f.description]!,
              joinQuestion: values[f.joinQuestion] || null,
              codeOfConduct: values[f.codeOfConduct] || null,
            };
          });
        return {
          slug: v.slug,
          theme: v.theme,
          joining: v.joining,
          visibility: v.visibility,
          approveFirstPosts: v.approveFirstPosts,
          flagThreshold: v.flagThreshold,
          texts: saved,
        };
      })
  );
}
