import type { PageContext } from '../../http/context.ts';
import { componentExamples } from '../../ui/components/examples.ts';
import { html } from '../../ui/html.ts';
import { href, layout } from '../../ui/layout.ts';

/** The design-system page: every example under its name, or (with `only`) one example alone. */
export function designSystemView(ctx: PageContext, only?: string): string {
  const { t } = ctx;
  const page = href(ctx, '/design-system');
  if (only) {
    const example = componentExamples.flatMap((c) => c.examples).find((e) => e.name === only)!;
    const body = html`<h1><code>${example.name}</code></h1>
      <div class="ds-example" id="example">${example.render(ctx)}</div>
      <p><a href="${page}#${example.name}">${t('ds.all')}</a></p>`;
    return layout(ctx, { title: `${example.name} – ${t('ds.title')}`, body, index: false, pageType: 'design-system' });
  }
  const body = html`<h1>${t('ds.title')}</h1>
    <p class="lead">${t('ds.intro')}</p>
    <nav class="toc" aria-labelledby="ds-contents">
      <h2 class="toc-title" id="ds-contents">${t('ds.contents')}</h2>
      <ul class="inline-list">${componentExamples.map((c) => html`<li><a href="#component-${c.component}"><code>${c.component}</code></a></li>`)}</ul>
    </nav>
    ${componentExamples.map(
      (c) => html`<section class="ds-component" aria-labelledby="component-${c.component}">
        <h2 id="component-${c.component}"><code>${c.component}</code></h2>
        ${c.examples.map(
          (e) => html`<section class="ds-example-section" aria-labelledby="${e.name}">
            <h3 id="${e.name}"><code>${e.name}</code></h3>
            <div class="ds-example">${e.render(ctx)}</div>
            <p class="meta"><a href="${page}?example=${e.name}">${t('ds.alone')}</a></p>
          </section>`,
        )}
      </section>`,
    )}`;
  return layout(ctx, { title: t('ds.title'), description: t('ds.intro'), body, index: false, pageType: 'design-system' });
}
