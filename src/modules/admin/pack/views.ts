import type { ImportResult } from '../../../content/import.ts';
import { ZIP_LIMITS } from '../../../content/export.ts';
import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { errorSummary } from '../../../ui/components/field/field.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href } from '../../../ui/layout.ts';
import { adminPage } from '../views/pages.ts';
import { MAX_UPLOAD_BYTES } from './service.ts';
import { button, linkButton } from '../../../ui/components/button/button.ts';
import { notice } from '../../../ui/components/notice/notice.ts';
import { fileField } from '../../files/file-field.ts';

// The content-pack page: what the format is, the download, the import form and what an import did.

/** A count, with the items' keys behind a disclosure when there are any. */
function listed(ctx: PageContext, key: string, keys: string[]): Html {
  const summary = ctx.t(key, { count: keys.length });
  if (!keys.length) return html`<li>${summary}</li>`;
  return html`<li><details><summary>${summary}</summary><ul>${keys.map((k) => html`<li><code>${k}</code></li>`)}</ul></details></li>`;
}

function resultView(ctx: PageContext, r: ImportResult): Html {
  const { t } = ctx;
  return notice(
    html`<ul>
      ${listed(ctx, 'admin.pack.result.created', r.created)}
      ${listed(ctx, 'admin.pack.result.updated', r.updated)}
      <li>${t('admin.pack.result.unchanged', { count: r.unchanged })}</li>
      ${listed(ctx, 'admin.pack.result.kept', r.kept)}
      ${r.vocabularies ? html`<li>${t('admin.pack.result.vocabularies')}</li>` : ''}
    </ul>`,
    { tone: 'success', heading: t('admin.pack.result.heading') },
  );
}

export function packView(ctx: PageContext, o: { csrf: string; errors?: FieldError[]; result?: ImportResult }): string {
  const { t } = ctx;
  const errors = o.errors ?? [];
  const mb = MAX_UPLOAD_BYTES / 1024 / 1024;
  const body = html`<h1>${t('admin.pack.heading')}</h1>
    ${errorSummary(ctx, errors)}
    ${o.result ? resultView(ctx, o.result) : ''}
    <p class="lead">${t('admin.pack.intro')}</p>
    <h2>${t('admin.pack.format.heading')}</h2>
    <ul>
      <li>${t('admin.pack.format.files')}</li>
      <li>${t('admin.pack.format.fields')}</li>
      <li>${t('admin.pack.format.vocabularies')}</li>
    </ul>
    <h2>${t('admin.pack.export.heading')}</h2>
    <p>${t('admin.pack.export.intro')}</p>
    <p>${linkButton({ href: href(ctx, '/admin/content-pack/export.zip'), text: t('admin.pack.export.link'), download: true })}</p>
    <h2>${t('admin.pack.import.heading')}</h2>
    <p>${t('admin.pack.import.intro')}</p>
    <form class="form" action="${href(ctx, '/admin/content-pack/import')}" method="post" enctype="multipart/form-data" novalidate>
      <input type="hidden" name="_csrf" value="${o.csrf}">
      ${fileField(ctx, {
        name: 'pack',
        label: t('admin.pack.import.file'),
        hint: t('admin.pack.import.hint', { mb, files: ZIP_LIMITS.entries, unpacked: ZIP_LIMITS.bytes / 1024 / 1024 }),
        accept: '.zip,application/zip',
        errors,
      })}
      ${button({ text: t('admin.pack.import.button') })}
    </form>`;
  return adminPage(ctx, t('admin.pack.heading'), body, errors.length > 0, { href: href(ctx, '/admin/content-pack'), label: t('admin.pack.heading') });
}
