import type { PageContext } from '../../http/context.ts';

// What the network's wording needs, shared by matching and the consortium checklist.

/** What rendering needs of the page context: the translator, the formatters, the language. */
export type TextContext = Pick<PageContext, 'lang' | 't' | 'format'>;

/**
 * A label inside a sentence, after a colon: "Hosting learners on mobility" → "hosting learners
 * on mobility". A label that starts with two capitals ("VET school", "ICT") is left alone, and so
 * are scripts without case.
 */
export function midSentence(label: string, lang: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label[0]!.toLocaleLowerCase(lang) + label.slice(1) : label;
}
