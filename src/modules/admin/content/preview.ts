import type { StoredItem } from '../../../content/items.ts';
import type { Item } from '../../../content/pack.ts';
import type { PageContext } from '../../../http/context.ts';
import type { Lang } from '../../../i18n/languages.ts';
import { localise } from '../../../i18n/localise.ts';
import type { AttachmentItem } from '../../files/service.ts';
import { editorFileHref } from '../../files/views.ts';
import type { KnowledgeService } from '../../knowledge/service.ts';
import { caseStudyView } from '../../knowledge/views/case-studies.ts';
import { homeView } from '../../knowledge/views/home.ts';
import { packageView } from '../../knowledge/views/package.ts';
import { contentPageView, spotlightView } from '../../knowledge/views/pages.ts';
import { stationView } from '../../knowledge/views/station.ts';
import { resourceView } from '../../library/views/resource.ts';

// An item's public page as it will look, drafts included: rendered by the public views from the
// drafts view of the content, with files linked to their back-office downloads.

/** `drafts` is the knowledge service with drafts; `files` lists a resource's attachments. */
export async function previewOf(
  c: PageContext,
  lang: Lang,
  stored: StoredItem,
  drafts: KnowledgeService,
  files: () => Promise<AttachmentItem[]>,
): Promise<string | null> {
  const { item } = stored;
  switch (item.kind) {
    case 'package': {
      const d = await drafts.package((item as Item<'package'>).fields.number, lang);
      return d && packageView(c, d.pkg, d.packages, d.caseStudies);
    }
    case 'station': {
      const { fields } = item as Item<'station'>;
      const [d, types] = await Promise.all([drafts.station(fields.package, fields.position, lang), drafts.vocabulary('types', lang)]);
      return d && stationView(c, d, types);
    }
    case 'resource':
      return resourcePreview(c, lang, stored as StoredItem<'resource'>, drafts, await files());
    case 'case-study': {
      const [d, sectors] = await Promise.all([drafts.caseStudy((item as Item<'case-study'>).fields.slug, lang), drafts.vocabulary('sectors', lang)]);
      return d && caseStudyView(c, d.study, d.pkg, d.study.sector ? (sectors.get(d.study.sector) ?? null) : null, d.attachments, (f) => editorFileHref(c, f));
    }
    case 'spotlight':
      return spotlightView(c, await drafts.spotlight(lang));
    case 'page': {
      const slug = (item as Item<'page'>).fields.slug;
      if (slug === 'home') return homeView(c, await drafts.home(lang));
      const page = await drafts.page(slug, lang);
      return page && contentPageView(c, page);
    }
  }
}

/** The e-library's page of a resource, from the item (the e-library reads published resources only). */
async function resourcePreview(c: PageContext, lang: Lang, stored: StoredItem<'resource'>, drafts: KnowledgeService, attachments: AttachmentItem[]): Promise<string> {
  const { item } = stored;
  const f = item.fields;
  const texts = [
    { lang: 'en', title: f.title, description: item.body || null },
    ...Object.entries(item.translations).map(([l, tr]) => ({ lang: l, title: tr.fields.title ?? null, description: tr.body || null })),
  ];
  const t = localise(texts, lang, ['title', 'description']);
  const [types, themes, sectors, packages] = await Promise.all([
    drafts.vocabulary('types', lang),
    drafts.vocabulary('themes', lang),
    drafts.vocabulary('sectors', lang),
    drafts.packages(lang),
  ]);
  const resource = {
    id: stored.id,
    slug: f.slug,
    type: f.type,
    source: f.source,
    year: f.year ?? null,
    link: f.link ?? null,
    noLink: f.noLink ?? null,
    ask: f.ask ?? null,
    title: t.title ?? { value: f.slug, lang: 'en' as const },
    description: t.description,
    updatedAt: '',
    createdAt: '',
    themes: f.themes,
    sectors: f.sectors,
    countries: f.countries,
    languages: f.languages,
    stations: f.stations.map((key) => {
      const [, packageNumber, position] = /^package-(\d+)-station-(\d+)$/.exec(key)!.map(Number) as [number, number, number];
      return { packageNumber, position };
    }),
    attachments,
  };
  return resourceView(c, resource, { types, themes, sectors, packages }, (a) => editorFileHref(c, a));
}
