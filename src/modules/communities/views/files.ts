import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { choiceList } from '../../../ui/components/choice-list/choice-list.ts';
import { errorMessage } from '../../../ui/components/field/field.ts';
import { pagination } from '../../../ui/components/pagination/pagination.ts';
import { day } from '../../../ui/dates.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { langOf } from '../../../ui/text.ts';
import { acceptAttribute, asciiFileName } from '../../files/formats.ts';
import { formatSize, typeLabel } from '../../files/views.ts';
import { FILES_PER_PAGE, MAX_FILES_PER_POST, type PostFile } from '../attachments.ts';
import type { ListedFile } from '../repository/files.ts';
import type { Community } from '../service.ts';

// Files in communities: the field of a post's form (the files kept from an earlier try, each with
// a box to keep it, and the file input that takes several), the list under a post, and the
// community's page of files. Downloads go through the community, which checks who may read.

/** The field every file problem of a post's form points to. */
export const FILES_FIELD = 'files';

/** A file's address in its community; the name is for people and logs. */
export const postFileHref = (ctx: PageContext, slug: string, f: Pick<PostFile, 'id' | 'fileName'>): string =>
  href(ctx, `/communities/${slug}/files/${f.id}/${asciiFileName(f.fileName)}`);

const meta = (ctx: PageContext, f: PostFile) => ctx.t('files.meta', { type: typeLabel(ctx, f.mediaType), size: formatSize(ctx, f.size) });

/** The files field of a post's form: kept files to keep or let go, and more to choose. */
export function filesField(ctx: PageContext, o: { kept: PostFile[]; errors: FieldError[]; maxBytes: number }): Html {
  const { t } = ctx;
  const id = `field-${FILES_FIELD}`;
  const problems = o.errors.filter((e) => e.field === FILES_FIELD);
  const described = [`${id}-hint`, ...problems.map((_, i) => `${id}-error-${i}`)].join(' ');
  const kept = o.kept.length
    ? choiceList(ctx, {
        kind: 'checkbox',
        name: 'keep',
        id: 'keep',
        legend: t('community.files.kept'),
        hint: t('community.files.keptHint'),
        values: o.kept.map((f) => String(f.id)),
        options: o.kept.map((f) => ({ value: String(f.id), label: html`<bdi>${f.fileName}</bdi> <span class="meta">(${meta(ctx, f)})</span>` })),
      })
    : html``;
  return html`${kept}<div class="${problems.length ? 'field field-error' : 'field'}">
    <label for="${id}">${t('community.files.label')}</label>
    <p class="hint" id="${id}-hint">${t('community.files.hint', { max: MAX_FILES_PER_POST, limit: formatSize(ctx, o.maxBytes) })}</p>
    ${problems.map((e, i) => errorMessage(ctx, `${id}-error-${i}`, t(e.key, e.values)))}
    <input id="${id}" name="${FILES_FIELD}" type="file" multiple accept="${acceptAttribute}" aria-describedby="${described}"${problems.length ? html` aria-invalid="true"` : ''}>
  </div>`;
}

/** The files under a post, with their type and size; nothing when there are none. */
export function postFiles(ctx: PageContext, slug: string, files: readonly PostFile[]): Html {
  if (files.length === 0) return html``;
  return html`<ul class="link-list post-files" aria-label="${ctx.t('community.files.ofPost')}">${files.map(
    (f) => html`<li><a href="${postFileHref(ctx, slug, f)}" type="${f.mediaType}"><bdi>${f.fileName}</bdi></a> <span class="meta">${meta(ctx, f)}</span></li>`,
  )}</ul>`;
}

/** A community's files: what its shown posts carry, the newest first, each with who shared it, when and where. */
export function communityFilesView(ctx: PageContext, c: Community, page: number, result: { rows: ListedFile[]; total: number }): string {
  const { t } = ctx;
  const base = `/communities/${c.slug}`;
  const pages = Math.max(1, Math.ceil(result.total / FILES_PER_PAGE));
  const body = html`<p class="kicker"><a href="${href(ctx, base)}"${langOf(c.name, ctx)}>${c.name.value}</a></p>
    <h1>${t('community.files.heading')}</h1>
    ${
      result.rows.length
        ? html`<p class="result-count">${t('community.files.count', { count: result.total })}</p>
          <ul class="file-list">${result.rows.map(
            (f) => html`<li>
              <a href="${postFileHref(ctx, c.slug, f)}" type="${f.mediaType}"><bdi>${f.fileName}</bdi></a> <span class="meta">${meta(ctx, f)}</span>
              <p class="meta">${t('community.files.sharedIn', {
                who: f.author ?? t('community.formerMember'),
                when: day(ctx, f.createdAt),
              })} <a href="${href(ctx, `${base}/topics/${f.topicId}`)}" dir="auto">${f.topic}</a></p>
            </li>`,
          )}</ul>
          ${pagination(ctx, { label: t('pagination.label'), current: page, pages, href: (n) => href(ctx, `${base}/files${n > 1 ? `?page=${n}` : ''}`) })}`
        : html`<p>${t('community.files.none')}</p>`
    }`;
  return layout(ctx, { title: `${t('community.files.heading')}: ${c.name.value}`, body, pageType: 'community-files', index: false });
}
