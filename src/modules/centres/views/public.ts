import type { PageContext } from '../../../http/context.ts';
import type { Text } from '../../../i18n/localise.ts';
import { html, type Html } from '../../../ui/html.ts';
import { day } from '../../../ui/dates.ts';
import { href, layout } from '../../../ui/layout.ts';
import { externalLink, facts } from '../../../ui/components/shared.ts';
import { plainText, renderMarkdown } from '../../../ui/markdown.ts';
import { txt } from '../../../ui/text.ts';
import type { CentreRow, NetworkProfile, TopicEntry } from '../repository.ts';
import { contactRoles, partnerTopics } from '../lists.ts';
import { tag } from '../../../ui/components/tag/tag.ts';
import { linkButton } from '../../../ui/components/button/button.ts';
import { table } from '../../../ui/components/table/table.ts';

// Public centre pages show only centres that chose to publish their profile.

/** A certificate of self-assessment as the profile lists it (valid, and not hidden by the centre). */
export interface ProfileCertificate {
  code: string;
  issued_at: string;
  expires_at: string | null;
  summary: { round: string };
}

/** Where a centre is: its city as the centre wrote it (of either direction, so isolated) and its country in the page's language. */
function place(ctx: PageContext, c: Pick<CentreRow, 'city' | 'country'>): Html {
  return html`<bdi>${c.city}</bdi>${ctx.t('format.separator')}${ctx.format.country(c.country)}`;
}

/** A published profile as its page shows it. */
export interface PublicCentre {
  centre: CentreRow;
  sectors: string[];
  network: NetworkProfile;
  /** self-assessment rounds completed, when the centre shows it */
  rounds: number | null;
  /** partnerships (consortia) it takes part in, when the centre shows it */
  partnerships?: number | null;
}

function topicList(ctx: PageContext, entries: TopicEntry[]): Html {
  const known = partnerTopics.flatMap((x) => entries.filter((e) => e.topic === x));
  return html`<ul class="topic-list">${known.map(
    (e) => html`<li><span class="topic">${ctx.t(`centre.topic.${e.topic}`)}</span>${e.note ? html`<span class="note" dir="auto">${e.note}</span>` : ''}</li>`,
  )}</ul>`;
}

export function centreView(ctx: PageContext, p: PublicCentre, sectorLabels: Map<string, Text>, certificates: ProfileCertificate[] = []): string {
  const { t } = ctx;
  const { centre: c, sectors, network: n } = p;
  const eqf = JSON.parse(c.eqf_levels) as number[];
  const languages = JSON.parse(c.languages) as string[];
  const sectorName = (s: string) => (sectorLabels.get(s) ? txt(sectorLabels.get(s), ctx) : s);
  const status = [
    ...(n.accredited ? [tag(t('directory.status.accredited'), 'success')] : []),
    ...(n.eneMember ? [tag(t('directory.status.ene'), 'info')] : []),
  ];
  const contacts = contactRoles.flatMap((role) => n.contacts.filter((x) => x.role === role));
  const body = html`<article class="centre">
    <p class="kicker">${t(`centre.type.${c.type}`)}</p>
    <h1><bdi>${c.name}</bdi></h1>
    ${status.length ? html`<p class="tags">${status}</p>` : ''}
    <p>${linkButton({ href: href(ctx, `/account/messages/new?to=${encodeURIComponent(c.slug)}`), text: t('message.writeTo'), variant: 'secondary' })}</p>
    ${c.logo ? html`<p><img class="logo" src="/uploads/logos/${c.logo}" alt="${t('centre.logoAlt', { name: c.name })}"></p>` : ''}
    ${c.description ? html`<div class="prose" dir="auto">${renderMarkdown(c.description, false, { userWritten: true })}</div>` : ''}
    ${facts([
      [t('centre.field.city'), place(ctx, c)],
      [t('centre.field.website'), c.website ? externalLink(ctx, c.website, html`<bdi dir="ltr">${c.website}</bdi>`) : null],
      [t('centre.field.sectors'), sectors.length ? html`<ul class="inline-list">${sectors.map((s) => html`<li>${sectorName(s)}</li>`)}</ul>` : null],
      [t('centre.field.eqf'), eqf.length ? eqf.map((x) => ctx.format.number(x)).join(t('format.separator')) : null],
      [t('centre.field.languages'), languages.length ? languages.map((l) => ctx.format.language(l)).join(t('format.separator')) : null],
      [t('centre.field.oid'), n.erasmusOid ? html`<bdi dir="ltr">${n.erasmusOid}</bdi>` : null],
      [t('centre.field.pic'), n.euPic ? html`<bdi dir="ltr">${n.euPic}</bdi>` : null],
    ])}
    ${
      n.offers.length || n.seeks.length
        ? html`<section aria-labelledby="partnering" class="partnering">
          <h2 id="partnering">${t('centre.public.partnering')}</h2>
          ${n.offers.length ? html`<h3>${t('centre.public.offers')}</h3>${topicList(ctx, n.offers)}` : ''}
          ${n.seeks.length ? html`<h3>${t('centre.public.seeks')}</h3>${topicList(ctx, n.seeks)}` : ''}
        </section>`
        : ''
    }
    ${
      n.programmes.length
        ? html`<h2 id="programmes-heading">${t('centre.public.programmes')}</h2>
          ${table({
            id: 'programmes',
            caption: t('centre.public.programmes'),
            captionHidden: true,
            head: [t('centre.programme.title'), t('centre.programme.sector'), t('centre.programme.eqf')],
            rowHeadings: true,
            rows: n.programmes.map((x) => [
              html`<bdi>${x.title}</bdi>`,
              x.sector ? sectorName(x.sector) : '–',
              x.eqfLevel ? ctx.format.number(x.eqfLevel) : '–',
            ]),
          })}`
        : ''
    }
    ${
      contacts.length
        ? html`<section aria-labelledby="contacts-heading">
          <h2 id="contacts-heading">${t('centre.public.contacts')}</h2>
          <p>${t('centre.public.contactsIntro')}</p>
          ${facts(contacts.map((x) => [t(`centre.contactRole.${x.role}`), x.name ? html`<bdi>${x.name}</bdi>` : t('centre.public.contactUnnamed')]))}
        </section>`
        : ''
    }
    ${
      certificates.length || p.rounds || p.partnerships
        ? html`<section aria-labelledby="recognition" class="recognition">
          <h2 id="recognition">${t('centre.certificates.title')}</h2>
          ${p.rounds ? html`<p>${t('centre.public.rounds', { count: p.rounds })}</p>` : ''}
          ${p.partnerships ? html`<p>${t('centre.public.partnerships', { count: p.partnerships })}</p>` : ''}
          ${
            certificates.length
              ? html`<ul class="link-list">${certificates.map(
                  (x) =>
                    html`<li><a href="${href(ctx, `/certificates/${x.code}`)}">${t('centre.certificates.item', { round: x.summary.round })}</a> <span class="meta">${
                      x.expires_at ? t('centre.certificates.dates', { issued: day(ctx, x.issued_at), until: day(ctx, x.expires_at) }) : day(ctx, x.issued_at)
                    }</span></li>`,
                )}</ul>`
              : ''
          }
        </section>`
        : ''
    }
  </article>`;
  const identifiers = [
    ...(n.erasmusOid ? [{ '@type': 'PropertyValue', propertyID: 'Erasmus+ OID', value: n.erasmusOid }] : []),
    ...(n.euPic ? [{ '@type': 'PropertyValue', propertyID: 'PIC', value: n.euPic }] : []),
  ];
  return layout(ctx, {
    title: c.name,
    description: `${c.name}, ${c.city}, ${ctx.format.country(c.country)}`,
    body,
    pageType: 'centre',
    breadcrumbs: [
      { href: href(ctx, '/'), label: t('nav.home') },
      { href: href(ctx, '/centres'), label: t('centres.heading') },
    ],
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'EducationalOrganization',
      name: c.name,
      address: { '@type': 'PostalAddress', addressLocality: c.city, addressCountry: c.country },
      url: `${ctx.baseUrl}/${ctx.lang}/centres/${c.slug}`,
      ...(c.website ? { sameAs: c.website } : {}),
      ...(c.description ? { description: plainText(c.description) } : {}),
      ...(c.logo ? { logo: `${ctx.baseUrl}/uploads/logos/${c.logo}` } : {}),
      ...(languages.length ? { knowsLanguage: languages } : {}),
      ...(identifiers.length ? { identifier: identifiers } : {}),
    },
  });
}
