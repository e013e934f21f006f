import type { PageContext } from '../../http/context.ts';
import type { FieldError } from '../../http/forms.ts';
import { errorSummary, field, postForm } from '../../ui/components/field/field.ts';
import { html, type Html } from '../../ui/html.ts';
import { href } from '../../ui/layout.ts';
import { adminPage } from '../admin/views/pages.ts';
import { acceptAttribute, asciiFileName, formatOf } from './formats.ts';
import type { AttachmentItem, OwnerInfo, OwnerKind } from './repository.ts';
import { doneNotice } from '../../ui/components/notice/notice.ts';
import { button } from '../../ui/components/button/button.ts';
import { table } from '../../ui/components/table/table.ts';
import { fileField } from './file-field.ts';

// Attachments in pages: the public list (a resource's or a case study's page), and the back
// office's section (the list with delete buttons and the upload form) that editor pages embed.
// Every string comes from the catalogues; the section works without JavaScript.

const units = new Map<string, Intl.NumberFormat>();

/** A size in the reader's language: "820 kB", "1,4 Mo", "٢٫٥ ميغابايت". Binary multiples, as file managers show. */
export function formatSize(ctx: PageContext, bytes: number): string {
  const steps = [
    ['byte', 1],
    ['kilobyte', 1024],
    ['megabyte', 1024 ** 2],
    ['gigabyte', 1024 ** 3],
  ] as const;
  const [unit, size] = steps.findLast(([, s]) => bytes >= s) ?? steps[0];
  const key = `${ctx.lang}:${unit}`;
  let format = units.get(key);
  if (!format) {
    format = new Intl.NumberFormat(ctx.lang, {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: unit === 'byte' || unit === 'kilobyte' ? 0 : 1,
    });
    units.set(key, format);
  }
  return format.format(bytes / size);
}

/** "PDF", "Word document", … from the media type stored with the file. */
export function typeLabel(ctx: PageContext, mediaType: string): string {
  const format = formatOf(mediaType);
  return ctx.t(format ? `files.type.${format}` : 'files.type.other');
}

/** The public address of a file of a published item. The name is only for people and logs. */
export const publicFileHref = (a: Pick<AttachmentItem, 'id' | 'fileName'>): string => `/files/${a.id}/${asciiFileName(a.fileName)}`;

/** The back office's address of a file, drafts' included. */
export const editorFileHref = (ctx: PageContext, a: Pick<AttachmentItem, 'id'>): string => href(ctx, `/admin/files/${a.id}`);

/** The files of a public page, with their type and size; nothing when there are none. */
export function attachmentList(ctx: PageContext, items: AttachmentItem[], link: (a: AttachmentItem) => string = publicFileHref, headingLevel: 2 | 3 = 2): Html {
  if (items.length === 0) return html``;
  const heading = ctx.t('files.heading');
  return html`<section class="attachments" aria-labelledby="attachments-heading">
    ${headingLevel === 2 ? html`<h2 id="attachments-heading">${heading}</h2>` : html`<h3 id="attachments-heading">${heading}</h3>`}
    <ul class="link-list">${items.map(
      (a) => html`<li><a href="${link(a)}" type="${a.mediaType}">${a.title}</a>
        <span class="meta">${ctx.t('files.meta', { type: typeLabel(ctx, a.mediaType), size: formatSize(ctx, a.size) })}</span></li>`,
    )}</ul>
  </section>`;
}

/** The form's field names, as the error summary links to them. */
export const sectionFields = { title: 'attachment-title', file: 'attachment-file' } as const;

export interface SectionOptions {
  csrf: string;
  /** the owner, by the slug the back office addresses it by */
  owner: { kind: OwnerKind; key: string };
  items: AttachmentItem[];
  /** the upload limit, in bytes, for the hint */
  maxBytes: number;
  errors?: FieldError[];
  /** the title typed, when the form comes back */
  values?: { title?: string };
}

const base = (owner: SectionOptions['owner']) => `/admin/${owner.kind === 'resource' ? 'resources' : 'case-studies'}/${owner.key}/attachments`;

/**
 * The back office's files section for an editor page: the files with their type and size, a
 * download link and a delete button each, and the upload form. Its errors belong in the page's
 * error summary (the links point at this form's fields).
 */
export function attachmentsSection(ctx: PageContext, o: SectionOptions): Html {
  const { t } = ctx;
  const errors = o.errors ?? [];
  const action = href(ctx, base(o.owner));
  // Not a landmark itself: the table's scroll box is one, named by the same words.
  return html`<section class="attachments" id="attachments">
    <h2 id="attachments-heading">${t('files.heading')}</h2>
    ${
      o.items.length
        ? table({
            id: 'attachments-table',
            caption: t('files.heading'),
            captionHidden: true,
            head: [
              t('files.column.title'),
              t('files.column.type'),
              t('files.column.size'),
              html`<span class="visually-hidden">${t('files.column.actions')}</span>`,
            ],
            rowHeadings: true,
            rows: o.items.map((a) => [
              html`<a href="${editorFileHref(ctx, a)}"><bdi>${a.title}</bdi></a><br><span class="meta"><bdi>${a.fileName}</bdi></span>`,
              typeLabel(ctx, a.mediaType),
              formatSize(ctx, a.size),
              postForm(
                `${action}/${a.id}/delete`,
                o.csrf,
                button({ text: t('files.delete'), variant: 'secondary', label: t('files.deleteLabel', { title: a.title }) }),
                'inline-form',
              ),
            ]),
          })
        : html`<p>${t('files.none')}</p>`
    }
    <form class="form" action="${action}" method="post" enctype="multipart/form-data" novalidate>
      <input type="hidden" name="_csrf" value="${o.csrf}">
      <h3>${t('files.add')}</h3>
      ${field(ctx, { name: 'title', id: sectionFields.title, label: t('files.field.title'), hint: t('files.field.titleHint'), value: o.values?.title ?? '', maxlength: 200, errors })}
      ${fileField(ctx, { name: 'file', id: sectionFields.file, label: t('files.field.file'), hint: t('files.field.fileHint', { limit: formatSize(ctx, o.maxBytes) }), accept: acceptAttribute, errors })}
      ${button({ text: t('files.upload') })}
    </form>
  </section>`;
}

/** Where the section goes on a form for an item not created yet. */
export function attachmentsLater(ctx: PageContext): Html {
  return html`<section class="attachments" id="attachments" aria-labelledby="attachments-heading">
    <h2 id="attachments-heading">${ctx.t('files.heading')}</h2>
    <p class="hint">${ctx.t('files.afterCreate')}</p>
  </section>`;
}

/** A case study's files on a page of their own, besides the section on its editing page. */
export function caseStudyFilesView(ctx: PageContext, owner: OwnerInfo, section: Html, errors: FieldError[] = [], notice?: string): string {
  const { t } = ctx;
  const title = t('files.caseStudy.heading', { title: owner.title });
  const body = html`<h1>${title}</h1>
    ${doneNotice(notice && t(notice))}
    ${errorSummary(ctx, errors)}
    <p><a href="${href(ctx, `/admin/case-studies/${owner.key}`)}">${t('files.caseStudy.back')}</a></p>
    ${section}`;
  return adminPage(ctx, title, body, errors.length > 0);
}
