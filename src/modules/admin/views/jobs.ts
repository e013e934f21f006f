import type { PageContext } from '../../../http/context.ts';
import { catalogues } from '../../../i18n/messages.ts';
import type { JobCount, JobProblemView } from '../../../platform/jobs/queue.ts';
import { postForm } from '../../../ui/components/field/field.ts';
import { html } from '../../../ui/html.ts';
import { href } from '../../../ui/layout.ts';
import { adminPage } from './pages.ts';
import { doneNotice } from '../../../ui/components/notice/notice.ts';
import { button } from '../../../ui/components/button/button.ts';
import { table } from '../../../ui/components/table/table.ts';
import { tag } from '../../../ui/components/tag/tag.ts';
import { card } from '../../../ui/components/card/card.ts';

// /{lang}/admin/jobs: mail and the other background jobs, for administrators: how many wait and
// run per kind, and each job that failed, with its error and attempts; one that ran out of
// attempts can be tried again.

const when = (ctx: PageContext, d: Date) => new Intl.DateTimeFormat(ctx.lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d);

/** A kind of job in the reader's language; one a newer feature added without a label shows its name. */
const kindOf = (ctx: PageContext, name: string) => (catalogues.en[`admin.jobs.kind.${name}`] ? ctx.t(`admin.jobs.kind.${name}`) : name);

export function jobsView(ctx: PageContext, csrf: string, counts: JobCount[], problems: JobProblemView[], notice?: string): string {
  const { t } = ctx;
  const kinds = [...new Set(counts.map((c) => c.name))].sort();
  const count = (name: string, state: JobCount['state']) => counts.find((c) => c.name === name && c.state === state)?.count ?? 0;
  const body = html`<h1>${t('admin.jobs.heading')}</h1>
    ${doneNotice(notice && t(notice))}
    <p class="lead">${t('admin.jobs.intro')}</p>
    <h2>${t('admin.jobs.queueHeading')}</h2>
    ${
      kinds.length
        ? table({
            id: 'job-counts',
            caption: t('admin.jobs.queueHeading'),
            captionHidden: true,
            head: [
              t('admin.jobs.kind'),
              t('admin.jobs.state.created'),
              t('admin.jobs.state.active'),
              t('admin.jobs.state.retry'),
              t('admin.jobs.state.failed'),
            ],
            rowHeadings: true,
            numeric: [1, 2, 3, 4],
            rows: kinds.map((k) => [
              kindOf(ctx, k),
              ctx.format.number(count(k, 'created')),
              ctx.format.number(count(k, 'active')),
              ctx.format.number(count(k, 'retry')),
              ctx.format.number(count(k, 'failed')),
            ]),
          })
        : html`<p>${t('admin.jobs.idle')}</p>`
    }
    <h2>${t('admin.jobs.problemsHeading')}</h2>
    ${
      problems.length
        ? html`<div class="grid">${problems.map((p) =>
            card({
              id: `job-${p.id}`,
              headingLevel: 3,
              heading: html`${kindOf(ctx, p.name)} ${tag(t(`admin.jobs.state.${p.state}`), p.state === 'failed' ? 'error' : 'warning')}`,
              body: html`${p.summary ? html`<p class="breakable"><bdi>${p.summary}</bdi></p>` : ''}
            <dl class="facts">
              <div><dt>${t('admin.jobs.error')}</dt><dd>${p.error === null ? t('admin.jobs.noError') : html`<bdi>${p.error}</bdi>`}</dd></div>
              <div><dt>${t('admin.jobs.attempts')}</dt><dd>${t('admin.jobs.attemptsOf', { made: p.attempts, allowed: p.maxAttempts })}</dd></div>
              <div><dt>${t('admin.jobs.created')}</dt><dd>${when(ctx, p.createdAt)}</dd></div>
              ${p.nextAttemptAt ? html`<div><dt>${t('admin.jobs.next')}</dt><dd>${when(ctx, p.nextAttemptAt)}</dd></div>` : ''}
              ${p.failedAt ? html`<div><dt>${t('admin.jobs.failedAt')}</dt><dd>${when(ctx, p.failedAt)}</dd></div>` : ''}
            </dl>`,
              actions:
                p.state === 'failed'
                  ? postForm(
                      href(ctx, `/admin/jobs/${encodeURIComponent(p.name)}/${encodeURIComponent(p.id)}/retry`),
                      csrf,
                      button({ text: t('admin.jobs.retry') }),
                      'inline-form',
                    )
                  : undefined,
            }),
          )}</div>`
        : html`<p>${t('admin.jobs.noProblems')}</p>`
    }`;
  return adminPage(ctx, t('admin.jobs.heading'), body);
}
