/** The interface languages, in the order the language switcher shows them. */
export const languages = ['en', 'fr', 'ar', 'uk'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'en';

export function isLang(value: string): value is Lang {
  return (languages as readonly string[]).includes(value);
}

export function direction(lang: Lang): 'ltr' | 'rtl' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}
