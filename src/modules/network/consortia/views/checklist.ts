import type { PageContext } from '../../../../http/context.ts';
import { tag } from '../../../../ui/components/tag/tag.ts';
import { html, type Html } from '../../../../ui/html.ts';
import { href } from '../../../../ui/layout.ts';
import type { RuleResult } from '../../consortium/checklist.ts';
import { checklistText, checkNoteText } from '../../consortium/checklist-text.ts';
import type { RuleSet } from '../../consortium/rules/schema.ts';

// The live checklist on the consortium's page: the guide the rules follow and the advice to check
// the current one, then each rule met or not, with what the consortium has or what would meet it.
// Where centres of the platform could fill a gap, a link to the directory finds them: centres open
// to CoVE consortia in a country short of a VET provider, or anywhere when countries are short.

/** The directory, filtered to centres that offer to join CoVE consortia (in a country). */
const directoryLink = (ctx: PageContext, country?: string) => href(ctx, `/centres?${country ? `country=${country}&` : ''}offers=cove-consortium`);

/** Links to centres that would fill the rule's gap: only gaps a centre of the platform (a VET provider) can fill. */
function gapLinks(ctx: PageContext, set: RuleSet, r: RuleResult): Html {
  const { t } = ctx;
  if (r.met) return html``;
  if (r.kind === 'min-countries') return html`<p><a href="${directoryLink(ctx)}">${t('consortium.checklist.findCountries')}</a></p>`;
  if (r.kind !== 'kinds-per-country') return html``;
  const rule = set.rules.find((x) => x.id === r.ruleId);
  const vet = new Set(rule?.kind === 'kinds-per-country' ? rule.groups.filter((g) => g.kinds.includes('vet-provider')).map((g) => g.id) : []);
  const countries = r.missing.filter((m) => m.groups.some((g) => vet.has(g))).map((m) => m.country);
  if (!countries.length) return html``;
  return html`<ul class="gap-links">
    ${countries.map((c) => html`<li><a href="${directoryLink(ctx, c)}">${t('consortium.checklist.findIn', { country: ctx.format.country(c) })}</a></li>`)}
  </ul>`;
}

export function checklistSection(ctx: PageContext, set: RuleSet, results: RuleResult[]): Html {
  const { t } = ctx;
  const words = checklistText(ctx, results);
  const met = results.filter((r) => r.met).length;
  return html`<section aria-labelledby="checklist-heading" class="consortium-checklist">
    <h2 id="checklist-heading">${t('consortium.checklist.heading')}</h2>
    <p><strong>${t('consortium.checklist.summary', { met, rules: results.length })}</strong></p>
    <p class="hint">${checkNoteText(ctx, set)}</p>
    <ol class="rule-list">
      ${words.map(
        (w, i) => html`<li class="${w.met ? 'rule-met' : 'rule-missing'}" data-rule="${w.ruleId}">
          <p class="rule-head">${tag(w.state, w.met ? 'success' : 'warning')} <strong>${w.rule}</strong></p>
          ${w.status.length === 1 ? html`<p>${w.status[0]}</p>` : html`<ul>${w.status.map((x) => html`<li>${x}</li>`)}</ul>`}
          ${w.invited ? html`<p class="hint">${w.invited}</p>` : ''}
          ${w.note ? html`<p class="hint">${w.note}</p>` : ''}
          ${gapLinks(ctx, set, results[i]!)}
        </li>`,
      )}
    </ol>
  </section>`;
}
