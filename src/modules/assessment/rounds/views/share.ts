import type { PageContext } from '../../../../http/context.ts';
import { languages } from '../../../../i18n/languages.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { button } from '../../../../ui/components/button/button.ts';
import { qrSvg } from '../../../../ui/qr/qr.ts';
import type { StakeholderGroup } from '../../framework/format.ts';

// Sharing a group's open link, for those who manage the round (the link is the centre's secret):
// the address in a read-only field whose text is easy to select, a copy button that the site's
// script brings in (Clipboard API, with a "Copied" status read out by screen readers), the short
// address to write on a board or say aloud (/{lang}/s/ABCD-EFGH) in the same way, the QR code
// drawn on the server, and an A4 poster per language to print for a classroom or a workshop.

/** Where a group's poster is, in a language: …/rounds/{id}/poster/{group}.pdf. */
export const posterPath = (roundPath: string, lang: string, group: StakeholderGroup): string =>
  `${roundPath.replace(/^\/[a-z]{2}\//, `/${lang}/`)}/poster/${group}.pdf`;

/** A button the page's script shows and gives work to: it copies the field `target` and says so. */
const copyButton = (ctx: PageContext, target: string, text: Html): Html =>
  button({
    type: 'button',
    variant: 'secondary',
    className: 'copy-button',
    hidden: true,
    text,
    data: { copy: target, copied: ctx.t('round.share.copied'), failed: ctx.t('round.share.copyFailed') },
  });

export function shareBlock(ctx: PageContext, o: { group: StakeholderGroup; groupName: string; link: string; short: string; roundPath: string }): Html {
  const { t } = ctx;
  const id = `link-${o.group}`;
  const shortId = `short-${o.group}`;
  return html`<div class="share">
    <label for="${id}">${t('round.share.label', { group: o.groupName })}</label>
    <div class="copy-field">
      <input id="${id}" class="share-link" type="text" value="${o.link}" readonly dir="ltr" spellcheck="false" autocomplete="off">
      ${copyButton(ctx, id, html`${t('round.share.copy')}<span class="visually-hidden"> (${o.groupName})</span>`)}
      <span class="copy-status" role="status"></span>
    </div>
    <label for="${shortId}">${t('round.share.shortLabel', { group: o.groupName })}</label>
    <p class="hint" id="${shortId}-hint">${t('round.share.shortHint')}</p>
    <div class="copy-field">
      <input id="${shortId}" class="share-short" type="text" value="${o.short}" readonly dir="ltr" spellcheck="false" autocomplete="off" aria-describedby="${shortId}-hint">
      ${copyButton(ctx, shortId, html`${t('round.share.copyShort')}<span class="visually-hidden"> (${o.groupName})</span>`)}
      <span class="copy-status" role="status"></span>
    </div>
    <details class="share-more">
      <summary>${t('round.share.more')}<span class="visually-hidden"> (${o.groupName})</span></summary>
      <div class="share-body">
        ${qrSvg(o.link, t('round.share.qrLabel', { group: o.groupName }), 'qr-code share-qr')}
        <div>
          <p>${t('round.share.qrHint')}</p>
          <p>${t('round.share.poster')}</p>
          <ul class="poster-links">
            ${languages.map(
              (l) =>
                html`<li><a href="${posterPath(o.roundPath, l, o.group)}" hreflang="${l}" type="application/pdf">${t('round.share.posterIn', { language: ctx.format.language(l) })}<span class="visually-hidden"> (${o.groupName})</span></a></li>`,
            )}
          </ul>
        </div>
      </div>
    </details>
  </div>`;
}
