// Values a centre profile chooses from. Names come from Intl (countries, languages) or the
// message catalogues (types), so every list reads in the person's language.

export const centreTypes = ['vet-school', 'training-centre', 'cove', 'network', 'company-training-centre', 'other'] as const;
export type CentreType = (typeof centreTypes)[number];

/** EU and EEA countries, candidate countries and the ETF's partner countries. */
export const countries = [
  'AL', 'AM', 'AT', 'AZ', 'BA', 'BE', 'BG', 'BY', 'CH', 'CY', 'CZ', 'DE', 'DK', 'DZ', 'EE', 'EG', 'ES', 'FI', 'FR', 'GE', 'GR',
  'HR', 'HU', 'IE', 'IL', 'IS', 'IT', 'JO', 'KG', 'KZ', 'LB', 'LI', 'LT', 'LU', 'LV', 'LY', 'MA', 'MD', 'ME', 'MK', 'MT', 'NL',
  'NO', 'PL', 'PS', 'PT', 'RO', 'RS', 'SE', 'SI', 'SK', 'SY', 'TJ', 'TM', 'TN', 'TR', 'UA', 'UZ', 'XK',
] as const;

export const languageCodes = [
  'ar', 'az', 'bg', 'bs', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'he', 'hr', 'hu', 'hy', 'it', 'ka', 'kk', 'ky',
  'lt', 'lv', 'mk', 'mt', 'nl', 'no', 'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'sq', 'sr', 'sv', 'tg', 'tk', 'tr', 'uk', 'uz',
] as const;

export const eqfLevels = [1, 2, 3, 4, 5, 6, 7, 8] as const;
