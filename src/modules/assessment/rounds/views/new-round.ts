import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { catalogues } from '../../../../i18n/messages.ts';
import { errorSummary, field, postForm } from '../../../../ui/components/field/field.ts';
import { choiceList } from '../../../../ui/components/choice-list/choice-list.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { langOf } from '../../../../ui/text.ts';
import type { CentreAccess } from '../../access.ts';
import { indicatorsOf, inLang, type FrameworkDocument } from '../../framework/document.ts';
import { stakeholderGroups, type StakeholderGroup } from '../../framework/format.ts';
import { crumbs, roundsPath } from '../../paths.ts';
import { MIN_THRESHOLD } from '../../report/anonymity.ts';
import { answeringMinutes, SECONDS_PER_PAGE, SECONDS_PER_STATEMENT } from '../../timing.ts';
import { certificateGap, groupEstimate, presetIndicators, presets, type Preset } from '../presets.ts';
import { MAX_OWN, MAX_TARGET, OWN_MAX_LENGTH, targetName } from '../schemas.ts';
import { privatePage } from './rounds.ts';
import { choice } from '../../../../ui/components/choice-list/choice-list.ts';
import { tag } from '../../../../ui/components/tag/tag.ts';
import { button } from '../../../../ui/components/button/button.ts';

// The form that starts a round. Everything on it is right as the server sends it: the counters
// per criterion, the running total and what the certificate still needs, each group's answering
// time. The script round-form.js (src/ui/assets) only keeps them up to date as boxes are ticked,
// using the same messages (their ICU patterns ride along in data-pattern attributes) and the
// same timing as assessment/timing.ts; the ready-made sets are links that work without it.

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
  /** target number of responses per group, as typed */
  targets: Partial<Record<StakeholderGroup, string>>;
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
    targets: Object.fromEntries(stakeholderGroups.map((g) => [g, str(targetName(g))])),
  };
}

/** A message's ICU pattern in the page's language, for the script to format as the form changes. */
const pattern = (ctx: PageContext, key: string): string => catalogues[ctx.lang][key] ?? catalogues.en[key]!;

export interface NewRoundData {
  framework: { document: FrameworkDocument; version: number };
  /** the certificate's minimum number of statements (its settings) */
  minIndicators: number;
}

function presetLinks(ctx: PageContext, c: CentreAccess, d: NewRoundData): Html {
  const { t } = ctx;
  return html`<div class="presets">
    <p class="presets-label" id="presets-label">${t('round.preset.legend')}</p>
    <ul class="link-list" aria-labelledby="presets-label">
      ${presets.map(
        (p) =>
          html`<li><a href="${roundsPath(ctx, c.centre.slug)}/new?preset=${p}" data-preset="${p}">${t(`round.preset.${p}`, { n: presetIndicators(d.framework.document, p, d.minIndicators).length })}</a></li>`,
      )}
    </ul>
    <p class="hint">${t('round.preset.hint')}</p>
  </div>`;
}

function runningTotal(ctx: PageContext, chosen: number, min: number): Html {
  const gap = certificateGap(chosen, min);
  return html`<p class="picker-total${gap ? '' : ' enough'}" id="round-total" role="status" data-min="${min}">
    <span data-pattern="${pattern(ctx, 'round.total.chosen')}">${ctx.t('round.total.chosen', { n: chosen })}</span>
    <span data-enough="${pattern(ctx, 'round.total.enough')}" data-missing="${pattern(ctx, 'round.total.missing')}">${
      gap ? ctx.t('round.total.missing', { missing: gap, min }) : ctx.t('round.total.enough', { min })
    }</span>
  </p>`;
}

export function newRoundView(ctx: PageContext, c: CentreAccess, d: NewRoundData, csrf: string, values: RoundFormValues, errors: FieldError[] = []): string {
  const { t } = ctx;
  const doc = d.framework.document;
  const chosen = new Set(values.indicators);
  const known = indicatorsOf(doc);
  const inSet = new Map(known.map((i) => [i.id, [] as string[]]));
  for (const p of presets) for (const id of presetIndicators(doc, p, d.minIndicators)) inSet.get(id)?.push(p);
  const own = values.own.filter((s) => s.trim() !== '').map((text, n) => ({ item: `own-${n + 1}`, text, lang: ctx.lang }));
  const indicatorError = errors.find((e) => e.field === 'indicators');
  // Criteria start folded, their counters in view, so the form stays short; a problem with the
  // statements opens the criteria that have some chosen.
  const open = indicatorError !== undefined;
  const list = new Intl.ListFormat(ctx.lang, { type: 'conjunction' });
  const estimate = (g: StakeholderGroup) => {
    const e = groupEstimate(doc, chosen, own, g);
    return html`<span class="meta" data-estimate="${g}" data-pattern="${pattern(ctx, 'round.field.estimate')}">${t('round.field.estimate', { n: e.statements, minutes: e.minutes })}</span>`;
  };
  const form = postForm(
    roundsPath(ctx, c.centre.slug),
    csrf,
    html`${field(ctx, { name: 'title', label: t('round.field.title'), value: values.title, errors, maxlength: 120 })}
      <div class="field-row">
        ${field(ctx, { name: 'opens', type: 'date', label: t('round.field.opens'), value: values.opens, errors, hint: t('round.field.opensHint') })}
        ${field(ctx, { name: 'closes', type: 'date', label: t('round.field.closes'), value: values.closes, errors, hint: t('round.field.closesHint') })}
      </div>
      ${choiceList(ctx, {
        name: 'groups',
        legend: t('round.field.groups'),
        hint: t('round.field.groupsHint'),
        kind: 'checkbox',
        values: values.groups,
        errors,
        options: stakeholderGroups.map((g) => ({ value: g, label: html`${t(`assessment.groupName.${g}`)} ${estimate(g)}` })),
      })}
      ${choiceList(ctx, {
        name: 'invited',
        legend: t('round.field.invited'),
        hint: t('round.field.invitedHint'),
        kind: 'checkbox',
        values: values.invited,
        errors,
        options: stakeholderGroups.map((g) => ({ value: g, label: t(`assessment.groupName.${g}`) })),
      })}
      ${field(ctx, { name: 'minGroupSize', type: 'number', min: MIN_THRESHOLD, label: t('round.field.minGroupSize'), value: values.minGroupSize, errors, hint: t('round.field.minGroupSizeHint'), max: 50 })}
      <fieldset class="field targets">
        <legend>${t('round.field.targets')}</legend>
        <p class="hint">${t('round.field.targetsHint')}</p>
        <div class="target-grid">
          ${stakeholderGroups.map((g) =>
            field(ctx, {
              name: targetName(g),
              type: 'number',
              min: MIN_THRESHOLD,
              label: t(`assessment.groupName.${g}`),
              value: values.targets[g] ?? '',
              errors,
              max: MAX_TARGET,
            }),
          )}
        </div>
      </fieldset>
      <fieldset class="field${indicatorError ? ' field-error' : ''} indicator-picker" id="field-indicators" aria-describedby="field-indicators-hint${indicatorError ? ' field-indicators-error' : ''}"
        data-seconds-statement="${SECONDS_PER_STATEMENT}" data-seconds-page="${SECONDS_PER_PAGE}" data-least-minutes="${answeringMinutes(0, 0)}">
        <legend>${t('round.field.indicators')}</legend>
        <p class="hint" id="field-indicators-hint">${t('round.field.indicatorsHint', { version: d.framework.version })}</p>
        ${indicatorError ? html`<p class="error-message" id="field-indicators-error"><span class="visually-hidden">${t('form.errorPrefix')}</span> ${t(indicatorError.key, indicatorError.values)}</p>` : ''}
        ${presetLinks(ctx, c, d)}
        ${runningTotal(ctx, known.filter((i) => chosen.has(i.id)).length, d.minIndicators)}
        ${doc.dimensions.map((dim) => {
          const dt = inLang(dim.title, ctx);
          return html`<h2 class="picker-dimension"${langOf(dt, ctx)}>${dt.value}</h2>
            ${dim.criteria.map((cr) => {
              const ct = inLang(cr.title, ctx);
              const n = cr.indicators.filter((i) => chosen.has(i.id)).length;
              return html`<details class="picker-criterion" data-criterion="${cr.id}"${open && n > 0 ? html` open` : ''}>
                <summary><span${langOf(ct, ctx)}>${ct.value}</span> <span class="meta" data-counter data-pattern="${pattern(ctx, 'round.field.chosen')}">${t('round.field.chosen', { n, total: cr.indicators.length })}</span></summary>
                <p class="picker-actions" hidden>
                  ${(['all', 'none'] as const).map((which) =>
                    button({
                      type: 'button',
                      variant: 'link',
                      data: { select: which },
                      text: html`${t(`round.select.${which}`)}<span class="visually-hidden"> (${ct.value})</span>`,
                    }),
                  )}
                </p>
                <ul class="choices">
                  ${cr.indicators.map((i) => {
                    const st = inLang(i.statement, ctx);
                    return html`<li>${choice({
                      kind: 'checkbox',
                      name: 'indicators',
                      id: `ind-${i.id}`,
                      checked: chosen.has(i.id),
                      choice: {
                        value: i.id,
                        label: html`<span${langOf(st, ctx)}>${st.value}</span>${i.core ? html` ${tag(t('assessment.core'))}` : ''}`,
                        hint: t('assessment.askedOf', { groups: list.format(i.groups.map((g) => t(`assessment.group.${g}`))) }),
                        data: { groups: i.groups.join(' '), in: inSet.get(i.id)!.join(' ') },
                      },
                    })}</li>`;
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
      ${button({ text: t('round.new.submit') })}`,
    'form round-form',
  );
  const body = html`${errorSummary(ctx, errors)}
    <p class="kicker"><bdi>${c.centre.name}</bdi></p>
    <h1>${t('round.new.title')}</h1>
    <p class="lead">${t('round.new.lead')}</p>
    ${form}`;
  return privatePage(ctx, t('round.new.title'), body, crumbs(ctx, c), ['round-form.js']);
}

/** What the form holds before anything is typed: a ready-made set, every group but alumni, three weeks from today. */
export function newRoundDefaults(ctx: PageContext, doc: FrameworkDocument, preset: Preset, minIndicators: number): RoundFormValues {
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return {
    title: ctx.t('round.new.defaultTitle', { year: new Date().getUTCFullYear() }),
    indicators: presetIndicators(doc, preset, minIndicators),
    groups: stakeholderGroups.filter((x) => x !== 'alumni'),
    invited: [],
    opens: day(0),
    closes: day(21),
    minGroupSize: String(MIN_THRESHOLD),
    own: Array.from({ length: MAX_OWN }, () => ''),
    targets: {},
  };
}

/** For someone who administers several centres: which one to start a round in. */
export function chooseCentreView(ctx: PageContext, centres: { slug: string; name: string }[]): string {
  const { t } = ctx;
  const body = html`<h1>${t('landing.choose.title')}</h1>
    <p class="lead">${t('landing.choose.lead')}</p>
    <ul class="link-list">
      ${centres.map((c) => html`<li><a href="${roundsPath(ctx, c.slug)}/new"><bdi>${c.name}</bdi></a></li>`)}
    </ul>`;
  return privatePage(ctx, t('landing.choose.title'), body, [{ href: `/${ctx.lang}/account`, label: t('nav.account') }]);
}
