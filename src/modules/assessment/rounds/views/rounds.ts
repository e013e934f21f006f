import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { day } from '../../../../ui/dates.ts';
import { choices, errorSummary, field, postForm, select, textarea } from '../../../../ui/forms.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { layout, type Crumb } from '../../../../ui/layout.ts';
import { langOf } from '../../../../ui/text.ts';
import type { CentreAccess, RoundPage } from '../../access.ts';
import { inLang, type FrameworkDocument } from '../../framework/document.ts';
import { stakeholderGroups, type StakeholderGroup } from '../../framework/format.ts';
import { crumbs, roundPath, roundsPath } from '../../paths.ts';
import type { RoundRow } from '../../repository.ts';
import { statusOf, lastDay, type RoundStatus } from '../../round.ts';
import { MAX_OWN, OWN_MAX_LENGTH } from '../schemas.ts';

// The centre's pages for rounds: the list, the form that starts one, and a round's own page with
// its links, response counts and the means to close, extend or share it.

const privatePage = (ctx: PageContext, title: string, body: Html, breadcrumbs: Crumb[]) =>
  layout(ctx, { title, body, breadcrumbs, index: false, pageType: 'assessment' });

const statusBadge = (ctx: PageContext, status: RoundStatus) => html`<span class="round-status round-${status}">${ctx.t(`round.status.${status}`)}</span>`;

function notice(ctx: PageContext, key: string | undefined): Html {
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

export interface RoundViewState {
  csrf: string;
  notice?: string;
  errors?: FieldError[];
  /** which form the errors belong to */
  form?: 'extend' | 'mail';
  values?: Record<string, string>;
  unsent: Map<string, number>;
  links: Map<StakeholderGroup, string>;
  /** the recognition section, once the round has answers */
  recognition?: Html;
}

export function roundView(ctx: PageContext, r: RoundPage, s: RoundViewState): string {
  const { t } = ctx;
  const { round, groups, version } = r.loaded;
  const status = statusOf(round);
  const open = status !== 'closed';
  const path = roundPath(ctx, r.centre.slug, round.id);
  const errors = s.errors ?? [];
  const sent = groups.reduce((n, g) => n + g.sent, 0);
  const items = r.loaded.indicators.size + r.loaded.own.length;
  const title = inLang(version.document.title, ctx);
  const body = html`${errorSummary(ctx, errors)}
    <p class="kicker">${r.centre.name}</p>
    <h1>${round.title}</h1>
    ${notice(ctx, s.notice)}
    <dl class="facts">
      <div><dt>${t('round.list.status')}</dt><dd>${statusBadge(ctx, status)}</dd></div>
      <div><dt>${t('round.field.opens')}</dt><dd>${day(ctx, round.opens_at)}</dd></div>
      <div><dt>${t('round.field.closes')}</dt><dd>${day(ctx, lastDay(round.closed_at ?? round.closes_at))}${round.closed_at ? html` <span class="meta">(${t('round.closedEarly')})</span>` : ''}</dd></div>
      <div><dt>${t('round.framework')}</dt><dd><span${langOf(title, ctx)}>${title.value}</span>, ${t('round.version', { version: version.version })}</dd></div>
      <div><dt>${t('round.items')}</dt><dd>${t('round.itemsCount', { indicators: r.loaded.indicators.size, own: r.loaded.own.length, total: items })}</dd></div>
      <div><dt>${t('round.field.minGroupSize')}</dt><dd>${ctx.format.number(round.min_group_size)}</dd></div>
    </dl>
    <p><a class="button" href="${path}/report">${t('round.report')}</a> ${sent ? '' : html`<span class="meta">${t('round.reportEmpty')}</span>`}</p>
    ${s.recognition ?? ''}

    <h2>${t('round.groups.title')}</h2>
    <p>${t('round.groups.lead', { min: round.min_group_size })}</p>
    <table class="members round-groups">
      <caption class="visually-hidden">${t('round.groups.title')}</caption>
      <thead><tr><th scope="col">${t('round.groups.group')}</th><th scope="col">${t('round.groups.sent')}</th><th scope="col">${t('round.groups.started')}</th></tr></thead>
      ${groups.map((g) => {
        const link = `${ctx.baseUrl}/${ctx.lang}/survey/${s.links.get(g.group)!}`;
        // A body per group: while the round is open its link has a row of its own across the
        // table, so the long address has the width even on a phone.
        return html`<tbody class="round-group"><tr>
          <th scope="row">${t(`assessment.groupName.${g.group}`)}</th>
          <td>${ctx.format.number(g.sent)}${g.sent < round.min_group_size ? html` <span class="meta">${t('round.groups.below', { n: round.min_group_size - g.sent })}</span>` : ''}</td>
          <td>${ctx.format.number(s.unsent.get(g.group) ?? 0)}</td>
        </tr>
        ${
          open
            ? html`<tr><td colspan="3"><a class="survey-link" href="${link}" dir="ltr">${link}</a>
              ${r.manage ? postForm(`${path}/links`, s.csrf, html`<input type="hidden" name="group" value="${g.group}"><button type="submit" class="link-button">${t('round.groups.replace')}<span class="visually-hidden"> (${t(`assessment.groupName.${g.group}`)})</span></button>`, 'inline-form') : ''}</td></tr>`
            : ''
        }</tbody>`;
      })}
    </table>
    ${open ? '' : html`<p class="meta">${t('round.groups.closed')}</p>`}
    ${
      r.manage && open
        ? html`<h2 id="mail">${t('round.mail.title')}</h2>
        <p>${t('round.mail.lead')}</p>
        ${postForm(
          `${path}/mail`,
          s.csrf,
          html`${select(ctx, { name: 'group', label: t('round.groups.group'), placeholder: t('round.mail.choose'), value: s.form === 'mail' ? (s.values?.group ?? '') : '', errors: s.form === 'mail' ? errors : [], options: groups.map((g) => ({ value: g.group, label: t(`assessment.groupName.${g.group}`) })) })}
          ${textarea(ctx, { name: 'emails', label: t('round.mail.emails'), hint: t('round.mail.emailsHint'), value: s.form === 'mail' ? (s.values?.emails ?? '') : '', maxlength: 20000, errors: s.form === 'mail' ? errors : [] })}
          <button type="submit">${t('round.mail.send')}</button>`,
        )}`
        : ''
    }
    ${
      r.manage
        ? html`<h2>${t('round.dates.title')}</h2>
        ${postForm(
          `${path}/extend`,
          s.csrf,
          html`${field(ctx, { name: 'closes', label: t('round.dates.closes'), value: s.form === 'extend' ? (s.values?.closes ?? '') : lastDay(round.closes_at), hint: t('round.field.dateHint'), errors: s.form === 'extend' ? errors : [] })}
          <button type="submit">${status === 'closed' ? t('round.dates.reopen') : t('round.dates.extend')}</button>`,
        )}
        ${status === 'closed' ? '' : postForm(`${path}/close`, s.csrf, html`<p>${t('round.close.text')}</p><button type="submit" class="secondary">${t('round.close.button')}</button>`)}
        ${sent === 0 ? postForm(`${path}/delete`, s.csrf, html`<p>${t('round.delete.text')}</p><button type="submit" class="danger">${t('round.delete.button')}</button>`) : ''}`
        : ''
    }`;
  return privatePage(ctx, round.title, body, crumbs(ctx, r));
}
