import type { z } from 'zod';
import * as f from '../../../content/format.ts';
import type { Kind } from '../../../content/pack.ts';
import { languages, translationLangs } from '../../../i18n/languages.ts';

// Every kind of content the back office edits, each described once: its address, its translated
// fields, whether editors create and delete it, whether it has files, the pack schemas that check
// it and the words its pages use. form.ts maps an item (the content-pack format) to the form and
// back; the same routes, service and views serve every kind.

export type EditableKind = Kind;
export type FormValues = Record<string, string | string[]>;
export type Control = 'text' | 'textarea' | 'markdown' | 'lines' | 'groups';

export interface TextField {
  name: string;
  control: Control;
  max: number;
  /** required in English */
  required?: boolean;
  /** the item's long text (the Markdown body of its file) rather than a field of its front matter */
  body?: boolean;
}

/** Message keys of a kind's pages. */
export interface Words {
  heading: string;
  new: string;
  isPublished: string;
  isDraft: string;
  startsDraft: string;
  texts: string;
  revisionsBack: string;
  /** the notices after a change are `${notices}.created`, `.saved` and so on */
  notices: string;
}

export interface KindSpec {
  kind: EditableKind;
  /** the URL segment under /admin */
  path: string;
  /** translated fields, shown in three columns */
  texts: TextField[];
  /** editors may create and delete items of this kind (pages are fixed: the site's routes name them) */
  creatable: boolean;
  /** items of this kind have files (files module), shown on their editing page */
  attachments: boolean;
  file: z.ZodType;
  translation: z.ZodType;
  words: Words;
  /** how the audit log names changes: resources keep the names they had before there was one editor */
  audit: 'resource' | 'content';
  /** resources were once edited at /admin/resources/{number}: those addresses redirect to the slug's */
  numbered?: boolean;
}

const title: TextField = { name: 'title', control: 'text', max: 300, required: true };
const lead: TextField = { name: 'lead', control: 'textarea', max: 600 };
const body = (max: number): TextField => ({ name: 'body', control: 'markdown', max, body: true });

const contentWords = (kind: EditableKind): Words => ({
  heading: `admin.content.kind.${kind}`,
  new: `admin.content.new.${kind}`,
  isPublished: 'admin.content.isPublished',
  isDraft: 'admin.content.isDraft',
  startsDraft: 'admin.content.startsDraft',
  texts: 'admin.content.texts',
  revisionsBack: 'admin.content.revisionsBack',
  notices: 'admin.content.notice',
});
const content = (kind: EditableKind) => ({ words: contentWords(kind), audit: 'content' as const });

export const specs: Record<EditableKind, KindSpec> = {
  package: {
    kind: 'package',
    path: 'packages',
    texts: [title, { name: 'subtitle', control: 'textarea', max: 600 }, body(20000)],
    creatable: true,
    attachments: false,
    file: f.packageFile,
    translation: f.packageTranslation,
    ...content('package'),
  },
  station: {
    kind: 'station',
    path: 'stations',
    texts: [title, lead, { name: 'offer', control: 'textarea', max: 1000 }, body(20000), { name: 'challenges', control: 'lines', max: 5000 }, { name: 'actionGroups', control: 'groups', max: 20000 }],
    creatable: true,
    attachments: false,
    file: f.stationFile,
    translation: f.stationTranslation,
    ...content('station'),
  },
  resource: {
    kind: 'resource',
    path: 'resources',
    texts: [title, { name: 'description', control: 'markdown', max: 5000, required: true, body: true }],
    creatable: true,
    attachments: true,
    file: f.resourceFile,
    translation: f.resourceTranslation,
    words: {
      heading: 'admin.resources.heading',
      new: 'admin.resources.new',
      isPublished: 'admin.resource.isPublished',
      isDraft: 'admin.resource.isDraft',
      startsDraft: 'admin.resource.startsDraft',
      texts: 'admin.resource.texts',
      revisionsBack: 'admin.revisions.back',
      notices: 'admin.resource.notice',
    },
    audit: 'resource',
    numbered: true,
  },
  'case-study': {
    kind: 'case-study',
    path: 'case-studies',
    texts: [
      { name: 'centre', control: 'text', max: 200, required: true },
      title,
      lead,
      { name: 'takeaways', control: 'lines', max: 3000 },
      { name: 'quoteText', control: 'textarea', max: 1000 },
      { name: 'quoteSpeaker', control: 'text', max: 200 },
      body(20000),
    ],
    creatable: true,
    attachments: true,
    file: f.caseStudyFile,
    translation: f.caseStudyTranslation,
    ...content('case-study'),
  },
  spotlight: {
    kind: 'spotlight',
    path: 'spotlight',
    texts: [title, { name: 'linkText', control: 'text', max: 200 }, body(5000)],
    creatable: true,
    attachments: false,
    file: f.spotlightFile,
    translation: f.spotlightTranslation,
    ...content('spotlight'),
  },
  page: { kind: 'page', path: 'pages', texts: [title, lead, body(20000)], creatable: false, attachments: false, file: f.pageFile, translation: f.pageTranslation, ...content('page') },
};

export const TRANSLATIONS = translationLangs;
export const LANGS = languages;

/** A resource's station as the form and the e-library name it ("2-1") and as the pack does ("package-2-station-1"). */
export const stationKey = {
  toForm: (key: string) => key.replace(/^package-(\d+)-station-(\d+)$/, '$1-$2'),
  fromForm: (key: string) => key.replace(/^(\d+)-(\d+)$/, 'package-$1-station-$2'),
};
