import type { PageContext } from '../../../../http/context.ts';
import type { FieldError } from '../../../../http/forms.ts';
import { languages } from '../../../../i18n/languages.ts';
import { day } from '../../../../ui/dates.ts';
import { errorSummary, field, postForm, select, textarea } from '../../../../ui/components/field/field.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { langOf } from '../../../../ui/text.ts';
import type { RoundPage } from '../../access.ts';
import { inLang } from '../../framework/document.ts';
import type { StakeholderGroup } from '../../framework/format.ts';
import { crumbs, roundPath } from '../../paths.ts';
import { lastDay, statusOf } from '../../round.ts';
import { MESSAGE_MAX_LENGTH } from '../schemas.ts';
import { notice, privatePage, statusBadge } from './rounds.ts';
import { shareBlock } from './share.ts';
import { button, linkButton } from '../../../../ui/components/button/button.ts';
import { table } from '../../../../ui/components/table/table.ts';

// A round's own page: its facts, each group's participation and way in (its open link, or
// personal invitations with a reminder), the forms to mail links and invite people, and the means
// to close, extend or delete it. Participation only: results are on the report, once released.

export interface RoundViewState {
  csrf: string;
  notice?: string;
  errors?: FieldError[];
  /** which form the errors belong to */
  form?: 'extend' | 'mail' | 'invite' | 'remind';
  values?: Record<string, string>;
  unsent: Map<string, number>;
  links: Map<StakeholderGroup, string>;
  /** each group's short code, as shown (ABCD-EFGH) */
  codes: Map<StakeholderGroup, string>;
  /** per group that answers by invitation: invited, started, sent */
  invitations: Map<string, { invited: number; started: number; sent: number }>;
  /** per group: when its invited people were last reminded */
  reminded: Map<string, string>;
  /** the recognition section, once the round has answers */
  recognition?: Html;
}

const groupName = (ctx: PageContext, g: string) => ctx.t(`assessment.groupName.${g}`);

/** A group's progress: its meter towards the target (or, by invitation, those invited) and where it stands against the minimum. */
function progress(ctx: PageContext, r: RoundPage, g: RoundPage['loaded']['groups'][number], invited: number | null): Html {
  const { t } = ctx;
  const min = r.loaded.round.min_group_size;
  const goal = g.target ?? invited;
  const minimum =
    g.sent >= min
      ? html`<span class="meta">${t('round.progress.minimumReached')}</span>`
      : html`<span class="meta">${t('round.groups.below', { n: min - g.sent })}</span>`;
  if (!goal) return minimum;
  const rate = g.sent / goal;
  const label = g.target
    ? t('round.progress.ofTarget', { rate, sent: g.sent, target: goal })
    : t('round.progress.ofInvited', { rate, sent: g.sent, invited: goal });
  return html`<meter class="participation" min="0" max="${goal}" value="${Math.min(g.sent, goal)}" low="${Math.min(min, goal)}" optimum="${goal}" aria-label="${groupName(ctx, g.group)}: ${label}"></meter>
    <span class="rate">${label}</span> ${minimum}`;
}

/** A group's row, and under it, while the round is open and for those who manage it, its link to share or its reminder. */
function groupBody(ctx: PageContext, r: RoundPage, s: RoundViewState, g: RoundPage['loaded']['groups'][number], open: boolean): Html {
  const { t } = ctx;
  const { round } = r.loaded;
  const path = roundPath(ctx, r.centre.slug, round.id);
  const inv = s.invitations.get(g.group);
  const way = g.access === 'invitation' ? t('round.groups.byInvitation', { n: inv?.invited ?? 0 }) : t('round.groups.byLink');
  let below: Html | string = '';
  if (open && r.manage && g.access === 'link') {
    const link = `${ctx.baseUrl}/${ctx.lang}/survey/${s.links.get(g.group)!}`;
    const short = `${ctx.baseUrl}/${ctx.lang}/s/${s.codes.get(g.group)!}`;
    below = html`<tr><td colspan="5">${shareBlock(ctx, { group: g.group, groupName: groupName(ctx, g.group), link, short, roundPath: path })}
      ${postForm(`${path}/links`, s.csrf, html`<input type="hidden" name="group" value="${g.group}">${button({ variant: 'link', text: html`${t('round.groups.replace')}<span class="visually-hidden"> (${groupName(ctx, g.group)})</span>` })}`, 'inline-form')}</td></tr>`;
  } else if (open && r.manage && inv && inv.invited > inv.sent) {
    const last = s.reminded.get(g.group);
    below = html`<tr><td colspan="5">${postForm(
      `${path}/remind`,
      s.csrf,
      html`<input type="hidden" name="group" value="${g.group}">${button({ variant: 'secondary', text: html`${t('round.invite.remind', { n: inv.invited - inv.sent })}<span class="visually-hidden"> (${groupName(ctx, g.group)})</span>` })}
        ${last ? html`<span class="meta">${t('round.invite.reminded', { date: day(ctx, last) })}</span>` : ''}`,
      'inline-form',
    )}</td></tr>`;
  }
  // A body per group: while the round is open its link has a row of its own across the table, so
  // the long address has the width even on a phone. The table component draws one body of plain
  // rows, so this table is written out here, in the component's markup and classes.
  return html`<tbody class="round-group"><tr>
    <th scope="row">${groupName(ctx, g.group)} <span class="meta group-way">${way}</span></th>
    <td>${ctx.format.number(g.sent)}</td>
    <td class="started">${ctx.format.number(s.unsent.get(g.group) ?? 0)}</td>
    <td class="target">${g.target ? ctx.format.number(g.target) : html`<span aria-hidden="true">–</span><span class="visually-hidden">${t('round.progress.noTarget')}</span>`}</td>
    <td class="progress">${progress(ctx, r, g, g.access === 'invitation' ? (inv?.invited ?? 0) : null)}<span class="meta phone-only">${t('round.progress.started', { n: s.unsent.get(g.group) ?? 0 })}</span></td>
  </tr>${below}</tbody>`;
}

/** The forms that reach people: personal invitations for invitation groups, mailing the open link for the others. */
function reachForms(ctx: PageContext, r: RoundPage, s: RoundViewState): Html {
  const { t } = ctx;
  const path = roundPath(ctx, r.centre.slug, r.loaded.round.id);
  const errors = s.errors ?? [];
  const mine = (form: RoundViewState['form']) => (s.form === form ? errors : []);
  const value = (form: RoundViewState['form'], name: string, fallback = '') => (s.form === form ? (s.values?.[name] ?? fallback) : fallback);
  const invited = r.loaded.groups.filter((g) => g.access === 'invitation');
  const linked = r.loaded.groups.filter((g) => g.access === 'link');
  return html`${
    invited.length
      ? html`<h2 id="invite">${t('round.invite.title')}</h2>
      <p>${t('round.invite.lead')}</p>
      ${postForm(
        `${path}/invite`,
        s.csrf,
        html`${select(ctx, { name: 'inviteGroup', label: t('round.groups.group'), placeholder: t('round.mail.choose'), value: value('invite', 'inviteGroup'), errors: mine('invite'), options: invited.map((g) => ({ value: g.group, label: groupName(ctx, g.group) })) })}
        ${textarea(ctx, { name: 'invitees', label: t('round.mail.emails'), hint: t('round.invite.emailsHint'), value: value('invite', 'invitees'), maxlength: 20000, errors: mine('invite') })}
        ${select(ctx, { name: 'lang', label: t('round.invite.lang'), placeholder: t('round.invite.langChoose'), value: value('invite', 'lang', ctx.lang), errors: mine('invite'), options: languages.map((l) => ({ value: l, label: ctx.format.language(l) })) })}
        ${textarea(ctx, { name: 'message', label: t('round.invite.message'), hint: t('round.invite.messageHint'), value: value('invite', 'message'), maxlength: MESSAGE_MAX_LENGTH, errors: mine('invite') })}
        ${button({ text: t('round.invite.send') })}`,
      )}`
      : ''
  }
  ${
    linked.length
      ? html`<h2 id="mail">${t('round.mail.title')}</h2>
      <p>${t('round.mail.lead')}</p>
      ${postForm(
        `${path}/mail`,
        s.csrf,
        html`${select(ctx, { name: 'group', label: t('round.groups.group'), placeholder: t('round.mail.choose'), value: value('mail', 'group'), errors: mine('mail'), options: linked.map((g) => ({ value: g.group, label: groupName(ctx, g.group) })) })}
        ${textarea(ctx, { name: 'emails', label: t('round.mail.emails'), hint: t('round.mail.emailsHint'), value: value('mail', 'emails'), maxlength: 20000, errors: mine('mail') })}
        ${select(ctx, { name: 'mailLang', label: t('round.mail.lang'), placeholder: t('round.invite.langChoose'), value: value('mail', 'mailLang', ctx.lang), errors: mine('mail'), options: languages.map((l) => ({ value: l, label: ctx.format.language(l) })) })}
        ${textarea(ctx, { name: 'mailMessage', label: t('round.invite.message'), hint: t('round.invite.messageHint'), value: value('mail', 'mailMessage'), maxlength: MESSAGE_MAX_LENGTH, errors: mine('mail') })}
        ${button({ text: t('round.mail.send') })}`,
      )}`
      : ''
  }`;
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
    <p class="kicker"><bdi>${r.centre.name}</bdi></p>
    <h1><bdi>${round.title}</bdi></h1>
    ${notice(ctx, s.notice)}
    <dl class="facts">
      <div><dt>${t('round.list.status')}</dt><dd>${statusBadge(ctx, status)}</dd></div>
      <div><dt>${t('round.field.opens')}</dt><dd>${day(ctx, round.opens_at)}</dd></div>
      <div><dt>${t('round.field.closes')}</dt><dd>${day(ctx, lastDay(round.closed_at ?? round.closes_at))}${round.closed_at ? html` <span class="meta">(${t('round.closedEarly')})</span>` : ''}</dd></div>
      <div><dt>${t('round.framework')}</dt><dd><span${langOf(title, ctx)}>${title.value}</span>, ${t('round.version', { version: version.version })}</dd></div>
      <div><dt>${t('round.items')}</dt><dd>${t('round.itemsCount', { indicators: r.loaded.indicators.size, own: r.loaded.own.length, total: items })}</dd></div>
      <div><dt>${t('round.field.minGroupSize')}</dt><dd>${ctx.format.number(round.min_group_size)}</dd></div>
    </dl>
    <p>${linkButton({ href: `${path}/report`, text: t('round.report') })} ${sent ? '' : html`<span class="meta">${t('round.reportEmpty')}</span>`}</p>
    ${s.recognition ?? ''}

    <h2>${t('round.groups.title')}</h2>
    <p>${t('round.groups.lead', { min: round.min_group_size })}</p>
    ${open ? html`<p class="hint">${t('round.groups.release')}</p>` : ''}
    ${table({
      id: 'round-groups',
      caption: t('round.groups.title'),
      captionHidden: true,
      className: 'round-groups',
      head: [
        t('round.groups.group'),
        t('round.groups.sent'),
        { text: t('round.groups.started'), className: 'started' },
        { text: t('round.groups.target'), className: 'target' },
        t('round.groups.progress'),
      ],
      bodies: groups.map((g) => groupBody(ctx, r, s, g, open)),
    })}
    ${open ? '' : html`<p class="meta">${t('round.groups.closed')}</p>`}
    ${r.manage && open ? reachForms(ctx, r, s) : ''}
    ${
      r.manage
        ? html`<h2>${t('round.dates.title')}</h2>
        ${postForm(
          `${path}/extend`,
          s.csrf,
          html`${field(ctx, { name: 'closes', label: t('round.dates.closes'), value: s.form === 'extend' ? (s.values?.closes ?? '') : lastDay(round.closes_at), hint: t('round.field.dateHint'), errors: s.form === 'extend' ? errors : [] })}
          ${button({ text: status === 'closed' ? t('round.dates.reopen') : t('round.dates.extend') })}`,
        )}
        ${status === 'closed' ? '' : postForm(`${path}/close`, s.csrf, html`<p>${t('round.close.text')}</p>${button({ text: t('round.close.button'), variant: 'secondary' })}`)}
        ${sent === 0 ? postForm(`${path}/delete`, s.csrf, html`<p>${t('round.delete.text')}</p>${button({ text: t('round.delete.button'), variant: 'warning' })}`) : ''}`
        : ''
    }`;
  return privatePage(ctx, round.title, body, crumbs(ctx, r));
}
