import type { PageContext } from '../../../../http/context.ts';
import { formList, formText, type FieldError } from '../../../../http/forms.ts';
import { button } from '../../../../ui/components/button/button.ts';
import { choiceList } from '../../../../ui/components/choice-list/choice-list.ts';
import { errorMessage, field, postForm, searchField, select } from '../../../../ui/components/field/field.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { href } from '../../../../ui/layout.ts';
import { countries, eqfLevels } from '../../../centres/lists.ts';
import { partnerKinds } from '../../consortium/partner-kinds.ts';
import { NAME_MAX } from '../schemas.ts';
import type { Match } from '../service.ts';

// The coordinator's two ways to add partners: a centre of the platform, found by name among the
// published centres and invited (it answers for itself), and an organisation outside the platform,
// added with its country, kind, role, EQF levels and, if known, its PIC.

const roleOptions = (ctx: PageContext) => [
  { value: 'full', label: ctx.t('consortium.role.full') },
  { value: 'associated', label: ctx.t('consortium.role.associated') },
];

/** The search for centres (a GET form, so a search is an address) and an Invite form per match. */
export function inviteSection(ctx: PageContext, path: string, s: { csrf: string; q: string; matches: Match[]; errors: FieldError[] }): Html {
  const { t } = ctx;
  const error = s.errors[0];
  const results = s.q
    ? html`<h3 id="matches-heading">${s.matches.length ? t('consortium.invite.found', { count: s.matches.length }) : t('consortium.invite.noneFound', { q: s.q })}</h3>
        ${
          s.matches.length
            ? html`<ul class="matches" aria-labelledby="matches-heading">
              ${s.matches.map(
                (m) => html`<li class="match">
                  <p class="match-name"><bdi>${m.name}</bdi> <span class="meta"><bdi>${m.city}</bdi>${t('format.separator')}${ctx.format.country(m.country)}</span></p>
                  ${
                    m.state === 'invite'
                      ? postForm(
                          href(ctx, `${path}/invitations`),
                          s.csrf,
                          html`<input type="hidden" name="centre" value="${m.id}"><input type="hidden" name="q" value="${s.q}">
                            <div class="match-row">
                              ${select(ctx, { name: 'role', id: `role-${m.id}`, label: t('consortium.field.role'), value: 'full', options: roleOptions(ctx) })}
                              ${button({ text: t('consortium.invite.submit'), variant: 'secondary', label: t('consortium.invite.submitLabel', { name: m.name }) })}
                            </div>`,
                          'form match-form',
                        )
                      : html`<p class="hint">${t(m.state === 'own' ? 'consortium.invite.own' : 'consortium.invite.already')}</p>`
                  }
                </li>`,
              )}
            </ul>`
            : ''
        }`
    : '';
  return html`<section aria-labelledby="invite-heading" class="consortium-invite">
    <h2 id="invite-heading">${t('consortium.invite.heading')}</h2>
    <p>${t('consortium.invite.intro')}</p>
    <div id="field-invite" class="${error ? 'field-error' : ''}">
      ${error ? errorMessage(ctx, 'field-invite-error', t(error.key, error.values)) : ''}
      <form class="form" action="${href(ctx, path)}#invite-heading" method="get">
        ${searchField({ id: 'field-q', label: t('consortium.invite.search'), hint: t('consortium.invite.searchHint'), value: s.q, button: t('consortium.invite.searchButton') })}
      </form>
      ${results}
    </div>
  </section>`;
}

/** An organisation outside the platform: it counts towards the rules as soon as it is added. */
export function outsideSection(ctx: PageContext, path: string, s: { csrf: string; values: Record<string, string | string[]>; errors: FieldError[] }): Html {
  const { t } = ctx;
  const { values: v, errors } = s;
  const collator = new Intl.Collator(ctx.lang);
  return html`<section aria-labelledby="outside-heading" class="consortium-outside">
    <h2 id="outside-heading">${t('consortium.outside.heading')}</h2>
    <p>${t('consortium.outside.intro')}</p>
    ${postForm(
      href(ctx, `${path}/partners`),
      s.csrf,
      html`${field(ctx, { name: 'name', label: t('consortium.field.name'), value: formText(v, 'name'), maxlength: NAME_MAX, errors })}
        ${select(ctx, {
          name: 'country',
          label: t('centre.field.country'),
          value: formText(v, 'country'),
          placeholder: t('form.choose'),
          options: countries.map((c) => ({ value: c, label: ctx.format.country(c) })).sort((a, b) => collator.compare(a.label, b.label)),
          errors,
        })}
        ${select(ctx, {
          name: 'kind',
          label: t('consortium.field.kind'),
          value: formText(v, 'kind'),
          placeholder: t('form.choose'),
          options: partnerKinds.map((k) => ({ value: k, label: t(`network.partnerKind.${k}`) })),
          errors,
        })}
        ${choiceList(ctx, { kind: 'radio', name: 'role', legend: t('consortium.field.role'), hint: t('consortium.field.roleHint'), values: [formText(v, 'role') || 'full'], options: roleOptions(ctx), errors })}
        ${choiceList(ctx, {
          kind: 'checkbox',
          name: 'eqf',
          legend: t('consortium.field.eqf'),
          hint: t('consortium.field.eqfHint'),
          values: formList(v, 'eqf'),
          inline: true,
          options: eqfLevels.map((n) => ({ value: String(n), label: t('centre.eqfLevel', { level: n }) })),
          errors,
        })}
        ${field(ctx, { name: 'pic', label: t('consortium.field.pic'), hint: t('consortium.field.picHint'), value: formText(v, 'pic'), maxlength: 20, width: 'short', autocomplete: 'off', errors })}
        ${button({ text: t('consortium.outside.submit') })}`,
    )}
  </section>`;
}
