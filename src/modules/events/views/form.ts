import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { languages } from '../../../i18n/languages.ts';
import type { Text } from '../../../i18n/localise.ts';
import { button } from '../../../ui/components/button/button.ts';
import { checkbox } from '../../../ui/components/choice-list/choice-list.ts';
import { errorSummary, field, postForm, select, textarea } from '../../../ui/components/field/field.ts';
import { html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { txt } from '../../../ui/text.ts';
import { countries, languageCodes } from '../../centres/lists.ts';
import { DESCRIPTION_MAX, modes, TITLE_MAX } from '../lists.ts';
import { textFields } from '../schemas.ts';
import { zones } from '../times.ts';

// The form that creates or changes an event: who organises it (among what the person may organise
// for), its texts in any of the platform's languages (one at least), how people attend, its times
// as a day and a time in its own zone, places and quotas, and, afterwards, a recording's link.

export type EventValues = Record<string, string>;

export function eventFormView(
  ctx: PageContext,
  csrf: string,
  o: {
    action: string;
    creating: boolean;
    values: EventValues;
    errors: FieldError[];
    organisers: { value: string; label: string }[];
    themes: Map<string, Text>;
    /** where the form leads back to */
    back: string;
  },
): string {
  const { t } = ctx;
  const v = (k: string) => o.values[k] ?? '';
  const e = o.errors;
  const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, ctx.lang);
  const own = [ctx.lang, ...languages.filter((l) => l !== ctx.lang)];
  const texts = own.map((l) => {
    const f = textFields(l);
    return html`<fieldset class="field-group"><legend>${ctx.format.language(l)}</legend>
      ${field(ctx, { name: f.title, label: t('event.form.title'), value: v(f.title), maxlength: TITLE_MAX, lang: l, errors: e })}
      ${textarea(ctx, { name: f.description, label: t('event.form.description'), hint: t('event.form.descriptionHint'), value: v(f.description), maxlength: DESCRIPTION_MAX, rows: 6, lang: l, errors: e })}
    </fieldset>`;
  });
  const heading = o.creating ? t('event.new.heading') : t('event.edit.heading');
  const body = html`<p class="kicker"><a href="${o.back}">${t('event.list.heading')}</a></p>
    <h1>${heading}</h1>
    ${errorSummary(ctx, e)}
    ${postForm(
      o.action,
      csrf,
      html`${select(ctx, { name: 'organiser', label: t('event.form.organiser'), value: v('organiser'), options: o.organisers, errors: e })}
        <h2>${t('event.form.textsHeading')}</h2>
        <p class="hint">${t('event.form.textsHint')}</p>
        ${texts[0]}
        <details class="other-languages"${own.slice(1).some((l) => v(textFields(l).title) || v(textFields(l).description) || e.some((x) => x.field.endsWith(`_${l}`))) ? html` open` : ''}>
          <summary>${t('event.form.otherLanguages')}</summary>
          ${texts.slice(1)}
        </details>
        <h2>${t('event.form.whenHeading')}</h2>
        ${select(ctx, { name: 'time_zone', label: t('event.form.zone'), hint: t('event.form.zoneHint'), value: v('time_zone'), options: zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') })), errors: e })}
        <div class="field-row">
          ${field(ctx, { name: 'start_date', type: 'date', label: t('event.form.startDate'), value: v('start_date'), width: 'medium', errors: e })}
          ${field(ctx, { name: 'start_time', type: 'time', label: t('event.form.startTime'), value: v('start_time'), width: 'short', errors: e })}
        </div>
        <div class="field-row">
          ${field(ctx, { name: 'end_date', type: 'date', label: t('event.form.endDate'), value: v('end_date'), width: 'medium', errors: e })}
          ${field(ctx, { name: 'end_time', type: 'time', label: t('event.form.endTime'), value: v('end_time'), width: 'short', errors: e })}
        </div>
        <h2>${t('event.form.whereHeading')}</h2>
        ${select(ctx, { name: 'mode', label: t('event.form.mode'), value: v('mode'), options: modes.map((m) => ({ value: m, label: t(`event.mode.${m}`) })), errors: e })}
        ${field(ctx, { name: 'place', label: t('event.form.place'), hint: t('event.form.placeHint'), value: v('place'), maxlength: 300, errors: e })}
        ${select(ctx, {
          name: 'country',
          label: t('event.form.country'),
          value: v('country'),
          placeholder: t('event.form.noCountry'),
          options: countries.map((c) => ({ value: c, label: ctx.format.country(c) })).sort(byName),
          errors: e,
        })}
        ${field(ctx, { name: 'join_url', type: 'url', label: t('event.form.joinUrl'), hint: t('event.form.joinUrlHint'), value: v('join_url'), errors: e })}
        ${select(ctx, {
          name: 'lang',
          label: t('event.form.lang'),
          value: v('lang') || ctx.lang,
          options: languageCodes.map((l) => ({ value: l, label: ctx.format.language(l) })).sort(byName),
          errors: e,
        })}
        ${select(ctx, {
          name: 'theme',
          label: t('event.form.theme'),
          value: v('theme'),
          placeholder: t('event.form.noTheme'),
          options: [...o.themes].map(([value, label]) => ({ value, label: label.value })),
          errors: e,
        })}
        <h2>${t('event.form.placesHeading')}</h2>
        ${field(ctx, { name: 'capacity', type: 'number', label: t('event.form.capacity'), hint: t('event.form.capacityHint'), value: v('capacity'), min: 1, width: 'short', errors: e })}
        ${checkbox(ctx, { name: 'approval', label: t('event.form.approval'), hint: t('event.form.approvalHint'), checked: v('approval') === 'yes', errors: e })}
        ${field(ctx, { name: 'quota_centre', type: 'number', label: t('event.form.quotaCentre'), hint: t('event.form.quotaHint'), value: v('quota_centre'), min: 1, width: 'short', errors: e })}
        ${field(ctx, { name: 'quota_country', type: 'number', label: t('event.form.quotaCountry'), value: v('quota_country'), min: 1, width: 'short', errors: e })}
        ${o.creating ? '' : field(ctx, { name: 'recording_url', type: 'url', label: t('event.form.recording'), hint: t('event.form.recordingHint'), value: v('recording_url'), errors: e })}
        ${button({ text: o.creating ? t('event.new.submit') : t('event.edit.submit') })}`,
    )}`;
  void txt;
  return layout(ctx, { title: heading, body, pageType: 'event-form', index: false });
}

/** Back to where the form was: a link in the kicker. */
export const eventsHome = (ctx: PageContext) => href(ctx, '/events');
