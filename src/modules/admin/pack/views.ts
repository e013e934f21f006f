import type { ImportResult } from '../../../content/import.ts';
import { ZIP_LIMITS } from '../../../content/export.ts';
import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { errorSummary } from '../../../ui/components/field/field.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href } from '../../../ui/layout.ts';
import { adminPage } from '../views/pages.ts';
import { MAX_UPLOAD_BYTES } from './service.ts';

// The content-pack page: what the format is, the download, the import form and what an import did.

/** A count, with the items' keys behind a disclosure when there are any. */
function listed(ctx: PageContext, key: string, keys: string[]): Html {
  const summary = ctx.t(key, { count: keys.length });
  if (!keys.length) return html`<li>${summary}</li>`;
  return html`<li><details><summary>${summary}</summary><ul>${keys.map((k) => html`<li><code>${k}</code></li>`)}</ul></details></li>`;
}

function resultView(ctx: PageContext, r: ImportResult): Html {
  const { t } = ctx;
  return html`<section class="notice" role="status" aria-labelledby="result-heading">
    <h2 id="result-heading">${t('admin.pack.result.heading')}</h2>
    <ul>
      ${listed(ctx, 'admin.pack.result.created', r.created)}
      ${listed(ctx, 'admin.pack.result.updated', r.updated)}
      <li>${t('admin.pack.result.unchanged', { count: r.unchanged })}</li>
      ${listed(ctx, 'admin.pack.result.kept', r.kept)}
      ${r.vocabularies ? html`<li>${t('admin.pack.result.vocabularies')}</li>` : ''}
    </ul>
  </section>`;
}

export function packView(ctx: PageContext, o: { csrf: string; errors?: FieldError[]; result?: ImportResult }): string {
  const { t } = ctx;
  const errors = o.errors ?? [];
  const error = errors.find((e) => e.field === 'pack');
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
    <p><a class="button" href="${href(ctx, '/admin/content-pack/export.zip')}" download>${t('admin.pack.export.link')}</a></p>
    <h2>${t('admin.pack.import.heading')}</h2>
    <p>${t('admin.pack.import.intro')}</p>
    <form class="form" action="${href(ctx, '/admin/content-pack/import')}" method="post" enctype="multipart/form-data" novalidate>
      <input type="hidden" name="_csrf" value="${o.csrf}">
      <div class="field${error ? ' field-error' : ''}">
        <label for="field-pack">${t('admin.pack.import.file')}</label>
        <p class="hint" id="field-pack-hint">${t('admin.pack.import.hint', { mb, files: ZIP_LIMITS.entries, unpacked: ZIP_LIMITS.bytes / 1024 / 1024 })}</p>
        ${error ? html`<p class="error-message" id="field-pack-error"><span class="visually-hidden">${t('form.errorPrefix')}</span> ${t(error.key, error.values)}</p>` : ''}
        <input id="field-pack" name="pack" type="file" accept=".zip,application/zip" aria-describedby="field-pack-hint${error ? ' field-pack-error' : ''}"${error ? html` aria-invalid="true"` : ''}>
      </div>
      <button type="submit">${t('admin.pack.import.button')}</button>
    </form>`;
  return adminPage(ctx, t('admin.pack.heading'), body, errors.length > 0, { href: href(ctx, '/admin/content-pack'), label: t('admin.pack.heading') });
}
