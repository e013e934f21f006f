import type { DB } from '../../db/database.ts';
import type { Lang } from '../../i18n/languages.ts';
import { localise, parseList, type Text } from '../../i18n/localise.ts';

// Reads of the Knowledge Packages: packages, stations, case studies, spotlight items and pages,
// each field in the reader's language or, where it is not translated, in English. Public pages
// read published items only; the back office's previews pass `drafts` to see every item.

const langs = (lang: Lang) => (lang === 'en' ? ['en'] : [lang, 'en']);

function groupBy<R, K>(rows: readonly R[], key: (r: R) => K): Map<K, R[]> {
  const map = new Map<K, R[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

export interface ChecklistItem {
  key: string;
  text: Text;
  why: Text | null;
  stations: number[];
}

export interface StationSummary {
  id: number;
  position: number;
  slug: string;
  title: Text;
  lead: Text | null;
  offer: Text | null;
}

export interface Package {
  id: number;
  number: number;
  slug: string;
  level: 'beginner' | 'advanced';
  title: Text;
  subtitle: Text | null;
  introduction: Text | null;
  checklist: ChecklistItem[];
  stations: StationSummary[];
  updatedAt: string;
}

/** Published items only, unless drafts are asked for. */
const shown = (drafts: boolean) => (drafts ? [0, 1] : [1]);

export async function listPackages(db: DB, lang: Lang, drafts = false): Promise<Package[]> {
  const [packages, texts, items, itemTexts, stations, stationTexts] = await Promise.all([
    db.selectFrom('packages').selectAll().where('published', 'in', shown(drafts)).orderBy('number').execute(),
    db.selectFrom('package_translations').selectAll().where('lang', 'in', langs(lang)).execute(),
    db.selectFrom('checklist_items').selectAll().orderBy('package_id').orderBy('position').execute(),
    db.selectFrom('checklist_item_translations').selectAll().where('lang', 'in', langs(lang)).execute(),
    db.selectFrom('stations').selectAll().where('published', 'in', shown(drafts)).orderBy('package_id').orderBy('position').execute(),
    db.selectFrom('station_translations').select(['station_id', 'lang', 'title', 'lead', 'offer']).where('lang', 'in', langs(lang)).execute(),
  ]);
  const textsBy = groupBy(texts, (r) => r.package_id);
  const itemTextsBy = groupBy(itemTexts, (r) => r.item_id);
  const stationTextsBy = groupBy(stationTexts, (r) => r.station_id);
  return packages.map((p) => {
    const t = localise(textsBy.get(p.id) ?? [], lang, ['title', 'subtitle', 'introduction']);
    return {
      id: p.id,
      number: p.number,
      slug: p.slug,
      level: p.level as Package['level'],
      title: t.title ?? { value: p.slug, lang: 'en' },
      subtitle: t.subtitle,
      introduction: t.introduction,
      updatedAt: p.updated_at,
      checklist: items
        .filter((i) => i.package_id === p.id)
        .map((i) => {
          const it = localise(itemTextsBy.get(i.id) ?? [], lang, ['text', 'why']);
          return {
            key: i.key,
            text: it.text ?? { value: i.key, lang: 'en' },
            why: it.why,
            stations: JSON.parse(i.station_positions) as number[],
          };
        }),
      stations: stations
        .filter((s) => s.package_id === p.id)
        .map((s) => {
          const st = localise(stationTextsBy.get(s.id) ?? [], lang, ['title', 'lead', 'offer']);
          return {
            id: s.id,
            position: s.position,
            slug: s.slug,
            title: st.title ?? { value: s.slug, lang: 'en' },
            lead: st.lead,
            offer: st.offer,
          };
        }),
    };
  });
}

export interface ActionGroup {
  title: string;
  actions: string[];
}

export interface Station extends StationSummary {
  context: Text | null;
  challenges: Text<string[]> | null;
  actionGroups: Text<ActionGroup[]> | null;
  updatedAt: string;
}

export async function getStation(db: DB, packageId: number, position: number, lang: Lang, drafts = false): Promise<Station | null> {
  const s = await db
    .selectFrom('stations')
    .selectAll()
    .where('package_id', '=', packageId)
    .where('position', '=', position)
    .where('published', 'in', shown(drafts))
    .executeTakeFirst();
  if (!s) return null;
  const texts = await db.selectFrom('station_translations').selectAll().where('station_id', '=', s.id).where('lang', 'in', langs(lang)).execute();
  const t = localise(texts, lang, ['title', 'lead', 'offer', 'context', 'challenges', 'action_groups']);
  return {
    id: s.id,
    position: s.position,
    slug: s.slug,
    title: t.title ?? { value: s.slug, lang: 'en' },
    lead: t.lead,
    offer: t.offer,
    context: t.context,
    challenges: parseList<string>(t.challenges),
    actionGroups: parseList<ActionGroup>(t.action_groups),
    updatedAt: s.updated_at,
  };
}

export interface CaseStudy {
  id: number;
  slug: string;
  packageId: number;
  country: string;
  sector: string | null;
  link: string | null;
  year: number | null;
  centre: Text;
  title: Text;
  lead: Text | null;
  takeaways: Text<string[]> | null;
  quote: { text: Text; speaker: Text | null } | null;
  summary: Text | null;
  updatedAt: string;
}

export async function listCaseStudies(db: DB, lang: Lang, slug?: string, drafts = false): Promise<CaseStudy[]> {
  let query = db.selectFrom('case_studies').selectAll().where('published', 'in', shown(drafts)).orderBy('package_id').orderBy('slug');
  if (slug !== undefined) query = query.where('slug', '=', slug);
  const studies = await query.execute();
  if (studies.length === 0) return [];
  const texts = await db
    .selectFrom('case_study_translations')
    .selectAll()
    .where(
      'case_study_id',
      'in',
      studies.map((s) => s.id),
    )
    .where('lang', 'in', langs(lang))
    .execute();
  const by = groupBy(texts, (r) => r.case_study_id);
  return studies.map((c) => {
    const t = localise(by.get(c.id) ?? [], lang, ['centre', 'title', 'lead', 'takeaways', 'quote_text', 'quote_speaker', 'summary']);
    return {
      id: c.id,
      slug: c.slug,
      packageId: c.package_id,
      country: c.country,
      sector: c.sector,
      link: c.link,
      year: c.year,
      centre: t.centre ?? { value: c.slug, lang: 'en' },
      title: t.title ?? { value: c.slug, lang: 'en' },
      lead: t.lead,
      takeaways: parseList<string>(t.takeaways),
      quote: t.quote_text ? { text: t.quote_text, speaker: t.quote_speaker } : null,
      summary: t.summary,
      updatedAt: c.updated_at,
    };
  });
}

export interface SpotlightItem {
  slug: string;
  link: string | null;
  title: Text;
  linkText: Text | null;
  description: Text | null;
}

export async function listSpotlight(db: DB, lang: Lang, drafts = false): Promise<SpotlightItem[]> {
  const [items, texts] = await Promise.all([
    db.selectFrom('spotlight_items').selectAll().where('published', 'in', shown(drafts)).orderBy('position').orderBy('slug').execute(),
    db.selectFrom('spotlight_translations').selectAll().where('lang', 'in', langs(lang)).execute(),
  ]);
  const by = groupBy(texts, (r) => r.item_id);
  return items.map((i) => {
    const t = localise(by.get(i.id) ?? [], lang, ['title', 'link_text', 'description']);
    return {
      slug: i.slug,
      link: i.link,
      title: t.title ?? { value: i.slug, lang: 'en' },
      linkText: t.link_text,
      description: t.description,
    };
  });
}

export interface Page {
  slug: string;
  title: Text;
  lead: Text | null;
  body: Text | null;
}

export async function getPage(db: DB, slug: string, lang: Lang, drafts = false): Promise<Page | null> {
  const page = await db.selectFrom('pages').selectAll().where('slug', '=', slug).where('published', 'in', shown(drafts)).executeTakeFirst();
  if (!page) return null;
  const texts = await db.selectFrom('page_translations').selectAll().where('page_id', '=', page.id).where('lang', 'in', langs(lang)).execute();
  const t = localise(texts, lang, ['title', 'lead', 'body']);
  return { slug, title: t.title ?? { value: slug, lang: 'en' }, lead: t.lead, body: t.body };
}

/** Labels of a vocabulary (types, themes, sectors) in the reader's language, English where missing. */
export async function vocabulary(db: DB, kind: string, lang: Lang): Promise<Map<string, Text>> {
  const rows = await db
    .selectFrom('vocabulary_terms')
    .innerJoin('vocabulary_labels', (j) =>
      j.onRef('vocabulary_labels.kind', '=', 'vocabulary_terms.kind').onRef('vocabulary_labels.slug', '=', 'vocabulary_terms.slug'),
    )
    .select(['vocabulary_terms.slug', 'vocabulary_terms.position', 'vocabulary_labels.lang', 'vocabulary_labels.label'])
    .where('vocabulary_terms.kind', '=', kind)
    .where('vocabulary_labels.lang', 'in', langs(lang))
    .orderBy('vocabulary_terms.position')
    .execute();
  const out = new Map<string, Text>();
  for (const [slug, labels] of groupBy(rows, (r) => r.slug)) {
    const t = localise(labels, lang, ['label']);
    if (t.label) out.set(slug, t.label);
  }
  return out;
}
