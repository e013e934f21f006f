import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { HtmlValidate, StaticConfigLoader, type Message } from 'html-validate';
import { pageCases, startApp, url, type RunningApp } from './pages.ts';

// Every page type's HTML, fetched over HTTP as a browser would get it, validated by html-validate.

const validator = new HtmlValidate(
  new StaticConfigLoader({
    extends: ['html-validate:recommended'],
    rules: {
      // The layout writes the lowercase doctype the HTML standard itself uses; keep it consistent.
      'doctype-style': ['error', { style: 'lowercase' }],
      // Facet and checklist checkboxes share a name on purpose: they submit repeated values (type=a&type=b).
      'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
      // Indentation left by template interpolation in the served markup; invisible and harmless.
      'no-trailing-whitespace': 'off',
      // Package and case-study titles are long by nature and the title must name the page in full (WCAG 2.4.2).
      'long-title': 'off',
    },
  }),
);

let app: RunningApp;

before(async () => {
  app = await startApp();
});

after(async () => {
  await app?.close();
});

function describe(messages: Message[]): string {
  return messages.map((m) => `- ${m.line}:${m.column} ${m.ruleId}: ${m.message}${m.selector ? ` (${m.selector})` : ''}`).join('\n');
}

for (const lang of ['en', 'ar'] as const) {
  for (const p of pageCases) {
    test(`valid HTML: ${p.name} (${lang})`, async () => {
      const response = await fetch(`${app.base}${url(lang, p)}`);
      assert.equal(response.status, p.status);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      const report = await validator.validateString(await response.text(), `${url(lang, p)}.html`);
      const errors = report.results.flatMap((r) => r.messages);
      assert.equal(errors.length, 0, `html-validate on ${url(lang, p)}:\n${describe(errors)}`);
    });
  }
}
