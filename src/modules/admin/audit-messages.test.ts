import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { catalogues } from '../../i18n/messages.ts';

// Every action written to the audit log has its sentence in the catalogues, so the log reads as
// sentences in every language (the page lists an action without one by its name; a moderation
// step once had none, and the whole page failed).

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );

test('every audited action has its sentence in every language', () => {
  const actions = new Set<string>();
  for (const file of files('src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/audit\(\s*\w+,\s*[\w.!]+,\s*(?:'([a-z][\w.-]*)'|([^,]*\?[^,]*))/g)) {
      if (m[1]) actions.add(m[1]);
      // a choice between two actions: `on ? 'a.b' : 'a.c'`
      for (const q of (m[2] ?? '').matchAll(/'([a-z][\w.-]*)'/g)) actions.add(q[1]!);
    }
    // a decision's action: `community.post.${decision}`
    if (text.includes('`community.post.${decision}`')) for (const d of ['approve', 'keep', 'remove']) actions.add(`community.post.${d}`);
  }
  assert.ok(actions.size > 30, `found ${actions.size} actions`);
  for (const [lang, catalogue] of Object.entries(catalogues))
    for (const a of actions) assert.ok(`admin.audit.action.${a}` in catalogue, `${lang}: no sentence for the audited action "${a}"`);
});
