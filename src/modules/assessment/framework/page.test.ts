import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../../../test/helpers/app.ts';

// The framework of vocational excellence as a public page, in three languages.

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const indicators = (body: string) => [...body.matchAll(/<li class="indicator" id="([a-z0-9-]+)">/g)].map((m) => m[1]);

describe('the framework page', () => {
  test('shows every indicator with its explanation, who is asked, and where to find help', async () => {
    const res = await t.get('/en/self-assessment/framework');
    assert.equal(res.statusCode, 200);
    assert.equal(indicators(res.body).length, 124);
    assert.match(res.body, /Dimensions: 3 · Criteria: 21 · Indicators: 124, 30 of them in the core set · Version 1/);
    assert.match(res.body, /<h2 id="dimension-teaching-learning">Teaching and learning<\/h2>/);
    assert.match(res.body, /Asked of: leaders, teachers and trainers, and company partners and in-company trainers/);
    const links = [...new Set([...res.body.matchAll(/href="(\/en\/(?:packages\/\d+\/stations\/\d+|library\/[a-z0-9-]+))"/g)].map((m) => m[1]!))];
    assert.ok(links.length > 10, 'indicators link to stations and resources');
    for (const link of links) assert.equal((await t.get(link)).statusCode, 200, link);
  });

  test('the core set is a bookmarkable address', async () => {
    const res = await t.get('/en/self-assessment/framework?core=1');
    assert.equal(indicators(res.body).length, 30);
    assert.match(res.body, /<strong aria-current="page">The core set for a first round<\/strong>/);
    assert.equal((await t.get('/en/self-assessment/framework?core=yes')).statusCode, 400);
  });

  test('reads in French and Arabic', async () => {
    const fr = await t.get('/fr/self-assessment/framework');
    assert.match(fr.body, /<h1>Référentiel/);
    assert.doesNotMatch(fr.body, /<p class="indicator-statement" lang="en"/, 'every statement is translated');
    const ar = await t.get('/ar/self-assessment/framework?core=1');
    assert.match(ar.body, /<html lang="ar" dir="rtl">/);
    assert.match(ar.body, /المجموعة الأساسية/);
  });
});
