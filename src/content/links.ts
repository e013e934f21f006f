import type { ContentPack, Item } from './pack.ts';

// The rules for addresses that lead out of the platform, and the starter content's promise that
// no resource is a dead end: each one links to its publisher's page or says why not (noLink) and,
// where it could be confirmed, where to ask (ask). npm run content:check applies them to the
// starter pack; content/link-sources.yml records where each address was confirmed.

/** Query parameters that only track the visitor: an address keeps none of them. */
const TRACKING = /^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|_hsenc$|_hsmi$|yclid$|msclkid$)/i;

/** What is wrong with an outgoing address, or null when it is an https address we can show as is. */
export function linkProblem(address: string): string | null {
  if (/\s/.test(address)) return 'has white space in it';
  let u: URL;
  try {
    u = new URL(address);
  } catch {
    return 'is not a web address';
  }
  if (u.protocol !== 'https:') return 'must start with https://';
  if (!u.hostname || !u.hostname.includes('.')) return 'has no host name';
  if (u.username || u.password) return 'must not carry a user name or password';
  const tracking = [...u.searchParams.keys()].find((k) => TRACKING.test(k));
  if (tracking) return `must not carry the tracking parameter ${tracking}`;
  return null;
}

/** Every outgoing address an item holds, with its field: a resource's link and ask, a case study's or spotlight item's link. */
export function linksOf(item: Item): { field: 'link' | 'ask'; address: string }[] {
  const fields = item.fields as { link?: string; ask?: string };
  const out: { field: 'link' | 'ask'; address: string }[] = [];
  if (fields.link) out.push({ field: 'link', address: fields.link });
  if (item.kind === 'resource' && fields.ask) out.push({ field: 'ask', address: fields.ask });
  return out;
}

/** The starter pack's link rules, as "key: problem" lines; empty when the pack keeps them. */
export function starterLinkProblems(pack: ContentPack): string[] {
  const problems: string[] = [];
  for (const item of pack.items) {
    for (const { field, address } of linksOf(item)) {
      const problem = linkProblem(address);
      if (problem) problems.push(`${item.key}: ${field} "${address}" ${problem}`);
    }
    if (item.kind === 'resource') {
      const r = item as Item<'resource'>;
      if (!r.fields.link && !r.fields.noLink) problems.push(`${item.key}: needs a link to the publisher's page, or noLink saying why there is none`);
    }
  }
  return problems;
}
