import { diffWords } from 'diff';
import type { DB } from '../../../db/database.ts';
import { readItem, slugsOf, type StoredItem } from '../../../content/items.ts';
import { writeItem } from '../../../content/load.ts';
import type { Item } from '../../../content/pack.ts';
import type { FieldError } from '../../../http/forms.ts';
import type { User } from '../../accounts/repository.ts';
import { slugify } from '../../centres/service.ts';
import type { SearchProvider } from '../../search/index.ts';
import { audit } from '../repository.ts';
import { addBaseline, addRevision, revision, revisionsOf } from '../../../content/repository/revisions.ts';
import { translationStatus, type FieldChange, type TranslationStatus } from '../resources/service.ts';
import { isEditor } from '../../accounts/roles.ts';
import { itemFrom, valuesOf, type EditableKind, type FormValues, type KindSpec } from './kinds.ts';
import * as repo from './repository.ts';

// Editing packages, stations, case studies, spotlight items and pages. Like the resource editor,
// every change checks access first, writes through the same code as the content loader and
// import (`writeItem`), keeps a revision (the item in the pack format, with its state), writes the
// audit log, reindexes search and bumps the content version so every instance's caches follow.

export type Outcome = 'done' | 'missing' | 'forbidden' | { errors: FieldError[] };

interface Snapshot {
  item: Item;
  published: boolean;
}

const titleOf = (item: Item) => {
  const f = item.fields as { title?: string; slug?: string };
  return f.title ?? f.slug ?? item.key;
};
const slugOf = (item: Item) => (item.fields as { slug: string }).slug;

/** What changed between two snapshots, field by field (as the form names them), in words. */
export function changes(spec: KindSpec, before: Snapshot | null, after: Snapshot): FieldChange[] {
  const flat = (s: Snapshot | null): Record<string, string> => {
    if (!s) return {};
    const out: Record<string, string> = { published: s.published ? 'yes' : 'no' };
    for (const [k, v] of Object.entries(valuesOf(spec, s.item))) {
      if (k === 'checklist_count' || /_order$/.test(k)) continue;
      out[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    return out;
  };
  const a = flat(before);
  const b = flat(after);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => (a[k] ?? '') !== (b[k] ?? ''))
    .map((field) => ({ field, parts: diffWords(a[field] ?? '', b[field] ?? '') }));
}

/** `removeAttachments` deletes an item's files with it (files module). */
export function contentEditor(db: DB, search: SearchProvider, contentChanged: () => Promise<void>, removeAttachments: (kind: EditableKind, id: number) => Promise<void> = () => Promise.resolve()) {
  /** Writes the item, reindexes it (drafts leave the index), and reads it back. */
  async function store(item: Item, published: boolean): Promise<StoredItem> {
    const docs = await db.transaction().execute((trx) => writeItem(trx, item, published));
    await search.remove([`${item.kind}:${slugOf(item)}:`]);
    if (published) await search.index(docs);
    if (item.kind === 'package') await reindexChildren((item as Item<'package'>).fields.number, published);
    return (await readItem(db, item.kind, slugOf(item)))!;
  }

  /** A package's stations and case studies are searchable only while it is published too. */
  async function reindexChildren(packageNumber: number, packagePublished: boolean): Promise<void> {
    for (const child of await repo.childrenOf(db, packageNumber)) {
      const stored = await readItem(db, child.kind, child.slug);
      if (!stored) continue;
      // Writing an unchanged item again changes nothing but gives its search documents.
      const docs = await db.transaction().execute((trx) => writeItem(trx, stored.item, stored.published));
      await search.remove([`${child.kind}:${child.slug}:`]);
      if (packagePublished && stored.published) await search.index(docs);
    }
  }

  /**
   * Before an item's first change in the back office, its current state (from the content files or
   * an import) becomes its first revision, so the history starts there and can return to it.
   */
  async function baseline(stored: StoredItem): Promise<void> {
    if ((await revisionsOf(db, stored.item.kind, stored.id)).length) return;
    await addBaseline(db, stored.item.kind, stored.id, { item: stored.item, published: stored.published } satisfies Snapshot);
  }

  async function after(actor: User, stored: StoredItem, note: string): Promise<void> {
    await addRevision(db, stored.item.kind, stored.id, actor, note, { item: stored.item, published: stored.published } satisfies Snapshot);
    await audit(db, actor, `content.${note}`, titleOf(stored.item), { kind: stored.item.kind });
    await contentChanged();
  }

  /** Checks the database's own rules: checklist ids unique across packages, stations that exist. */
  async function consistent(spec: KindSpec, item: Item, packageId: number | null, values: FormValues): Promise<FieldError[]> {
    if (spec.kind !== 'package') return [];
    const p = item as Item<'package'>;
    const errors: FieldError[] = [];
    const taken = new Set(await repo.checklistIdsElsewhere(db, packageId, p.fields.checklist.map((c) => c.id)));
    const positions = new Set((await repo.packageStations(db)).get(p.fields.number) ?? []);
    const count = Number(values.checklist_count) || 0;
    for (let i = 0; i <= count; i++) {
      const id = values[`checklist_${i}_id`];
      if (typeof id === 'string' && taken.has(id)) errors.push({ field: `checklist_${i}_id`, key: 'admin.content.error.duplicateId' });
      const chosen = values[`checklist_${i}_stations`];
      for (const s of Array.isArray(chosen) ? chosen : chosen ? [chosen] : []) {
        if (!positions.has(Number(s))) errors.push({ field: `checklist_${i}_stations`, key: 'form.error.choose' });
      }
    }
    return errors;
  }

  async function uniqueSlug(kind: EditableKind, title: string): Promise<string> {
    const base = slugify(title) || kind;
    let slug = base;
    // "new" is the address of the form for a new item.
    for (let n = 2; slug === 'new' || (await readItem(db, kind, slug)); n++) slug = `${base}-${n}`;
    return slug;
  }

  return {
    async list(actor: User, spec: KindSpec) {
      if (!isEditor(actor)) return null;
      const out: { slug: string; title: string; published: boolean; status: Record<string, TranslationStatus> }[] = [];
      for (const slug of await slugsOf(db, spec.kind)) {
        const stored = await readItem(db, spec.kind, slug);
        if (!stored) continue;
        out.push({ slug, title: titleOf(stored.item), published: stored.published, status: await this.status(spec, stored) });
      }
      return out;
    },

    async status(spec: KindSpec, stored: StoredItem): Promise<Record<string, TranslationStatus>> {
      const times = await repo.translationTimes(db, spec.kind, stored.id);
      return translationStatus(times.map((t) => ({ ...t, title: 'present' })));
    },

    get: (actor: User, spec: KindSpec, slug: string) => (isEditor(actor) ? readItem(db, spec.kind, slug) : Promise.resolve(null)),

    /** Sensible starting values for a new item's kind-specific fields. */
    async newValues(spec: KindSpec): Promise<FormValues> {
      if (spec.kind === 'spotlight') return { position: String(await repo.nextSpotlightPosition(db)) };
      if (spec.kind === 'package') return { number: String(Math.max(0, ...(await repo.packageStations(db)).keys()) + 1), checklist_count: '0' };
      return {};
    },

    /** A new item starts as a draft. Returns its slug, or the form's problems. */
    async create(actor: User, spec: KindSpec, values: FormValues): Promise<{ slug: string } | { errors: FieldError[] } | 'forbidden'> {
      if (!isEditor(actor) || !spec.creatable) return 'forbidden';
      const title = typeof values.title_en === 'string' ? values.title_en : '';
      const slug = await uniqueSlug(spec.kind, title);
      const errors: FieldError[] = [];
      let identity: Record<string, unknown> = { slug };
      let key = `${spec.path}/${slug}`;
      if (spec.kind === 'package') {
        const number = Number(values.number);
        if (!/^\d{1,2}$/.test(String(values.number ?? '')) || number < 1) errors.push({ field: 'number', key: 'form.error.invalid' });
        else if (await repo.packageNumberTaken(db, number)) errors.push({ field: 'number', key: 'admin.content.error.numberTaken' });
        identity = { slug, number };
        key = `packages/package-${number}`;
      } else if (spec.kind === 'station') {
        const number = Number(values.package);
        const position = Number.isInteger(number) && number > 0 ? await repo.nextStationPosition(db, number) : null;
        if (position === null) errors.push({ field: 'package', key: 'form.error.choose' });
        identity = { slug, package: number, position: position ?? 1 };
        key = `stations/package-${number}-station-${position ?? 1}`;
      }
      const built = itemFrom(spec, values, identity, key);
      const all = [...errors, ...built.errors.filter((e) => !errors.some((x) => x.field === e.field))];
      if (!all.length) all.push(...(await consistent(spec, built.item, null, values)));
      if (all.length) return { errors: all };
      const stored = await store(built.item, false);
      await after(actor, stored, 'created');
      return { slug };
    },

    async save(actor: User, spec: KindSpec, slug: string, values: FormValues): Promise<Outcome> {
      if (!isEditor(actor)) return 'forbidden';
      const current = await readItem(db, spec.kind, slug);
      if (!current) return 'missing';
      const f = current.item.fields as Record<string, unknown>;
      const identity: Record<string, unknown> = { slug };
      if (spec.kind === 'package') identity.number = f.number;
      if (spec.kind === 'station') Object.assign(identity, { package: f.package, position: f.position });
      const built = itemFrom(spec, values, identity, current.item.key);
      const errors = built.errors.length ? built.errors : await consistent(spec, built.item, current.id, values);
      if (errors.length) return { errors };
      await baseline(current);
      const stored = await store(built.item, current.published);
      await after(actor, stored, 'saved');
      return 'done';
    },

    async publish(actor: User, spec: KindSpec, slug: string, published: boolean): Promise<Outcome> {
      if (!isEditor(actor)) return 'forbidden';
      const current = await readItem(db, spec.kind, slug);
      if (!current) return 'missing';
      await baseline(current);
      const stored = await store(current.item, published);
      await after(actor, stored, published ? 'published' : 'unpublished');
      return 'done';
    },

    /** Deletes an item, unless others depend on it: a package with stations or case studies, a station its checklist names. */
    async remove(actor: User, spec: KindSpec, slug: string): Promise<Outcome> {
      if (!isEditor(actor) || !spec.creatable) return 'forbidden';
      const current = await readItem(db, spec.kind, slug);
      if (!current) return 'missing';
      if (spec.kind === 'package' && (await repo.hasStationsOrCaseStudies(db, current.id))) return { errors: [{ field: 'form', key: 'admin.content.error.packageNotEmpty' }] };
      if (spec.kind === 'station') {
        const { fields } = current.item as Item<'station'>;
        if (await repo.checklistNamesStation(db, fields.package, fields.position)) return { errors: [{ field: 'form', key: 'admin.content.error.stationInChecklist' }] };
      }
      await search.remove([`${spec.kind}:${slug}:`]);
      await repo.deleteItem(db, spec.kind, current.id);
      await removeAttachments(spec.kind, current.id);
      await audit(db, actor, 'content.deleted', titleOf(current.item), { kind: spec.kind });
      await contentChanged();
      return 'done';
    },

    /** Revisions, newest first, each with what it changed compared with the one before. */
    async revisions(actor: User, spec: KindSpec, id: number) {
      if (!isEditor(actor)) return null;
      const rows = await revisionsOf(db, spec.kind, id);
      const snaps = rows.map((r) => JSON.parse(r.snapshot) as Snapshot);
      return rows.map((r, i) => ({ id: r.id, at: r.at, actor: r.actor_name, note: r.note, changes: changes(spec, snaps[i + 1] ?? null, snaps[i]!) }));
    },

    async restore(actor: User, spec: KindSpec, slug: string, revisionId: number): Promise<Outcome> {
      if (!isEditor(actor)) return 'forbidden';
      const current = await readItem(db, spec.kind, slug);
      const rev = await revision(db, revisionId);
      if (!current || !rev || rev.kind !== spec.kind || rev.item_id !== current.id) return 'missing';
      const snap = JSON.parse(rev.snapshot) as Snapshot;
      // The item keeps its place (slug, package, position): a revision restores its content and state.
      const item = { ...snap.item, key: current.item.key, fields: { ...snap.item.fields, ...identityOf(current.item) } } as Item;
      const stored = await store(item, snap.published);
      await after(actor, stored, 'restored');
      return 'done';
    },
  };
}

function identityOf(item: Item): Record<string, unknown> {
  const f = item.fields as Record<string, unknown>;
  return Object.fromEntries(['slug', 'number', 'package', 'position'].filter((k) => k in f && (k !== 'package' || item.kind === 'station')).map((k) => [k, f[k]]));
}

export type ContentEditor = ReturnType<typeof contentEditor>;
