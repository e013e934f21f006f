import type { PageContext } from '../../../http/context.ts';
import { html, type Html } from '../../../ui/html.ts';
import { searchField } from '../../../ui/components/field/field.ts';
import { href, layout } from '../../../ui/layout.ts';
import { inLanguage } from '../../../ui/text.ts';
import { pager } from '../../../ui/components/pagination/pagination.ts';
import { fold, queryWords } from '../analyse.ts';
import type { SearchHit } from '../provider.ts';

/** The folded text, and for each of its characters the offset of the character it came from. */
function foldWithOffsets(text: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  for (let i = 0; i < text.length;) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    // fold() drops Arabic tashkeel and tatweel and Latin accents, so offsets in the folded text
    // must be mapped back before they cut the original.
    for (const c of fold(ch)) {
      folded += c;
      from.push(i);
    }
    i += ch.length;
  }
  return { folded, from };
}

/** A short passage of the text around the first word of the query, with that word highlighted. */
export function excerpt(text: string, words: string[], max = 220): Html {
  const { folded, from } = foldWithOffsets(text);
  let found = -1;
  for (const word of words) {
    // A short prefix of the word, so other forms of it ("partner" in "partnerships") are found too;
    // without the Arabic article, which the other forms may lack ("الشراكات" finds "شراكة").
    const w = word.replace(/^ال(?=\p{L}{3})/u, '');
    const i = folded.indexOf(w.slice(0, Math.max(3, w.length - 2)));
    if (i !== -1 && (found === -1 || i < found)) found = i;
  }
  if (found === -1) return html`${text.length > max ? `${text.slice(0, max)}…` : text}`;
  let at = from[found]!;
  // An Arabic match may start after the article or a prefix: go back to the start of the word.
  while (at > 0 && /[\p{L}\p{N}\p{M}\u0640]/u.test(text[at - 1]!)) at--;
  const start = Math.max(0, at - 80);
  const end = Math.min(text.length, start + max);
  // Highlight the whole word the match starts in (marks inside a word belong to it).
  const wordEnd = at + (/^[\p{L}\p{N}\p{M}\u0640]*/u.exec(text.slice(at))?.[0].length ?? 0);
  return html`${start > 0 ? '…' : ''}${text.slice(start, at)}<mark>${text.slice(at, wordEnd)}</mark>${text.slice(wordEnd, end)}${end < text.length ? '…' : ''}`;
}

export function searchView(ctx: PageContext, q: string, page: number, pages: number, result: { hits: SearchHit[]; total: number }): string {
  const { t } = ctx;
  const words = queryWords(q);
  const pageHref = (p: number) => href(ctx, `/search?q=${encodeURIComponent(q)}${p > 1 ? `&page=${p}` : ''}`);
  const body = html`<h1>${t('search.heading')}</h1>
    <form class="search-page" action="${href(ctx, '/search')}" method="get" role="search">
      ${searchField({ id: 'search-q', label: t('search.label'), value: q, button: t('search.button') })}
    </form>
    ${
      q
        ? html`<p class="result-count" role="status">${t('search.count', { total: result.total, q })}</p>
        ${
          result.hits.length
            ? html`<ol class="results-list">
              ${result.hits.map(
                (h) => html`<li class="result">
                  <p class="kicker">${t(`search.kind.${h.kind}`)}</p>
                  <h2><a href="${href(ctx, h.path)}"${inLanguage(h.lang, ctx)}>${h.title}</a></h2>
                  <p${inLanguage(h.lang, ctx)}>${excerpt(h.body, words)}</p>
                </li>`,
              )}
            </ol>
            ${pager(
              ctx,
              t('pagination.label'),
              page > 1 ? { href: pageHref(page - 1), text: html`${t('pagination.page', { page: page - 1 })}` } : null,
              page < pages ? { href: pageHref(page + 1), text: html`${t('pagination.page', { page: page + 1 })}` } : null,
            )}`
            : html`<div class="empty-state">
              <h2>${t('search.empty.heading')}</h2>
              <ul>
                <li>${t('search.empty.spelling')}</li>
                <li>${t('search.empty.fewer')}</li>
                <li><a href="${href(ctx, '/library')}">${t('library.empty.browse')}</a></li>
                <li><a href="${href(ctx, '/checker')}">${t('search.empty.checker')}</a></li>
              </ul>
            </div>`
        }`
        : html`<p>${t('search.prompt')}</p>`
    }`;
  return layout(ctx, { title: q ? t('search.titleWith', { q }) : t('search.heading'), body, pageType: 'search', index: false });
}
