import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { day } from '../../../../ui/dates.ts';
import { choices, errorSummary, field, postForm } from '../../../../ui/forms.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { layout, type Crumb } from '../../../../ui/layout.ts';
import { langOf } from '../../../../ui/text.ts';
import type { CentreAccess } from '../../access.ts';
import { inLang, type FrameworkDocument } from '../../framework/document.ts';
import { stakeholderGroups } from '../../framework/format.ts';
import { crumbs, roundPath, roundsPath } from '../../paths.ts';
import type { RoundRow } from '../../repository.ts';
import { statusOf, lastDay, type RoundStatus } from '../../round.ts';
import { MAX_OWN, OWN_MAX_LENGTH } from '../schemas.ts';

// The centre's pages for rounds: the list and the form that starts one (a round's own page is
// round.ts).

export const privatePage = (ctx: PageContext, title: string, body: Html, breadcrumbs: Crumb[]) =>
  layout(ctx, { title, body, breadcrumbs, index: false, pageType: 'assessment' });

export const statusBadge = (ctx: PageContext, status: RoundStatus) =>
  html`<span class="round-status round-${status}">${ctx.t(`round.status.${status}`)}</span>`;

export function notice(ctx: PageContext, key: string | undefined): Html {
  return key ? html`<p class="notice" role="status">${ctx.t(key)}</p>` : html``;
}

export function roundsView(ctx: PageContext, c: CentreAccess, rounds: (RoundRow & { sent: number })[], csrf: string, noticeKey?: string): string {
  const { t } = ctx;
  const slug = c.centre.slug;
  const body = html`<p class="kicker">${c.centre.name}</p>
    <h1>${t('round.list.title')}</h1>
    ${notice(ctx, noticeKey)}
    <p class="lead">${t('round.list.lead')}</p>
    <p><a href="/${ctx.lang}/self-assessment/framework">${t('round.list.framework')}</a></p>
    ${c.manage ? html`<p><a class="button" href="${roundsPath(ctx, slug)}/new">${t('round.list.new')}</a></p>` : ''}
    ${
      rounds.length
        ? html`<table class="members">
          <caption class="visually-hidden">${t('round.list.title')}</caption>
          <thead><tr><th scope="col">${t('round.field.title')}</th><th scope="col">${t('round.list.status')}</th><th scope="col">${t('round.list.dates')}</th><th scope="col">${t('round.list.sent')}</th></tr></thead>
          <tbody>${rounds.map(
            (r) => html`<tr>
              <th scope="row"><a href="${roundPath(ctx, slug, r.id)}">${r.title}</a></th>
              <td>${statusBadge(ctx, statusOf(r))}</td>
              <td>${t('round.list.range', { from: day(ctx, r.opens_at), to: day(ctx, lastDay(r.closed_at ?? r.closes_at)) })}</td>
              <td>${ctx.format.number(r.sent)}</td>
            </tr>`,
          )}</tbody>
        </table>`
        : html`<p class="empty-state">${t('round.list.none')}</p>`
    }
    ${
      c.manage
        ? html`<h2>${t('round.benchmark.title')}</h2>
        ${postForm(
          `${roundsPath(ctx, slug)}/benchmark`,
          csrf,
          html`<p>${t('round.benchmark.lead')}</p>
            <div class="checkbox-field">
              <input type="checkbox" name="count" value="yes" id="field-count"${Number(c.centre.benchmark_opt_out) ? '' : html` checked`}>
              <label for="field-count">${t('round.benchmark.count')}</label>
            </div>
            <button type="submit" class="secondary">${t('round.benchmark.save')}</button>`,
        )}`
        : ''
    }`;
  return privatePage(ctx, t('round.list.title'), body, crumbs(ctx, c).slice(0, 2));
}

export interface RoundFormValues {
  title: string;
  indicators: string[];
  groups: string[];
  /** groups that answer by personal invitation */
  invited: string[];
  opens: string;
  closes: string;
  minGroupSize: string;
  own: string[];
}

export function roundFormValues(body: Record<string, unknown>): RoundFormValues {
  const str = (k: string) => (typeof body[k] === 'string' ? body[k] : '');
  const arr = (k: string) =>
    Array.isArray(body[k]) ? (body[k] as unknown[]).filter((v): v is string => typeof v === 'string') : typeof body[k] === 'string' ? [body[k]] : [];
  return {
    title: str('title'),
    indicators: arr('indicators'),
    groups: arr('groups'),
    invited: arr('invited'),
    opens: str('opens'),
    closes: str('closes'),
    minGroupSize: str('minGroupSize'),
    own: Array.from({ length: MAX_OWN }, (_, i) => str(`own${i + 1}`)),
  };
}

export function newRoundView(
  ctx: PageContext,
  c: CentreAccess,
  framework: { document: FrameworkDocument; version: number },
  csrf: string,
  values: RoundFormValues,
  errors: FieldError[] = [],
): string {
  const { t } = ctx;
  const doc = framework.document;
  const chosen = new Set(values.indicators);
  const indicatorError = errors.find((e) => e.field === 'indicators');
  const form = postForm(
    roundsPath(ctx, c.centre.slug),
    csrf,
    html`${field(ctx, { name: 'title', label: t('round.field.title'), value: values.title, errors, maxlength: 120 })}
      <div class="field-row">
        ${field(ctx, { name: 'opens', label: t('round.field.opens'), value: values.opens, errors, hint: t('round.field.dateHint') })}
        ${field(ctx, { name: 'closes', label: t('round.field.closes'), value: values.closes, errors, hint: t('round.field.dateHint') })}
      </div>
      ${choices(ctx, {
        name: 'groups',
        legend: t('round.field.groups'),
        hint: t('round.field.groupsHint'),
        kind: 'checkbox',
        values: values.groups,
        errors,
        options: stakeholderGroups.map((g) => ({ value: g, label: t(`assessment.groupName.${g}`) })),
      })}
      ${choices(ctx, {
        name: 'invited',
        legend: t('round.field.invited'),
        hint: t('round.field.invitedHint'),
        kind: 'checkbox',
        values: values.invited,
        errors,
        options: stakeholderGroups.map((g) => ({ value: g, label: t(`assessment.groupName.${g}`) })),
      })}
      ${field(ctx, { name: 'minGroupSize', label: t('round.field.minGroupSize'), value: values.minGroupSize, errors, hint: t('round.field.minGroupSizeHint'), maxlength: 2 })}
      <fieldset class="field${indicatorError ? ' field-error' : ''} indicator-picker" id="field-indicators" aria-describedby="field-indicators-hint${indicatorError ? ' field-indicators-error' : ''}">
        <legend>${t('round.field.indicators')}</legend>
        <p class="hint" id="field-indicators-hint">${t('round.field.indicatorsHint', { version: framework.version })}</p>
        ${indicatorError ? html`<p class="error-message" id="field-indicators-error"><span class="visually-hidden">${t('form.errorPrefix')}</span> ${t(indicatorError.key, indicatorError.values)}</p>` : ''}
        ${doc.dimensions.map((d) => {
          const dt = inLang(d.title, ctx);
          return html`<h2 class="picker-dimension"${langOf(dt, ctx)}>${dt.value}</h2>
            ${d.criteria.map((cr) => {
              const ct = inLang(cr.title, ctx);
              return html`<details class="picker-criterion"${cr.indicators.some((i) => chosen.has(i.id)) ? html` open` : ''}>
                <summary><span${langOf(ct, ctx)}>${ct.value}</span> <span class="meta">${t('round.field.chosen', { n: cr.indicators.filter((i) => chosen.has(i.id)).length, total: cr.indicators.length })}</span></summary>
                <ul class="checkboxes">
                  ${cr.indicators.map((i) => {
                    const st = inLang(i.statement, ctx);
                    return html`<li>
                      <input type="checkbox" name="indicators" value="${i.id}" id="ind-${i.id}"${chosen.has(i.id) ? html` checked` : ''}>
                      <label for="ind-${i.id}"><span${langOf(st, ctx)}>${st.value}</span>${i.core ? html` <span class="badge">${t('assessment.core')}</span>` : ''}
                        <span class="meta">${t('assessment.askedOf', { groups: new Intl.ListFormat(ctx.lang, { type: 'conjunction' }).format(i.groups.map((g) => t(`assessment.group.${g}`))) })}</span></label>
                    </li>`;
                  })}
                </ul>
              </details>`;
            })}`;
        })}
      </fieldset>
      <fieldset class="field">
        <legend>${t('round.field.own')}</legend>
        <p class="hint">${t('round.field.ownHint', { max: MAX_OWN })}</p>
        ${values.own.map((v, i) => field(ctx, { name: `own${i + 1}`, label: t('round.field.ownN', { n: i + 1 }), value: v, errors, maxlength: OWN_MAX_LENGTH }))}
      </fieldset>
      <button type="submit">${t('round.new.submit')}</button>`,
    'form round-form',
  );
  const body = html`${errorSummary(ctx, errors)}
    <p class="kicker">${c.centre.name}</p>
    <h1>${t('round.new.title')}</h1>
    <p class="lead">${t('round.new.lead')}</p>
    ${form}`;
  return privatePage(ctx, t('round.new.title'), body, crumbs(ctx, c));
}
