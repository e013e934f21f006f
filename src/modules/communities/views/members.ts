import type { PageContext } from '../../../http/context.ts';
import type { FieldError } from '../../../http/forms.ts';
import { errorSummary, field, postForm } from '../../../ui/components/field/field.ts';
import { button, buttonGroup } from '../../../ui/components/button/button.ts';
import { notice } from '../../../ui/components/notice/notice.ts';
import { table } from '../../../ui/components/table/table.ts';
import { tag } from '../../../ui/components/tag/tag.ts';
import { day } from '../../../ui/dates.ts';
import { html } from '../../../ui/html.ts';
import { href, layout } from '../../../ui/layout.ts';
import { langOf } from '../../../ui/text.ts';
import type { MemberRow } from '../repository.ts';
import type { Community } from '../service.ts';

// A community's people: its members with their centres, for its members; and for its
// facilitators, the requests to join with the answers to the community's question.

export function membersView(
  ctx: PageContext,
  csrf: string,
  c: Community,
  members: MemberRow[],
  o: { facilitate: boolean; notice?: string; invite?: { email: string; errors: FieldError[] } },
): string {
  const { t } = ctx;
  const base = `/communities/${c.slug}/members`;
  const pending = members.filter((m) => m.status === 'pending');
  const invited = members.filter((m) => m.status === 'invited');
  const inviteErrors = o.invite?.errors ?? [];
  const people = members.filter((m) => m.status === 'active' || m.status === 'suspended');
  const centres = (m: MemberRow) => (m.centres.length ? html`${m.centres.map((name, i) => html`${i ? ', ' : ''}<bdi>${name}</bdi>`)}` : '');
  const decide = (m: MemberRow) =>
    html`<form action="${href(ctx, `${base}/${m.userId}/decide`)}" method="post" class="inline-form">
      <input type="hidden" name="_csrf" value="${csrf}">
      ${buttonGroup([
        button({ text: t('community.request.accept'), name: 'decision', value: 'accept', label: t('community.request.acceptFor', { name: m.name }) }),
        button({
          text: t('community.request.decline'),
          name: 'decision',
          value: 'decline',
          variant: 'secondary',
          label: t('community.request.declineFor', { name: m.name }),
        }),
      ])}
    </form>`;
  // Facilitators suspend a member (who then reads but does not write) and reinstate them.
  const suspend = (m: MemberRow) =>
    html`<form action="${href(ctx, `${base}/${m.userId}/suspend`)}" method="post" class="inline-form">
      <input type="hidden" name="_csrf" value="${csrf}">
      ${
        m.status === 'suspended'
          ? button({
              text: t('community.member.reinstate'),
              name: 'on',
              value: 'no',
              variant: 'secondary',
              label: t('community.member.reinstateFor', { name: m.name }),
            })
          : button({
              text: t('community.member.suspend'),
              name: 'on',
              value: 'yes',
              variant: 'secondary',
              label: t('community.member.suspendFor', { name: m.name }),
            })
      }
    </form>`;
  const body = html`<p class="kicker"><a href="${href(ctx, `/communities/${c.slug}`)}"${langOf(c.name, ctx)}>${c.name.value}</a></p>
    <h1>${t('community.members.heading')}</h1>
    ${errorSummary(ctx, inviteErrors)}
    ${o.notice ? notice(t(o.notice), { tone: 'success' }) : ''}
    ${
      o.facilitate
        ? html`<section aria-labelledby="requests-heading"><h2 id="requests-heading">${t('community.request.heading')}</h2>
            ${
              pending.length
                ? table({
                    id: 'requests',
                    caption: t('community.request.caption', { count: pending.length }),
                    captionHidden: true,
                    head: [t('community.member.name'), t('community.request.answer'), t('community.request.since'), t('community.request.decision')],
                    rows: pending.map((m) => [
                      html`<bdi>${m.name}</bdi>`,
                      m.answer ? html`<span dir="auto">${m.answer}</span>` : '',
                      day(ctx, m.createdAt),
                      decide(m),
                    ]),
                  })
                : html`<p>${t('community.request.none')}</p>`
            }</section>
          <section aria-labelledby="invite-heading"><h2 id="invite-heading">${t('community.invite.heading')}</h2>
            <p>${t('community.invite.intro')}</p>
            ${postForm(
              href(ctx, `${base}/invite`),
              csrf,
              html`${field(ctx, { name: 'email', label: t('community.invite.email'), type: 'email', autocomplete: 'off', value: o.invite?.email ?? '', errors: inviteErrors })}
                ${button({ text: t('community.invite.send') })}`,
            )}
            ${
              invited.length
                ? html`<p>${t('community.invite.waiting', { count: invited.length })}</p>
                  <ul>${invited.map((m) => html`<li><bdi>${m.name}</bdi> · ${day(ctx, m.createdAt)}</li>`)}</ul>`
                : ''
            }
          </section>`
        : ''
    }
    <section aria-labelledby="people-heading"><h2 id="people-heading">${t('community.members', { count: people.length })}</h2>
      ${table({
        id: 'members',
        caption: t('community.members.heading'),
        captionHidden: true,
        head: [t('community.member.name'), t('community.member.centres'), t('community.member.role'), ...(o.facilitate ? [t('community.member.actions')] : [])],
        rows: people.map((m) => [
          html`<bdi>${m.name}</bdi>`,
          centres(m),
          html`${m.role === 'facilitator' ? tag(t('community.role.facilitator'), 'brand') : t('community.role.member')}${
            m.status === 'suspended' ? html` ${tag(t('community.member.suspended'), 'warning')}` : ''
          }`,
          ...(o.facilitate ? [m.role === 'member' ? suspend(m) : ''] : []),
        ]),
      })}
    </section>`;
  return layout(ctx, { title: t('community.members.heading'), body, pageType: 'community-members', index: false });
}
