import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../test/helpers/app.ts';
import { noticeOf, withNotice } from './notice.ts';

describe('the notice after a redirect', () => {
  const notices = { saved: 'centre.notice.saved' };

  test('a page shows only the notices it knows', () => {
    assert.equal(noticeOf({ done: 'saved' }, notices), 'centre.notice.saved');
    assert.equal(noticeOf({ done: 'deleted' }, notices), undefined);
    assert.equal(noticeOf({}, notices), undefined);
    assert.equal(noticeOf(undefined, notices), undefined);
    assert.equal(noticeOf({ done: ['saved', 'saved'] }, notices), undefined);
  });

  test('names every object has are not notices', () => {
    for (const done of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) assert.equal(noticeOf({ done }, notices), undefined, done);
  });

  test('the notice goes into the query, before a fragment', () => {
    assert.equal(withNotice('/en/admin/resources/1', 'saved'), '/en/admin/resources/1?done=saved');
    assert.equal(withNotice('/en/x?tab=2', 'saved'), '/en/x?tab=2&done=saved');
    assert.equal(withNotice('/en/admin/case-studies/ceef#attachments', 'file-added'), '/en/admin/case-studies/ceef?done=file-added#attachments');
  });

  describe('over HTTP', () => {
    let t: TestApp;
    before(async () => {
      t = await testApp();
    });
    after(() => t.close());

    test('a made-up notice in a shared address shows the page without one, never an error', async () => {
      for (const done of ['constructor', 'toString', '__proto__', 'nonsense']) {
        const res = await t.get(`/en/account/sign-in?done=${done}`);
        assert.equal(res.statusCode, 200, done);
        assert.doesNotMatch(res.body, /class="notice[ "]/, done);
      }
      const known = await t.get('/en/account/sign-in?done=confirmed');
      assert.match(known.body, /class="notice( notice-success)?" role="status"/);
    });
  });
});
