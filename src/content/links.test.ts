import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { resourceFile } from './format.ts';
import { linkProblem, linksOf, starterLinkProblems } from './links.ts';
import { readContentPack, type Item } from './pack.ts';

// Every address that leads out of the platform is a clean https address whose confirmation is on
// record, and no starter resource is a dead end: it links, or says why not and where to ask.

describe('an outgoing address', () => {
  test('is https with a host, and carries no credentials, tracking or white space', () => {
    assert.equal(linkProblem('https://ec.europa.eu/social/main.jsp?langId=en&catId=1315'), null);
    assert.equal(linkProblem('https://projectseed.eu/what-we-do/'), null);
    assert.match(linkProblem('http://www.ilo.org/skills')!, /https/);
    assert.match(linkProblem('ftp://example.org/file')!, /https/);
    assert.match(linkProblem('https://user:secret@example.org/')!, /user name or password/);
    assert.match(linkProblem('https://example.org/page?utm_source=newsletter')!, /tracking parameter utm_source/);
    assert.match(linkProblem('https://example.org/page?fbclid=abc')!, /tracking parameter fbclid/);
    assert.match(linkProblem('https://example.org/a page')!, /white space/);
    assert.match(linkProblem(' https://example.org/')!, /white space/);
    assert.match(linkProblem('https://localhost/')!, /host name/);
    assert.match(linkProblem('not-an-address')!, /not a web address/);
  });

  test('a resource links or gives a reason, never both, and asks only with a reason', () => {
    const base = { slug: 'x', title: 'X', type: 'guideline', source: 'Someone' };
    assert.ok(resourceFile.safeParse({ ...base, link: 'https://example.org/x' }).success);
    assert.ok(resourceFile.safeParse({ ...base, noLink: 'unconfirmed' }).success);
    assert.ok(resourceFile.safeParse({ ...base, noLink: 'unconfirmed', ask: 'https://example.org/' }).success);
    assert.equal(resourceFile.safeParse({ ...base, link: 'https://example.org/x', noLink: 'unconfirmed' }).success, false);
    assert.equal(resourceFile.safeParse({ ...base, ask: 'https://example.org/' }).success, false);
    assert.equal(resourceFile.safeParse({ ...base, noLink: 'lost' }).success, false);
  });
});

describe('the starter content links', () => {
  test('every link and ask has the right form, and every resource links or says why not', async () => {
    const pack = await readContentPack('content');
    assert.deepEqual(starterLinkProblems(pack), []);
    const resources = pack.items.filter((i): i is Item<'resource'> => i.kind === 'resource');
    assert.equal(resources.length, 24);
    for (const r of resources) assert.ok(r.fields.link || r.fields.noLink, r.key);
    // Most resources now lead to their publisher's page; the first version had one link in 24.
    assert.ok(resources.filter((r) => r.fields.link).length >= 11);
    // A pack that breaks the rules is reported, item by item.
    const broken = { ...pack, items: [...pack.items, { ...resources[0]!, key: 'resources/broken', fields: { ...resources[0]!.fields, link: 'http://example.org/?utm_medium=x', noLink: undefined } }] };
    assert.deepEqual(starterLinkProblems(broken), ['resources/broken: link "http://example.org/?utm_medium=x" must start with https://']);
    const silent = { ...pack, items: [{ ...resources[0]!, key: 'resources/silent', fields: { ...resources[0]!.fields, link: undefined, noLink: undefined, ask: undefined } }] };
    assert.deepEqual(starterLinkProblems(silent), ["resources/silent: needs a link to the publisher's page, or noLink saying why there is none"]);
  });

  test('every address is on record in content/link-sources.yml with where it was confirmed, and nothing there is stale', async () => {
    const pack = await readContentPack('content');
    const register = parseYaml(readFileSync('content/link-sources.yml', 'utf8')) as Record<string, Record<string, { address: string; confirmed: string }>>;
    const inContent = new Map<string, string>();
    for (const item of pack.items) for (const { field, address } of linksOf(item)) inContent.set(`${item.key} ${field}`, address);
    const onRecord = new Map<string, string>();
    for (const [key, fields] of Object.entries(register)) {
      for (const [field, entry] of Object.entries(fields)) {
        assert.ok(entry.confirmed.trim().length > 20, `${key} ${field}: says where it was confirmed`);
        onRecord.set(`${key} ${field}`, entry.address);
      }
    }
    assert.deepEqual(new Map([...onRecord].sort()), new Map([...inContent].sort()));
  });
});
