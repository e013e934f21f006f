import type { PageContext } from '../../../http/context.ts';
import type { Text } from '../../../i18n/localise.ts';
import { escapeHtml as esc } from '../../../ui/html.ts';
import { plainText } from '../../../ui/markdown.ts';
import type { ResourceCard } from '../service.ts';

/** An Atom feed of the newest resources, in the reader's language. */
export function feedXml(ctx: PageContext, items: ResourceCard[], types: Map<string, Text>): string {
  const base = `${ctx.baseUrl}/${ctx.lang}`;
  const updated = new Date().toISOString();
  const entries = items.map((r) => {
    const url = `${base}/library/${r.slug}`;
    return `<entry>
<id>${esc(url)}</id>
<title xml:lang="${r.title.lang}">${esc(r.title.value)}</title>
<link rel="alternate" type="text/html" href="${esc(url)}"/>
<updated>${new Date(r.updatedAt).toISOString()}</updated>
<author><name>${esc(r.source)}</name></author>
<category term="${esc(r.type)}" label="${esc(types.get(r.type)?.value ?? r.type)}"/>
${r.description ? `<summary xml:lang="${r.description.lang}">${esc(plainText(r.description.value))}</summary>` : ''}
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${ctx.lang}">
<id>${esc(`${base}/library/feed.xml`)}</id>
<title>${esc(ctx.t('feed.title'))}</title>
<link rel="self" href="${esc(`${base}/library/feed.xml`)}"/>
<link rel="alternate" type="text/html" href="${esc(`${base}/library`)}"/>
<updated>${updated}</updated>
${entries.join('\n')}
</feed>`;
}
