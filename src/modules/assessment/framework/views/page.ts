import type { PageContext } from '../../../../http/context.ts';
import { html } from '../../../../ui/html.ts';
import { href, layout } from '../../../../ui/layout.ts';
import { langOf, txt } from '../../../../ui/text.ts';
import { inLang, type FrameworkDocument, type IndicatorDoc } from '../document.ts';
import { startButton } from './landing.ts';
import type { LinkLabels } from '../service.ts';
import { tag } from '../../../../ui/components/tag/tag.ts';

// The framework of vocational excellence as a page: every dimension, criterion and indicator
// with its explanation, who is asked, and where in the Knowledge Packages a centre finds help.
// `?core=1` shows only the short set for a first round.

const stationPath = (key: string) => {
  const [, p, s] = /^package-(\d+)-station-(\d+)$/.exec(key)!;
  return `/packages/${p!}/stations/${s!}`;
};

function indicator(ctx: PageContext, i: IndicatorDoc, labels: LinkLabels) {
  const { t } = ctx;
  const statement = inLang(i.statement, ctx);
  const explanation = inLang(i.explanation, ctx);
  const stations = i.stations.filter((s) => labels.stations.has(s));
  const resources = i.resources.filter((r) => labels.resources.has(r));
  return html`<li class="indicator" id="${i.id}">
    <p class="indicator-statement"${langOf(statement, ctx)}>${statement.value}${i.core ? html` ${tag(t('assessment.core'))}` : ''}</p>
    <p class="hint"${langOf(explanation, ctx)}>${explanation.value}</p>
    <p class="meta">${t('assessment.askedOf', { groups: new Intl.ListFormat(ctx.lang, { type: 'conjunction' }).format(i.groups.map((g) => t(`assessment.group.${g}`))) })}</p>
    ${
      stations.length || resources.length
        ? html`<p class="meta">${t('assessment.help')}
          ${[
            ...stations.map((s) => html`<a href="${href(ctx, stationPath(s))}">${txt(labels.stations.get(s), ctx)}</a>`),
            ...resources.map((r) => html`<a href="${href(ctx, `/library/${r}`)}">${txt(labels.resources.get(r), ctx)}</a>`),
          ].map((link, n) => (n === 0 ? link : html` · ${link}`))}</p>`
        : ''
    }
  </li>`;
}

export function frameworkView(ctx: PageContext, doc: FrameworkDocument, version: number, core: boolean, labels: LinkLabels): string {
  const { t } = ctx;
  const title = inLang(doc.title, ctx);
  const description = inLang(doc.description, ctx);
  const all = doc.dimensions.flatMap((d) => d.criteria.flatMap((c) => c.indicators));
  const shown = (list: IndicatorDoc[]) => (core ? list.filter((i) => i.core) : list);
  const body = html`<h1${langOf(title, ctx)}>${title.value}</h1>
    <p class="lead"${langOf(description, ctx)}>${description.value}</p>
    <p class="actions">${startButton(ctx)} <a href="${href(ctx, '/self-assessment')}">${t('home.assessment.more')}</a></p>
    <p class="meta">${t('assessment.summary', { dimensions: doc.dimensions.length, criteria: doc.dimensions.flatMap((d) => d.criteria).length, indicators: all.length, core: all.filter((i) => i.core).length, version })}</p>
    <nav aria-label="${t('assessment.show')}" class="filters-inline">
      <ul class="link-list">
        <li>${core ? html`<a href="${href(ctx, '/self-assessment/framework')}">${t('assessment.showAll')}</a>` : html`<strong aria-current="page">${t('assessment.showAll')}</strong>`}</li>
        <li>${core ? html`<strong aria-current="page">${t('assessment.showCore')}</strong>` : html`<a href="${href(ctx, '/self-assessment/framework?core=1')}">${t('assessment.showCore')}</a>`}</li>
      </ul>
    </nav>
    ${doc.dimensions.map((d) => {
      const dt = inLang(d.title, ctx);
      const dd = inLang(d.description, ctx);
      return html`<section aria-labelledby="dimension-${d.id}">
        <h2 id="dimension-${d.id}"${langOf(dt, ctx)}>${dt.value}</h2>
        <p${langOf(dd, ctx)}>${dd.value}</p>
        ${d.criteria.map((c) => {
          const ct = inLang(c.title, ctx);
          const cd = inLang(c.description, ctx);
          const list = shown(c.indicators);
          return html`<section aria-labelledby="criterion-${c.id}" class="criterion">
            <h3 id="criterion-${c.id}"${langOf(ct, ctx)}>${ct.value}</h3>
            <p${langOf(cd, ctx)}>${cd.value}</p>
            <ol class="indicators">${list.map((i) => indicator(ctx, i, labels))}</ol>
          </section>`;
        })}
      </section>`;
    })}`;
  return layout(ctx, { title: title.value, description: description.value, body, pageType: 'framework' });
}
