import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { languages } from '../i18n/languages.ts';

// The starter-content format: Markdown files with YAML front matter under content/, one file per
// item and language (`<name>.<lang>.md`). English files carry every field; translation files only
// the translatable ones; an English file may say `draft: true`. The same format serves import and
// export (content/export.ts writes it).

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens');
const text = z.string().trim().min(1);
const optionalText = z.string().trim().min(1).optional();
const url = z.url({ protocol: /^https?$/ }).optional();
const year = z.number().int().min(1950).max(2100).optional();
const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as GR');
const language = z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code such as en');

export const lang = z.enum(languages);

/** `draft: true` keeps an item off the public pages; left out, the item is published. */
const draft = z.literal(true, { error: 'must be true, or left out to publish the item' }).optional();

export const packageFile = z.object({
  draft,
  number: z.number().int().min(1),
  slug,
  level: z.enum(['beginner', 'advanced']),
  title: text,
  subtitle: optionalText,
  // A new package has no checklist until it has stations for the points to name.
  checklist: z.array(z.object({ id: slug, text, stations: z.array(z.number().int().min(1)).min(1), why: optionalText })).default([]),
});
export const packageTranslation = z.object({
  title: optionalText,
  subtitle: optionalText,
  checklist: z.array(z.object({ id: slug, text: optionalText, why: optionalText })).optional(),
});

const actionGroup = z.object({ title: text, actions: z.array(text).min(1) });
export const stationFile = z.object({
  draft,
  package: z.number().int().min(1),
  position: z.number().int().min(1),
  slug,
  title: text,
  lead: optionalText,
  offer: optionalText,
  challenges: z.array(text).default([]),
  actionGroups: z.array(actionGroup).default([]),
});
export const stationTranslation = z.object({
  title: optionalText,
  lead: optionalText,
  offer: optionalText,
  challenges: z.array(text).optional(),
  actionGroups: z.array(actionGroup).optional(),
});

/**
 * Why a resource has no link (its `noLink`): `unconfirmed`, no public address for it could be
 * confirmed from a public source. The resource page says so, names the publisher (`source`) and,
 * with `ask`, links to the publisher's own site to ask there. Addresses are never guessed.
 */
export const noLinkReasons = ['unconfirmed'] as const;

export const resourceFile = z
  .object({
    draft,
    slug,
    title: text,
    type: slug,
    source: text,
    link: url,
    noLink: z.enum(noLinkReasons).optional(),
    ask: url,
    themes: z.array(slug).default([]),
    sectors: z.array(slug).default([]),
    countries: z.array(country).default([]),
    languages: z.array(language).default(['en']),
    year,
    stations: z.array(z.string().regex(/^package-\d+-station-\d+$/, 'must name a station file such as package-2-station-1')).default([]),
    packages: z.array(z.number().int().min(1)).default([]),
  })
  .superRefine((r, ctx) => {
    if (r.link && r.noLink) ctx.addIssue({ code: 'custom', path: ['noLink'], message: 'a resource with a link needs no noLink' });
    if (r.ask && !r.noLink) ctx.addIssue({ code: 'custom', path: ['ask'], message: 'ask goes with noLink: where to ask when there is no link' });
  });
export const resourceTranslation = z.object({ title: optionalText });

export const caseStudyFile = z.object({
  draft,
  slug,
  package: z.number().int().min(1),
  centre: text,
  country,
  sector: slug.optional(),
  title: text,
  lead: optionalText,
  takeaways: z.array(text).default([]),
  quote: z.object({ text, speaker: text }).optional(),
  link: url,
  year,
});
export const caseStudyTranslation = z.object({
  centre: optionalText,
  title: optionalText,
  lead: optionalText,
  takeaways: z.array(text).optional(),
  quote: z.object({ text, speaker: text }).optional(),
});

export const spotlightFile = z.object({
  draft,
  slug,
  position: z.number().int().min(1),
  title: text,
  linkText: optionalText,
  link: url,
});
export const spotlightTranslation = z.object({ title: optionalText, linkText: optionalText });

export const pageFile = z.object({ draft, slug, title: text, lead: optionalText });
export const pageTranslation = z.object({ title: optionalText, lead: optionalText });

const labels = z.object({ en: text }).catchall(text);
export const vocabulariesFile = z.object({
  types: z.record(slug, labels),
  themes: z.record(slug, labels),
  sectors: z.record(slug, labels),
});

export interface ParsedFile {
  data: unknown;
  body: string;
}

/** Splits `---\nYAML\n---\nMarkdown` and parses the YAML. */
export function parseFrontMatter(source: string): ParsedFile {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) throw new Error('must start with a front matter block between --- lines');
  return { data: parseYaml(match[1]!) ?? {}, body: match[2]!.trim() };
}
