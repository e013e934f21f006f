import type { DB } from '../../../db/database.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { KnowledgeService } from '../../knowledge/service.ts';
import type { DimensionDoc } from '../framework/document.ts';
import { currentVersion, DEFAULT_FRAMEWORK } from '../framework/repository.ts';
import { aggregate, MIN_CENTRES, type Mean } from '../report/benchmark.ts';

// The policy view, for administrators: every counted centre's latest finished round, averaged by
// country and by sector, overall and per dimension. The same rules as a centre's benchmark apply
// (report/benchmark.ts): centres that opted out are left out, and a figure shows only where at
// least MIN_CENTRES centres make it.

export interface PolicyData {
  /** country or sector → "scope:key" → mean */
  byCountry: Map<string, Map<string, Mean>>;
  bySector: Map<string, Map<string, Mean>>;
  /** the current framework's dimensions, the table's columns after "overall" */
  dimensions: DimensionDoc[];
  sectorNames: Map<string, string>;
  /** centres counted */
  centres: number;
  minCentres: number;
}

export function policyService(db: DB, knowledge: KnowledgeService) {
  return {
    async overview(lang: Lang): Promise<PolicyData> {
      const [byCountry, bySector, version, sectors] = await Promise.all([
        aggregate(db, 'country'),
        aggregate(db, 'sector'),
        currentVersion(db, DEFAULT_FRAMEWORK),
        knowledge.vocabulary('sectors', lang),
      ]);
      const centres = [...byCountry.values()].reduce((n, m) => n + (m.get('overall:overall')?.centres ?? 0), 0);
      return {
        byCountry,
        bySector,
        dimensions: version?.document.dimensions ?? [],
        sectorNames: new Map([...sectors].map(([key, label]) => [key, label.value])),
        centres,
        minCentres: MIN_CENTRES,
      };
    },
  };
}

export type PolicyService = ReturnType<typeof policyService>;
