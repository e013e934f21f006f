import type { PageContext } from '../../../http/context.ts';
import { tag } from '../../../ui/components/tag/tag.ts';
import { html, type Html } from '../../../ui/html.ts';
import { renderMarkdown } from '../../../ui/markdown.ts';
import type { PostStatus } from '../lists.ts';

// A post's parts that topics and moderation's pages share: its text rendered from Markdown (kept
// by its text), its language marked up inside a page in another, and the tag its state shows.

const RTL = new Set(['ar', 'he']);

/**
 * Posts rendered from Markdown, kept by their text (and direction): a post's HTML depends on
 * nothing else, and rendering and sanitising 50 of them was most of a topic page's time. Keyed by
 * content, never by id, so an edit or a restored database cannot show stale text. At most
 * RENDERED_BYTES of text and HTML are kept; the least recently shown go first.
 */
const rendered = new Map<string, Html>();
const RENDERED_BYTES = 8 * 1024 * 1024;
let renderedBytes = 0;
export function postHtml(post: { body: string; lang: string }): Html {
  const key = `${directionOf(post.lang)}:${post.body}`;
  let out = rendered.get(key);
  if (out) rendered.delete(key);
  else {
    out = renderMarkdown(post.body, directionOf(post.lang) === 'rtl', { userWritten: true });
    renderedBytes += key.length + out.value.length;
  }
  rendered.set(key, out);
  for (const [k, v] of rendered) {
    if (renderedBytes <= RENDERED_BYTES) break;
    rendered.delete(k);
    renderedBytes -= k.length + v.value.length;
  }
  return out;
}
const directionOf = (lang: string) => (RTL.has(lang) ? 'rtl' : 'ltr');

/** lang and dir for content in `lang` inside a page in ctx.lang. */
export function langAttrs(ctx: PageContext, lang: string): Html {
  if (lang === ctx.lang) return html``;
  const dir = directionOf(lang);
  return dir === ctx.dir ? html` lang="${lang}"` : html` lang="${lang}" dir="${dir}"`;
}

/** The tag a post's state shows to those who see it anyway (its author, the facilitators). */
export function statusTag(ctx: PageContext, status: PostStatus): Html | '' {
  if (status === 'shown') return '';
  return tag(ctx.t(`community.status.${status}`), status === 'removed' ? 'error' : 'warning');
}
