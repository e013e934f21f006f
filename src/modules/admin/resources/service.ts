import { diffWords } from 'diff';
import type { DB } from '../../../db/database.ts';
import { upsertResource } from '../../../content/repository/writes.ts';
import type { User } from '../../accounts/repository.ts';
import { slugify } from '../../centres/service.ts';
import { resourceDocuments } from '../../library/documents.ts';
import type { SearchProvider } from '../../search/index.ts';
import { audit } from '../repository.ts';
import { isEditor } from '../../accounts/roles.ts';
import * as repo from './repository.ts';
import type { ResourceForm } from './schemas.ts';

// Editing resources in the back office. Every change checks access first, keeps a revision,
// writes the audit log, reindexes the resource for search and bumps the content version, so the
// page caches of every instance drop what they rendered before.

export type TranslationStatus = 'missing' | 'current' | 'outdated';

/** "2-1" → package 2, station 1 (the form's and the e-library's station keys). */
export function parseStationKey(key: string): { packageNumber: number; position: number } {
  const [packageNumber, position] = key.split('-').map(Number) as [number, number];
  return { packageNumber, position };
}
const LANGS = ['en', 'fr', 'ar'] as const;

/** Per language: missing, up to date, or outdated (saved before the English last changed). */
export function translationStatus(translations: { lang: string; title: string | null; updatedAt: string }[]): Record<string, TranslationStatus> {
  const en = translations.find((t) => t.lang === 'en');
  return Object.fromEntries(
    LANGS.map((lang) => {
      const t = translations.find((x) => x.lang === lang);
      if (!t?.title) return [lang, 'missing'];
      return [lang, lang !== 'en' && en && t.updatedAt < en.updatedAt ? 'outdated' : 'current'];
    }),
  );
}

export interface FieldChange {
  field: string;
  /** words removed and added, for text */
  parts: { value: string; added?: boolean; removed?: boolean }[];
}

/** What changed between two snapshots, field by field, in words. */
export function changes(before: repo.ResourceSnapshot | null, after: repo.ResourceSnapshot): FieldChange[] {
  const flat = (s: repo.ResourceSnapshot | null): Record<string, string> => {
    if (!s) return {};
    const out: Record<string, string> = {
      type: s.type,
      source: s.source,
      link: s.link ?? '',
      year: s.year === null ? '' : String(s.year),
      published: s.published ? 'yes' : 'no',
      themes: s.themes.join(', '),
      sectors: s.sectors.join(', '),
      countries: s.countries.join(', '),
      languages: s.languages.join(', '),
      stations: s.stations.join(', '),
    };
    for (const t of s.translations) {
      out[`title_${t.lang}`] = t.title ?? '';
      out[`description_${t.lang}`] = t.description ?? '';
    }
    return out;
  };
  const a = flat(before);
  const b = flat(after);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => (a[k] ?? '') !== (b[k] ?? ''))
    .map((field) => ({ field, parts: diffWords(a[field] ?? '', b[field] ?? '') }));
}

/** `removeAttachments` deletes a resource's files with it (files module). */
export function resourceEditor(db: DB, search: SearchProvider, contentChanged: () => Promise<void>, removeAttachments: (id: number) => Promise<void> = () => Promise.resolve()) {
  const input = (form: ResourceForm, slug: string, published?: boolean) => ({
    slug,
    ...(published === undefined ? {} : { published }),
    type: form.type,
    source: form.source,
    link: form.link,
    year: form.year,
    translations: [
      { lang: 'en', title: form.title_en, description: form.description_en },
      ...(['fr', 'ar'] as const)
        .filter((l) => form[`title_${l}`] || form[`description_${l}`])
        .map((l) => ({ lang: l, title: form[`title_${l}`], description: form[`description_${l}`] })),
    ],
    themes: form.themes,
    sectors: form.sectors,
    countries: form.countries,
    languages: form.languages,
    stations: form.stations.map(parseStationKey),
    packages: [],
  });

  /** After any change: search index (published resources only), revision, audit log, caches. */
  async function after(actor: User, id: number, note: string) {
    const snap = (await repo.snapshot(db, id))!;
    await search.remove([`resource:${snap.slug}:`]);
    // A draft is not searchable: site search would otherwise show it (the e-library filters on its own).
    if (snap.published) await search.index(resourceDocuments({ id, slug: snap.slug, source: snap.source }, snap.translations));
    await repo.addRevision(db, 'resource', id, actor, note, snap);
    await audit(db, actor, `resource.${note}`, snap.translations.find((t) => t.lang === 'en')?.title ?? snap.slug);
    await contentChanged();
  }

  return {
    async list(actor: User, q: string) {
      if (!isEditor(actor)) return null;
      const rows = await repo.listForEditing(db, q, 200);
      const translations = await repo.translationRows(db, rows.map((r) => r.id));
      return rows.map((r) => ({
        ...r,
        status: translationStatus(translations.filter((t) => t.resource_id === r.id).map((t) => ({ lang: t.lang, title: t.title, updatedAt: t.updated_at }))),
      }));
    },

    get: (actor: User, id: number) => (isEditor(actor) ? repo.snapshot(db, id) : Promise.resolve(null)),

    /** A new resource starts as a draft. */
    async create(actor: User, form: ResourceForm): Promise<number | null> {
      if (!isEditor(actor)) return null;
      const base = slugify(form.title_en);
      let slug = base;
      for (let n = 2; await repo.slugTaken(db, slug); n++) slug = `${base}-${n}`;
      const id = await upsertResource(db, input(form, slug, false));
      await after(actor, id, 'created');
      return id;
    },

    async save(actor: User, id: number, form: ResourceForm): Promise<'done' | 'missing' | 'forbidden'> {
      if (!isEditor(actor)) return 'forbidden';
      const current = await repo.snapshot(db, id);
      if (!current) return 'missing';
      await upsertResource(db, input(form, current.slug));
      await after(actor, id, 'saved');
      return 'done';
    },

    async publish(actor: User, id: number, published: boolean): Promise<'done' | 'missing' | 'forbidden'> {
      if (!isEditor(actor)) return 'forbidden';
      if (!(await repo.snapshot(db, id))) return 'missing';
      await repo.setPublished(db, id, published);
      await after(actor, id, published ? 'published' : 'unpublished');
      return 'done';
    },

    async remove(actor: User, id: number): Promise<'done' | 'missing' | 'forbidden'> {
      if (!isEditor(actor)) return 'forbidden';
      const current = await repo.snapshot(db, id);
      if (!current) return 'missing';
      await search.remove([`resource:${current.slug}:`]);
      await repo.deleteResource(db, id);
      await removeAttachments(id);
      await audit(db, actor, 'resource.deleted', current.translations.find((t) => t.lang === 'en')?.title ?? current.slug);
      await contentChanged();
      return 'done';
    },

    /** Revisions, newest first, each with what it changed compared with the one before. */
    async revisions(actor: User, id: number) {
      if (!isEditor(actor)) return null;
      const rows = await repo.revisionsOf(db, 'resource', id);
      return rows.map((r, i) => {
        const snap = JSON.parse(r.snapshot) as repo.ResourceSnapshot;
        const previous = rows[i + 1] ? (JSON.parse(rows[i + 1]!.snapshot) as repo.ResourceSnapshot) : null;
        return { id: r.id, at: r.at, actor: r.actor_name, note: r.note, changes: changes(previous, snap) };
      });
    },

    async restore(actor: User, id: number, revisionId: number): Promise<'done' | 'missing' | 'forbidden'> {
      if (!isEditor(actor)) return 'forbidden';
      const rev = await repo.revision(db, revisionId);
      const current = await repo.snapshot(db, id);
      if (!rev || rev.kind !== 'resource' || rev.item_id !== id || !current) return 'missing';
      const snap = JSON.parse(rev.snapshot) as repo.ResourceSnapshot;
      const text = (lang: string, field: 'title' | 'description') => snap.translations.find((t) => t.lang === lang)?.[field] ?? null;
      await upsertResource(
        db,
        input(
          {
            type: snap.type,
            source: snap.source,
            link: snap.link,
            year: snap.year,
            themes: snap.themes,
            sectors: snap.sectors,
            countries: snap.countries as ResourceForm['countries'],
            languages: snap.languages as ResourceForm['languages'],
            stations: snap.stations,
            title_en: text('en', 'title') ?? current.slug,
            description_en: text('en', 'description') ?? '',
            title_fr: text('fr', 'title'),
            description_fr: text('fr', 'description'),
            title_ar: text('ar', 'title'),
            description_ar: text('ar', 'description'),
          },
          current.slug,
          snap.published,
        ),
      );
      await after(actor, id, 'restored');
      return 'done';
    },
  };
}

export type ResourceEditor = ReturnType<typeof resourceEditor>;
