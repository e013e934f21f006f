/**
 * The interface languages, in the order the language switcher shows them. Adding one is the
 * steps in the README ("Adding a language"); every per-language table in the code is a
 * `Record<Lang, …>`, so the type check names each place that still lacks the new language.
 */
export const languages = ['en', 'fr', 'ar', 'ru', 'uk'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'en';

/** The languages content and the framework are translated into; English is the source of both. */
export type TranslationLang = Exclude<Lang, 'en'>;
export const translationLangs = languages.filter((l): l is TranslationLang => l !== 'en');

/** Each language's name in itself, as the language switcher and the editors' columns show it. */
export const nativeNames: Record<Lang, string> = { en: 'English', fr: 'Français', ar: 'العربية', ru: 'Русский', uk: 'Українська' };

const rtl: readonly Lang[] = ['ar'];

export function isLang(value: string): value is Lang {
  return (languages as readonly string[]).includes(value);
}

/** A stored language (a person's, a post's) as one of the site's, English when it is not one. */
export const siteLang = (value: string): Lang => (isLang(value) ? value : 'en');

export function direction(lang: Lang): 'ltr' | 'rtl' {
  return rtl.includes(lang) ? 'rtl' : 'ltr';
}
