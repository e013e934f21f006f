import type { DB } from '../../../db/database.ts';
import type { User } from '../../accounts/repository.ts';
import type { DirectoryCard } from '../../centres/directory/repository.ts';
import type { DirectoryService } from '../../centres/directory/service.ts';
import type { CentresService } from '../../centres/service.ts';
import { centreSeeker, suggest, type MatchProfile, type Suggestion } from '../matching/match.ts';
import { sharedMaturity } from './repository.ts';
import type { SuggestionsQuery } from './schemas.ts';

// Partner suggestions for a centre: its own profile (published or not) against every published
// centre of the directory, ranked with reasons (matching/match.ts). Members of the centre see
// them; self-assessment scores take part only for centres that opted in, the asking one included.

export const SUGGESTIONS_SHOWN = 20;

export interface CentreSuggestions {
  centre: { id: number; slug: string; name: string };
  /** whether the centre said what it offers or seeks (suggestions are thin without) */
  hasTopics: boolean;
  suggestions: (Suggestion & { card: DirectoryCard })[];
}

export function suggestionsService(db: DB, o: { directory: DirectoryService; centres: CentresService }) {
  return {
    async forCentre(user: User, slug: string, query: SuggestionsQuery): Promise<CentreSuggestions | null> {
      const found = await o.centres.load(slug, user);
      if (!found || (found.access === null && user.role !== 'admin')) return null;
      const c = found.centre;
      const [network, sectors, rows, maturity] = await Promise.all([o.centres.networkOf(c), o.centres.sectorsOf(c.id), o.directory.rows(), sharedMaturity(db)]);
      const self: MatchProfile = {
        id: c.id,
        country: c.country,
        type: c.type,
        sectors,
        eqfLevels: JSON.parse(c.eqf_levels) as number[],
        languages: JSON.parse(c.languages) as string[],
        offers: network.offers.map((x) => x.topic),
        seeks: network.seeks.map((x) => x.topic),
        maturity: c.share_maturity ? (maturity.get(c.id) ?? null) : null,
      };
      const candidates: MatchProfile[] = rows.map((r) => ({ ...r, maturity: maturity.get(r.id) ?? null }));
      const ranked = suggest(centreSeeker(self), candidates, {
        limit: SUGGESTIONS_SHOWN,
        filters: { countries: query.country, types: query.type, sectors: query.sector, languages: query.language, offers: query.offers },
      });
      const cards = new Map((await o.directory.cards(ranked.map((s) => s.id))).map((x) => [x.id, x]));
      return {
        centre: { id: c.id, slug: c.slug, name: c.name },
        hasTopics: self.offers.length + self.seeks.length > 0,
        suggestions: ranked.flatMap((s) => {
          const card = cards.get(s.id);
          return card ? [{ ...s, card }] : [];
        }),
      };
    },
  };
}

export type SuggestionsService = ReturnType<typeof suggestionsService>;
