import type { StakeholderGroup } from './format.ts';

// A framework version as the platform holds it: dimensions → criteria → indicators, every text
// in English with the translations it has.

export type Texts = { en: string } & Partial<Record<'fr' | 'ar', string>>;

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

