import assert from 'node:assert/strict';
import { HtmlValidate, StaticConfigLoader, type Message } from 'html-validate';

// html-validate with the project's settings, for markup as the server sends it.

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

/** Fails with each problem's line, rule and message when html-validate finds anything in the served HTML. */
export async function assertValidHtml(markup: string, what: string): Promise<void> {
  const report = await validator.validateString(markup, `${what}.html`);
  const errors = report.results.flatMap((r) => r.messages);
  const describe = (messages: Message[]) =>
    messages.map((m) => `- ${m.line}:${m.column} ${m.ruleId}: ${m.message}${m.selector ? ` (${m.selector})` : ''}`).join('\n');
  assert.equal(errors.length, 0, `html-validate on ${what}:\n${describe(errors)}`);
}
