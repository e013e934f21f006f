import type { PageContext } from '../../../http/context.ts';
import { formList, formText, type FieldError } from '../../../http/forms.ts';
import type { Text } from '../../../i18n/localise.ts';
import { button } from '../../../ui/components/button/button.ts';
import { choice, choiceList } from '../../../ui/components/choice-list/choice-list.ts';
import { errorSummary, field, postForm, select } from '../../../ui/components/field/field.ts';
import { errorMessage } from '../../../ui/components/field/field.ts';
import { notice } from '../../../ui/components/notice/notice.ts';
import { html, type Html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { contactRoles, eqfLevels, partnerTopics } from '../lists.ts';
import type { CentreRow, NetworkProfile } from '../repository.ts';
import { NOTE_MAX, PROGRAMME_ROWS } from '../schemas.ts';

// The network profile: what the centre offers and seeks, its identifiers, programmes, the roles
// people can write to, and the signals it shows. One form, in sections; the note beside an item
// shows once the item is ticked (site.js), and always without scripts.

export type NetworkValues = Record<string, string | string[]>;

/** Blank programme rows offered under the filled ones (a centre with more saves and gets more). */
const BLANK_ROWS = 3;

/** The form's values for a saved profile: the same names the form sends. */
export function networkValues(p: NetworkProfile): NetworkValues {
  const v: NetworkValues = {
    offers: p.offers.map((x) => x.topic),
    seeks: p.seeks.map((x) => x.topic),
    erasmusOid: p.erasmusOid ?? '',
    euPic: p.euPic ?? '',
    status: [...(p.accredited ? ['accredited'] : []), ...(p.eneMember ? ['ene'] : [])],
    contacts: p.contacts.map((x) => x.role),
    signals: [...(p.showRounds ? ['rounds'] : []), ...(p.showActivity ? ['activity'] : []), ...(p.shareMaturity ? ['maturity'] : [])],
  };
  for (const side of ['offers', 'seeks'] as const) for (const x of p[side]) if (x.note) v[`${side}-note-${x.topic}`] = x.note;
  for (const x of p.contacts) if (x.name) v[`contact-${x.role}`] = x.name;
  p.programmes.forEach((x, n) => {
    v[`programme-${n}-title`] = x.title;
    v[`programme-${n}-sector`] = x.sector ?? '';
    v[`programme-${n}-eqf`] = x.eqfLevel ? String(x.eqfLevel) : '';
  });
  return v;
}

/** Ticked items with a note field each: a fieldset like a choice list, where the note follows its item. */
function topicChoices(ctx: PageContext, side: 'offers' | 'seeks', v: NetworkValues, errors: FieldError[]): Html {
  const { t } = ctx;
  const id = `field-${side}`;
  const chosen = formList(v, side);
  const error = errors.find((e) => e.field === side);
  return html`<fieldset class="field choice-list topic-choices${error ? ' field-error' : ''}" id="${id}" aria-describedby="${id}-hint">
    <legend>${t(`centre.network.${side}Legend`)}</legend>
    <p class="hint" id="${id}-hint">${t(`centre.network.${side}Hint`, { max: NOTE_MAX })}</p>
    ${error ? errorMessage(ctx, `${id}-error`, t(error.key, error.values)) : ''}
    <ul class="choices">
      ${partnerTopics.map((topic, i) => {
        const note = `${side}-note-${topic}`;
        return html`<li>
          ${choice({ kind: 'checkbox', name: side, id: `${id}-${i}`, checked: chosen.includes(topic), choice: { value: topic, label: t(`centre.topic.${topic}`), data: { reveals: `${id}-${i}-note` } } })}
          <div class="topic-note" id="${id}-${i}-note">
            ${field(ctx, { name: note, label: t('centre.network.note', { topic: t(`centre.topic.${topic}`) }), value: formText(v, note), maxlength: NOTE_MAX, errors })}
          </div>
        </li>`;
      })}
    </ul>
  </fieldset>`;
}

function programmeRows(ctx: PageContext, v: NetworkValues, sectors: Map<string, Text>, errors: FieldError[]): Html {
  const { t } = ctx;
  let filled = 0;
  for (let n = 0; n < PROGRAMME_ROWS; n++)
    if (formText(v, `programme-${n}-title`) || formText(v, `programme-${n}-sector`) || formText(v, `programme-${n}-eqf`)) filled = n + 1;
  const rows = Math.min(PROGRAMME_ROWS, filled + BLANK_ROWS);
  const sectorOptions = [...sectors].map(([value, label]) => ({ value, label: label.value }));
  return html`<ol class="programme-rows">
    ${Array.from({ length: rows }, (_, n) => {
      const name = (part: string) => `programme-${n}-${part}`;
      return html`<li class="programme-row">
        <fieldset class="field">
          <legend>${t('centre.network.programme', { n: n + 1 })}</legend>
          ${field(ctx, { name: name('title'), label: t('centre.programme.title'), value: formText(v, name('title')), maxlength: 160, errors })}
          ${select(ctx, { name: name('sector'), label: t('centre.programme.sector'), value: formText(v, name('sector')), placeholder: t('centre.network.none'), options: sectorOptions, errors })}
          ${select(ctx, {
            name: name('eqf'),
            label: t('centre.programme.eqf'),
            value: formText(v, name('eqf')),
            placeholder: t('centre.network.none'),
            options: eqfLevels.map((l) => ({ value: String(l), label: t('centre.eqfLevel', { level: l }) })),
            errors,
          })}
        </fieldset>
      </li>`;
    })}
  </ol>
  ${rows < PROGRAMME_ROWS ? html`<p class="hint">${t('centre.network.moreRows')}</p>` : ''}`;
}

export function networkView(
  ctx: PageContext,
  c: CentreRow,
  s: { csrf: string; values: NetworkValues; errors?: FieldError[]; notice?: string },
  sectors: Map<string, Text>,
): string {
  const { t } = ctx;
  const errors = s.errors ?? [];
  const v = s.values;
  const base = `/account/centres/${c.slug}`;
  const fields = html`
    <section aria-labelledby="offers-heading">
      <h2 id="offers-heading">${t('centre.network.topicsHeading')}</h2>
      ${topicChoices(ctx, 'offers', v, errors)}
      ${topicChoices(ctx, 'seeks', v, errors)}
    </section>
    <section aria-labelledby="ids-heading">
      <h2 id="ids-heading">${t('centre.network.idsHeading')}</h2>
      ${field(ctx, { name: 'erasmusOid', label: t('centre.field.oid'), hint: t('centre.network.oidHint'), value: formText(v, 'erasmusOid'), maxlength: 20, width: 'short', autocomplete: 'off', errors })}
      ${field(ctx, { name: 'euPic', label: t('centre.field.pic'), hint: t('centre.network.picHint'), value: formText(v, 'euPic'), maxlength: 20, width: 'short', autocomplete: 'off', errors })}
      ${choiceList(ctx, {
        kind: 'checkbox',
        name: 'status',
        legend: t('centre.network.statusLegend'),
        values: formList(v, 'status'),
        options: [
          { value: 'accredited', label: t('directory.status.accredited'), hint: t('centre.network.accreditedHint') },
          { value: 'ene', label: t('directory.status.ene') },
        ],
        errors,
      })}
    </section>
    <section aria-labelledby="programmes-heading">
      <h2 id="programmes-heading">${t('centre.public.programmes')}</h2>
      <p class="hint">${t('centre.network.programmesHint')}</p>
      ${programmeRows(ctx, v, sectors, errors)}
    </section>
    <section aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">${t('centre.public.contacts')}</h2>
      <fieldset class="field choice-list topic-choices" id="field-contacts" aria-describedby="field-contacts-hint">
        <legend>${t('centre.network.contactsLegend')}</legend>
        <p class="hint" id="field-contacts-hint">${t('centre.network.contactsHint')}</p>
        <ul class="choices">
          ${contactRoles.map(
            (role, i) => html`<li>
              ${choice({ kind: 'checkbox', name: 'contacts', id: `field-contacts-${i}`, checked: formList(v, 'contacts').includes(role), choice: { value: role, label: t(`centre.contactRole.${role}`), data: { reveals: `field-contacts-${i}-note` } } })}
              <div class="topic-note" id="field-contacts-${i}-note">
                ${field(ctx, { name: `contact-${role}`, label: t('centre.network.contactName', { role: t(`centre.contactRole.${role}`) }), value: formText(v, `contact-${role}`), maxlength: 120, errors })}
              </div>
            </li>`,
          )}
        </ul>
      </fieldset>
    </section>
    <section aria-labelledby="signals-heading">
      <h2 id="signals-heading">${t('centre.network.signalsHeading')}</h2>
      ${choiceList(ctx, {
        kind: 'checkbox',
        name: 'signals',
        legend: t('centre.network.signalsLegend'),
        hint: t('centre.network.signalsHint'),
        values: formList(v, 'signals'),
        options: [
          { value: 'rounds', label: t('centre.network.signal.rounds') },
          { value: 'activity', label: t('centre.network.signal.activity') },
          { value: 'maturity', label: t('centre.network.signal.maturity'), hint: t('centre.network.signal.maturityHint') },
        ],
        errors,
      })}
    </section>
    ${button({ text: t('centre.manage.save') })}`;
  const body = html`<p class="kicker"><bdi>${c.name}</bdi></p>
    <h1>${t('centre.network.heading')}</h1>
    ${s.notice ? notice(t(s.notice), { tone: 'success' }) : ''}
    ${errorSummary(ctx, errors)}
    <p class="lead">${t('centre.network.intro')}</p>
    ${postForm(href(ctx, `${base}/network`), s.csrf, fields, 'form network-form')}
    <p><a href="${href(ctx, base)}">${t('centre.network.back')}</a></p>`;
  return layout(ctx, {
    title: errors.length ? `${t('form.errorTitlePrefix')} ${t('centre.network.heading')}` : t('centre.network.heading'),
    body,
    index: false,
    pageType: 'account',
    breadcrumbs: [
      { href: href(ctx, '/account'), label: t('nav.account') },
      { href: href(ctx, base), label: c.name },
    ],
  });
}
