import type { PageContext } from './context.ts';
import type { Problem } from './errors.ts';
import { html } from '../ui/html.ts';
import { href, layout } from '../ui/layout.ts';

function problemText(ctx: PageContext, p: Problem): string {
  const { t } = ctx;
  switch (p.code) {
    case 'too_big':
      return t('error.problem.tooBig', { field: p.field, limit: p.limit ?? 0 });
    case 'too_small':
      return t('error.problem.tooSmall', { field: p.field, limit: p.limit ?? 0 });
    case 'too_long':
      return t('error.problem.tooLong', { field: p.field, limit: p.limit ?? 0 });
    case 'not_one_of':
      return t('error.problem.notOneOf', { field: p.field, options: (p.options ?? []).join(', ') });
    default:
      return t('error.problem.invalid', { field: p.field });
  }
}

export function errorView(ctx: PageContext, status: 400 | 403 | 404 | 500 | 503, requestId: string, problems: Problem[] = [], forbidden = false): string {
  const { t } = ctx;
  // 403 has two causes: a form that failed its CSRF check, or a person without access.
  const key = forbidden ? 'error.access' : `error.${status}`;
  const body = html`<h1>${t(`${key}.title`)}</h1>
    <p class="lead">${t(`${key}.text`)}</p>
    ${
      problems.length
        ? html`<div class="error-summary" role="alert"><h2 class="error-summary-title">${t('error.problems')}</h2>
          <ul>${problems.map((p) => html`<li>${problemText(ctx, p)}</li>`)}</ul></div>`
        : ''
    }
    <h2>${t('error.whatNext')}</h2>
    <ul>
      <li><a href="${href(ctx, '/')}">${t('error.goHome')}</a></li>
      <li><a href="${href(ctx, '/library')}">${t('error.goLibrary')}</a></li>
      <li><a href="${href(ctx, '/search')}">${t('error.goSearch')}</a></li>
    </ul>
    ${status >= 500 ? html`<p class="meta">${t('error.reference', { id: requestId })}</p>` : ''}`;
  return layout(ctx, { title: t(`${key}.title`), body, index: false, pageType: 'error' });
}
