import { Marked, type Token } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { raw, type Html } from './html.ts';

// Long text is Markdown, rendered and sanitised on the server. Content comes from editors, so
// only a small set of tags survives and links get safe attributes.

const marked = new Marked({ gfm: true, breaks: false, async: false });

const policy: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'a', 'ul', 'ol', 'li', 'blockquote', 'h2', 'h3', 'h4', 'code', 'pre', 'abbr'],
  allowedAttributes: { a: ['href', 'title', 'hreflang', 'rel'], abbr: ['title'] },
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

export function renderMarkdown(source: string | null | undefined): Html {
  if (!source) return raw('');
  return raw(sanitizeHtml(marked.parse(source) as string, policy));
}

/** The words of a Markdown text without its markup, for search and descriptions. */
export function plainText(source: string | null | undefined): string {
  if (!source) return '';
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if ('tokens' in token && token.tokens?.length) walk(token.tokens);
      else if ('items' in token && Array.isArray(token.items)) walk(token.items as Token[]);
      else if (token.type === 'text' || token.type === 'codespan' || token.type === 'code') out.push(String(token.text));
      else if (token.type === 'space') out.push(' ');
    }
    if (tokens.length) out.push(' ');
  };
  walk(marked.lexer(source));
  return out.join('').replace(/\s+/g, ' ').trim();
}
