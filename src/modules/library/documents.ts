import type { Lang } from '../../i18n/languages.ts';
import { plainText } from '../../ui/markdown.ts';
import type { SearchDocument } from '../search/index.ts';

/**
 * A resource's search documents, one per language it has: its title (English where not
 * translated) and its description, with the source. Shared by the content loader and the back office.
 */
export function resourceDocuments(
  r: { id: number; slug: string; source: string },
  translations: { lang: string; title: string | null; description: string | null }[],
): SearchDocument[] {
  const en = translations.find((t) => t.lang === 'en');
  return translations
    .filter((t) => t.lang === 'en' || t.title || t.description)
    .map((t) => ({
      kind: 'resource' as const,
      ref: `resource:${r.slug}:`,
      lang: t.lang as Lang,
      title: t.title ?? en?.title ?? r.slug,
      body: `${plainText(t.description ?? en?.description)} ${r.source}`,
      path: `/library/${r.slug}`,
      resourceId: r.id,
    }));
}
