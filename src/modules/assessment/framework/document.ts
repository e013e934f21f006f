import type { PageContext } from '../../../http/context.ts';
import type { Text } from '../../../i18n/localise.ts';
import type { TranslationLang } from '../../../i18n/languages.ts';
import type { StakeholderGroup } from './format.ts';

// A framework version as the platform holds it: dimensions → criteria → indicators, every text
// in English with the translations it has.

export type Texts = { en: string } & Partial<Record<TranslationLang, string>>;

export interface IndicatorDoc {
  id: string;
  statement: Texts;
  explanation: Texts;
  groups: StakeholderGroup[];
  core: boolean;
  stations: string[];
  actions: string[];
  resources: string[];
}
export interface CriterionDoc {
  id: string;
  title: Texts;
  description: Texts;
  indicators: IndicatorDoc[];
}
export interface DimensionDoc {
  id: string;
  title: Texts;
  description: Texts;
  criteria: CriterionDoc[];
}
export interface FrameworkDocument {
  slug: string;
  title: Texts;
  description: Texts;
  dimensions: DimensionDoc[];
}

export const indicatorsOf = (d: FrameworkDocument): IndicatorDoc[] => d.dimensions.flatMap((x) => x.criteria.flatMap((c) => c.indicators));

/** A framework text in the reader's language, or English, marked as such. */
export const inLang = (t: Texts, ctx: PageContext): Text =>
  ctx.lang !== 'en' && t[ctx.lang] ? { value: t[ctx.lang]!, lang: ctx.lang } : { value: t.en, lang: 'en' };
