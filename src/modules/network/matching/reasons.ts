import type { Text } from '../../../i18n/localise.ts';
import { midSentence, type TextContext } from '../text.ts';
import type { Reason } from './match.ts';

// A suggestion's reasons in the reader's language: one whole message per kind of reason, its
// values put in as ICU arguments (a list already joined in the reader's language, a count for
// the plural). Topics and centre types come from the catalogues (`centre.topic.*`,
// `centre.type.*`), countries and languages from Intl, sectors and framework dimensions from the
// labels the caller loaded (`knowledge.vocabulary('sectors', lang)`, the framework's dimension
// titles through `inLang`).

export interface ReasonLabels {
  /** sector slug → name, as `knowledge.vocabulary('sectors', lang)` gives it */
  sectors: ReadonlyMap<string, Text>;
  /** framework dimension id → title in the reader's language (`inLang(dimension.title, ctx)`) */
  areas: ReadonlyMap<string, Text>;
}

/** One sentence per reason, in the order given (strongest first, as `suggest()` orders them). */
export function reasonsText(ctx: TextContext, reasons: readonly Reason[], labels: ReasonLabels): string[] {
  const { t, format, lang } = ctx;
  const topics = (xs: readonly string[]) => format.list(xs.map((x) => midSentence(t(`centre.topic.${x}`), lang)));
  const named = (map: ReadonlyMap<string, Text>, xs: readonly string[]) => format.list(xs.map((x) => midSentence(map.get(x)?.value ?? x, lang)));
  return reasons.map((r) => {
    switch (r.kind) {
      case 'offers-what-you-seek':
        return t('network.reason.offersWhatYouSeek', { topics: topics(r.topics) });
      case 'seeks-what-you-offer':
        return t('network.reason.seeksWhatYouOffer', { topics: topics(r.topics) });
      case 'shared-sectors':
        return t('network.reason.sharedSectors', { sectors: named(labels.sectors, r.sectors), count: r.sectors.length });
      case 'shared-languages':
        return t('network.reason.sharedLanguages', { languages: format.list(r.languages.map((l) => format.language(l))), count: r.languages.length });
      case 'shared-eqf':
        return t('network.reason.sharedEqf', { levels: format.list(r.levels.map((l) => format.number(l))), count: r.levels.length });
      case 'wanted-country':
        return t('network.reason.wantedCountry', { country: format.country(r.country) });
      case 'wanted-type':
        return t('network.reason.wantedType', { type: t(`centre.type.${r.type}`) });
      case 'complementary': {
        // three messages rather than a select: a select's key would be isolated in Arabic (messages.ts) and match nothing
        const strong = named(labels.areas, r.strongWhereYouAreWeak);
        const weak = named(labels.areas, r.weakWhereYouAreStrong);
        if (!r.weakWhereYouAreStrong.length) return t('network.reason.complementary.strong', { strong });
        if (!r.strongWhereYouAreWeak.length) return t('network.reason.complementary.weak', { weak });
        return t('network.reason.complementary.both', { strong, weak });
      }
    }
  });
}
