import type { PageContext } from '../../../http/context.ts';
import type { Text } from '../../../i18n/localise.ts';
import { html, type Html, type Renderable } from '../../html.ts';
import { href } from '../../layout.ts';
import { packageIllustration } from '../illustration/illustration.ts';
import { langOf, txt } from '../../text.ts';
import { tag } from '../tag/tag.ts';

// Cards: a framed block with a heading (a link to more, if there is more) and a few lines. A list
// of cards is a grid that puts as many side by side as fit, one under another on a phone.

export interface CardOptions {
  heading: Renderable;
  headingLevel?: 2 | 3;
  /** the heading links here */
  href?: string;
  /** a small line above the heading (a kind, a number) */
  kicker?: Renderable;
  /** a status tag above the heading */
  tag?: Html;
  /** a drawing at the top of the card (an illustration with the class card-visual) */
  visual?: Html;
  body?: Renderable;
  /** links or buttons at the foot of the card */
  actions?: Renderable;
  className?: string;
  id?: string;
}

export function card(o: CardOptions): Html {
  const inner = html`${o.kicker ? html`<span class="kicker">${o.kicker}</span> ` : ''}${o.heading}`;
  const title = o.href ? html`<a href="${o.href}">${inner}</a>` : inner;
  return html`<article class="${['card', o.className].filter(Boolean).join(' ')}"${o.id ? html` id="${o.id}"` : ''}>
    ${o.visual ?? ''}
    ${o.tag ? html`<p class="card-tag">${o.tag}</p>` : ''}
    ${o.headingLevel === 3 ? html`<h3 class="card-title">${title}</h3>` : html`<h2 class="card-title">${title}</h2>`}
    ${o.body ?? ''}
    ${o.actions ? html`<div class="card-actions">${o.actions}</div>` : ''}
  </article>`;
}

/** Cards side by side as room allows. */
export function cardGrid(cards: Html[], className = ''): Html {
  return html`<ul class="${['card-grid', className].filter(Boolean).join(' ')}">${cards.map((c) => html`<li>${c}</li>`)}</ul>`;
}

/** A card linking to a package, as on the home page. */
export function packageCard(
  ctx: PageContext,
  p: { number: number; level: string; title: Text; subtitle: Text | null; stations: { position: number; title: Text }[] },
  headingLevel: 2 | 3 = 2,
): Html {
  const { t } = ctx;
  const heading = html`<a href="${href(ctx, `/packages/${p.number}`)}"><span class="kicker">${t('package.label', { number: p.number })}</span> ${txt(p.title, ctx)}</a>`;
  return html`<article class="card package-card level-${p.level}">
    ${packageIllustration(p.number, 'card-visual')}
    <p class="card-tag">${tag(t(`package.level.${p.level}`), p.level === 'advanced' ? 'purple' : 'brand')}</p>
    ${headingLevel === 2 ? html`<h2>${heading}</h2>` : html`<h3>${heading}</h3>`}
    ${p.subtitle ? html`<p${langOf(p.subtitle, ctx)}>${p.subtitle.value}</p>` : ''}
    <ol class="station-list">
      ${p.stations.map(
        (s) =>
          html`<li><a href="${href(ctx, `/packages/${p.number}/stations/${s.position}`)}">${t('station.label', { number: s.position })}${t('format.colon')}${txt(s.title, ctx)}</a></li>`,
      )}
    </ol>
  </article>`;
}
