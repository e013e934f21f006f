import { Marked, type Token } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { raw, type Html } from './html.ts';

// Long text is Markdown, rendered and sanitised on the server. Content comes from editors, so
// only a small set of tags survives and links get safe attributes.

const marked = new Marked({ gfm: true, breaks: false, async: false });

// In right-to-left text, a run of Latin words (a name such as "Erasmus+", "ETF Network for
// Excellence") is isolated with <bdi>: otherwise the bidi algorithm moves its trailing "+" or
// ")" to the wrong end ("+Erasmus").
const LATIN_RUN = /[A-Za-z][\w+.'’&/-]*(?:[ \u00A0]+[A-Za-z0-9][\w+.'’&/-]*)*/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeText = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function isolateLatin(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(LATIN_RUN)) {
    const run = m[0].replace(/[.'’]+$/, '');
    if (!/[A-Za-z]/.test(run)) continue;
    out += `${escapeText(text.slice(last, m.index))}<bdi>${escapeText(run)}</bdi>`;
    last = m.index + run.length;
  }
  return out + escapeText(text.slice(last));
}

const rtlMarked = new Marked({ gfm: true, breaks: false, async: false });
rtlMarked.use({
  renderer: {
    text(token) {
      return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens) : isolateLatin(token.text);
    },
  },
});

const policy: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'a', 'ul', 'ol', 'li', 'blockquote', 'h2', 'h3', 'h4', 'code', 'pre', 'abbr', 'span', 'bdi'],
  // lang (and dir) mark a name or title kept in its own language inside translated text.
  allowedAttributes: { a: ['href', 'title', 'hreflang', 'rel', 'lang'], abbr: ['title', 'lang'], span: ['lang', 'dir'], bdi: ['lang', 'dir'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: {
    // One h1 per page: headings inside content start at h2.
    h1: 'h2',
    a: (tagName, attribs) => {
      const external = /^https?:/i.test(attribs.href ?? '');
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener noreferrer' } : attribs };
    },
  },
  allowedSchemesAppliedToAttributes: ['href'],
};
/** The same for what people write (posts, centres' descriptions): their links are marked as theirs, not the platform's. */
const userPolicy: sanitizeHtml.IOptions = {
  ...policy,
  transformTags: {
    ...policy.transformTags,
    a: (tagName, attribs) => ({ tagName, attribs: /^https?:/i.test(attribs.href ?? '') ? { ...attribs, rel: 'nofollow ugc noopener noreferrer' } : attribs }),
  },
};

/**
 * Markdown as sanitised HTML; `rtl` for text in a right-to-left language, whose Latin runs are
 * isolated; `userWritten` for text a member wrote (links get rel="nofollow ugc").
 */
export function renderMarkdown(source: string | null | undefined, rtl = false, o: { userWritten?: boolean } = {}): Html {
  if (!source) return raw('');
  return raw(sanitizeHtml((rtl ? rtlMarked : marked).parse(source) as string, o.userWritten ? userPolicy : policy));
}

/**
 * Whether a text may hold Markdown: a character that can start markup, or a line that can start a
 * list, a heading underline or a code block. Most descriptions have none (plain paragraphs), and
 * then their plain text is the text itself, without a pass of the Markdown lexer.
 */
const MAY_BE_MARKDOWN = /[\\`*_[\]#<>|~&!]|^[ \t]*(?:[-+]|\d+[.)])(?:[ \t]|$)|^ {0,3}[-=]{2,}|^(?: {4}|\t)/m;

/** Markdown tokens inside a line of text (the others are blocks, or line breaks) */
const INLINE = new Set(['text', 'strong', 'em', 'del', 'link', 'codespan', 'escape', 'image']);

/** The words of a Markdown text without its markup, for search and descriptions. */
export function plainText(source: string | null | undefined): string {
  if (!source) return '';
  if (!MAY_BE_MARKDOWN.test(source)) return source.replace(/\s+/g, ' ').trim();
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      const children = 'tokens' in token && token.tokens?.length ? token.tokens : null;
      if (children) walk(children);
      else if ('items' in token && Array.isArray(token.items)) walk(token.items as Token[]);
      else if (token.type === 'text' || token.type === 'codespan' || token.type === 'code' || token.type === 'escape') out.push(String(token.text));
      // Blocks (and a list item's text) end with a space; words marked up inside a sentence do not,
      // so "**two weeks**?" stays "two weeks?".
      if (!INLINE.has(token.type) || (token.type === 'text' && children)) out.push(' ');
    }
  };
  walk(marked.lexer(source));
  return out.join('').replace(/\s+/g, ' ').trim();
}

/** The start of a Markdown text as plain words, at most `max` characters, cut after a whole word with an ellipsis. */
export function plainExcerpt(source: string | null | undefined, max: number): string {
  const plain = plainText(source);
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > 0 ? space : max)}…`;
}
