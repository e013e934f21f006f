import { languages } from '../../../i18n/languages.ts';
import type { DB } from '../../../db/database.ts';
import type { FieldError } from '../../../http/forms.ts';
import type { User } from '../../accounts/repository.ts';
import { audit } from '../../admin/repository.ts';
import { indicatorsOf, type FrameworkDocument, type IndicatorDoc, type Texts } from './document.ts';
import { FrameworkError, indicatorSchema } from './format.ts';
import { checkLinks } from './links.ts';
import * as repo from './repository.ts';

// Editors maintain frameworks in the back office. A change goes into the framework's one draft
// (made from the current version on the first change); publishing the draft makes it the next
// version, which new rounds start on, while rounds already started keep theirs. Once a framework
// has a version made here, start-up no longer loads its files (load.ts).

const langs = languages;
const lines = (v: string) =>
  v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export type EditTarget = { kind: 'dimension' | 'criterion'; id: string } | { kind: 'indicator'; id: string } | { kind: 'new-indicator'; criterion: string };

/** Form values of an item, one text per language. */
export type ItemValues = Record<string, string | string[]>;

const textFields = (target: EditTarget): [string, number][] =>
  target.kind === 'dimension' || target.kind === 'criterion'
    ? [
        ['title', 200],
        ['description', 1200],
      ]
    : [
        ['statement', 300],
        ['explanation', 1200],
      ];

export function valuesOf(doc: FrameworkDocument, target: EditTarget): ItemValues | null {
  const texts = (prefix: string, t: Texts) => Object.fromEntries(langs.map((l) => [`${prefix}_${l}`, t[l] ?? '']));
  if (target.kind === 'new-indicator') return { id: '', groups: [], core: '', stations: '', actions: '', resources: '' };
  if (target.kind === 'dimension') {
    const d = doc.dimensions.find((x) => x.id === target.id);
    return d ? { ...texts('title', d.title), ...texts('description', d.description) } : null;
  }
  if (target.kind === 'criterion') {
    const c = doc.dimensions.flatMap((x) => x.criteria).find((x) => x.id === target.id);
    return c ? { ...texts('title', c.title), ...texts('description', c.description) } : null;
  }
  const i = indicatorsOf(doc).find((x) => x.id === target.id);
  return i
    ? {
        ...texts('statement', i.statement),
        ...texts('explanation', i.explanation),
        groups: i.groups,
        core: i.core ? 'yes' : '',
        stations: i.stations.join('\n'),
        actions: i.actions.join('\n'),
        resources: i.resources.join('\n'),
      }
    : null;
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** Reads texts of every language from a form: English is required, others optional. */
function readTexts(body: Record<string, unknown>, target: EditTarget, errors: FieldError[]): Record<string, Texts> {
  const out: Record<string, Texts> = {};
  for (const [name, max] of textFields(target)) {
    const t: Texts = { en: str(body[`${name}_en`]) };
    if (!t.en) errors.push({ field: `${name}_en`, key: 'form.error.required' });
    for (const l of langs) {
      const v = str(body[`${name}_${l}`]);
      if (v.length > max) errors.push({ field: `${name}_${l}`, key: 'form.error.tooLong', values: { max } });
      if (l !== 'en' && v) t[l] = v;
    }
    out[name] = t;
  }
  return out;
}

export function frameworkEditor(db: DB) {
  /** The document editors change: the draft if there is one, otherwise the current version. */
  async function editable(slug: string): Promise<{ document: FrameworkDocument; draft: boolean; version: number } | null> {
    const latest = await repo.latestVersion(db, slug);
    if (!latest) return null;
    if (latest.status === 'draft') return { document: latest.document, draft: true, version: latest.version };
    return { document: latest.document, draft: false, version: latest.version };
  }

  /** Applies a form to a copy of the document; the draft is saved only when the result checks out. */
  async function save(
    user: User,
    slug: string,
    target: EditTarget,
    body: Record<string, unknown>,
  ): Promise<{ errors: FieldError[]; values: ItemValues } | 'missing' | { saved: string }> {
    const current = await editable(slug);
    if (!current) return 'missing';
    const doc = structuredClone(current.document);
    const errors: FieldError[] = [];
    const texts = readTexts(body, target, errors);
    const values: ItemValues = Object.fromEntries(
      Object.entries(body)
        .filter(([k]) => k !== '_csrf')
        .map(([k, v]) => [k, Array.isArray(v) ? list(v) : str(v)]),
    );
    let saved = '';
    if (target.kind === 'dimension' || target.kind === 'criterion') {
      const item =
        target.kind === 'dimension'
          ? doc.dimensions.find((d) => d.id === target.id)
          : doc.dimensions.flatMap((d) => d.criteria).find((c) => c.id === target.id);
      if (!item) return 'missing';
      if (!errors.length) Object.assign(item, { title: texts.title!, description: texts.description! });
      saved = target.id;
    } else {
      const groups = list(body.groups);
      const english = {
        id: target.kind === 'indicator' ? target.id : str(body.id),
        statement: texts.statement!.en,
        explanation: texts.explanation!.en,
        groups,
        core: str(body.core) === 'yes',
        stations: lines(str(body.stations)),
        actions: lines(str(body.actions)),
        resources: lines(str(body.resources)),
      };
      const parsed = indicatorSchema.safeParse(english);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0]);
          const name = field === 'statement' || field === 'explanation' ? `${field}_en` : field;
          if (errors.some((e) => e.field === name)) continue;
          errors.push({
            field: name,
            key:
              field === 'groups'
                ? 'framework.error.groups'
                : field === 'id'
                  ? 'framework.error.id'
                  : ['stations', 'actions', 'resources'].includes(field)
                    ? `framework.error.${field}`
                    : 'form.error.invalid',
          });
        }
      }
      if (!errors.length && parsed.success) {
        const indicator: IndicatorDoc = { ...parsed.data, groups: parsed.data.groups, statement: texts.statement!, explanation: texts.explanation! };
        if (target.kind === 'indicator') {
          const criterion = doc.dimensions.flatMap((d) => d.criteria).find((c) => c.indicators.some((i) => i.id === target.id));
          if (!criterion) return 'missing';
          criterion.indicators = criterion.indicators.map((i) => (i.id === target.id ? indicator : i));
        } else if (target.kind === 'new-indicator') {
          const into = target.criterion;
          const criterion = doc.dimensions.flatMap((d) => d.criteria).find((c) => c.id === into);
          if (!criterion) return 'missing';
          const taken = new Set([
            ...doc.dimensions.map((d) => d.id),
            ...doc.dimensions.flatMap((d) => d.criteria.map((c) => c.id)),
            ...indicatorsOf(doc).map((i) => i.id),
          ]);
          if (taken.has(indicator.id)) errors.push({ field: 'id', key: 'framework.error.idTaken' });
          else criterion.indicators.push(indicator);
        }
        saved = indicator.id;
      }
    }
    if (!errors.length) {
      try {
        await checkLinks(db, { document: doc, hash: '', file: 'framework' });
      } catch (error) {
        if (!(error instanceof FrameworkError)) throw error;
        const which = /(station|action|resource) "/.exec(error.message)?.[1] ?? 'station';
        errors.push({ field: `${which}s`, key: 'framework.error.link', values: { problem: error.message.replace(/^framework: /, '') } });
      }
    }
    if (errors.length) return { errors, values };
    await repo.saveDraft(db, doc, user.id);
    await audit(db, user, 'framework.save', `framework:${slug}`, { item: saved });
    return { saved };
  }

  return {
    editable,
    save,
    versions: (slug: string) => repo.versionsOf(db, slug),
    slugs: () => repo.frameworkSlugs(db),

    /** Removes an indicator from the draft; a criterion keeps at least one. */
    async remove(user: User, slug: string, id: string): Promise<'done' | 'missing' | 'last'> {
      const current = await editable(slug);
      if (!current) return 'missing';
      const doc = structuredClone(current.document);
      const criterion = doc.dimensions.flatMap((d) => d.criteria).find((c) => c.indicators.some((i) => i.id === id));
      if (!criterion) return 'missing';
      if (criterion.indicators.length === 1) return 'last';
      criterion.indicators = criterion.indicators.filter((i) => i.id !== id);
      await repo.saveDraft(db, doc, user.id);
      await audit(db, user, 'framework.remove', `framework:${slug}`, { item: id });
      return 'done';
    },

    /** Publishes the draft as the next version: new rounds start on it (the caller bumps the content version for the public page). */
    async publish(user: User, slug: string): Promise<number | null> {
      const version = await repo.publishDraft(db, slug);
      if (version === null) return null;
      await audit(db, user, 'framework.publish', `framework:${slug}`, { version });
      return version;
    },

    async discard(user: User, slug: string): Promise<void> {
      await repo.discardDraft(db, slug);
      await audit(db, user, 'framework.discard', `framework:${slug}`);
    },
  };
}

export type FrameworkEditor = ReturnType<typeof frameworkEditor>;
