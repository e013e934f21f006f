import type { DB } from '../../../db/database.ts';
import type { Lang } from '../../../i18n/languages.ts';
import type { Text } from '../../../i18n/localise.ts';
import type { KnowledgeService } from '../../knowledge/service.ts';
import { certificateRules } from '../certificates/rules.ts';
import { indicatorsOf, type FrameworkDocument } from './document.ts';
import { currentVersion, DEFAULT_FRAMEWORK, resourceTitles } from './repository.ts';

// The framework as the public reads it: the current version, with the titles of the stations
// and resources its indicators link to.

export interface LinkLabels {
  /** "package-2-station-1" → its title */
  stations: Map<string, Text>;
  /** resource slug → its title (published resources only) */
  resources: Map<string, Text>;
}

export function frameworkService(db: DB, knowledge: KnowledgeService) {
  return {
    /** The framework rounds start on now, for its public page; null before any is published. */
    async current(lang: Lang): Promise<{ document: FrameworkDocument; version: number; labels: LinkLabels } | null> {
      const current = await currentVersion(db, DEFAULT_FRAMEWORK);
      if (!current) return null;
      const indicators = indicatorsOf(current.document);
      const [packages, resources] = await Promise.all([
        knowledge.packages(lang),
        resourceTitles(db, [...new Set(indicators.flatMap((i) => i.resources))], lang),
      ]);
      const stations = new Map<string, Text>(packages.flatMap((p) => p.stations.map((s) => [`package-${p.number}-station-${s.position}`, s.title] as const)));
      return { document: current.document, version: current.version, labels: { stations, resources } };
    },

    /** What the self-assessment's public page tells: the current framework and the certificate's minimum of statements. */
    async landing(): Promise<{ document: FrameworkDocument; minIndicators: number } | null> {
      const [current, rules] = await Promise.all([currentVersion(db, DEFAULT_FRAMEWORK), certificateRules(db)]);
      return current ? { document: current.document, minIndicators: rules.minIndicators } : null;
    },
  };
}

export type FrameworkService = ReturnType<typeof frameworkService>;
