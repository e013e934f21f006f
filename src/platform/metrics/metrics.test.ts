import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engine, runJobs, testApp, type TestApp } from '../../../test/helpers/app.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { createMailer } from '../../modules/accounts/mail.ts';

// /metrics: Prometheus's text format, for whoever holds METRICS_TOKEN, and for nobody without it.

const TOKEN = 'a-long-metrics-token-for-tests';

describe(`/metrics (${engine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ env: { METRICS_TOKEN: TOKEN } });
  });
  after(() => t.close());
  const scrape = async () => {
    const res = await t.get('/metrics', { authorization: `Bearer ${TOKEN}` });
    assert.equal(res.statusCode, 200);
    return res.body;
  };

  test('is refused without the token, or with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: TOKEN }] as Record<string, string>[]) {
      const res = await t.get('/metrics', headers);
      assert.equal(res.statusCode, 401);
      assert.match(String(res.headers['www-authenticate']), /^Bearer/);
      assert.doesNotMatch(res.body, /http_request/);
    }
  });

  test('counts requests by route pattern and status, with latency buckets, never by raw address', async () => {
    await t.get('/en/packages/1');
    await t.get('/fr/packages/2');
    await t.get('/en/packages/99');
    await t.get('/en/no-such-page-abc');
    await t.get('/en/library?q=partnership');
    const res = await t.get('/metrics', { authorization: `Bearer ${TOKEN}` });
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = res.body;
    assert.match(body, /^http_request_duration_seconds_count\{method="GET",route="\/\{lang\}\/packages\/:number",status_code="200"\} 2$/m);
    assert.match(body, /^http_request_duration_seconds_count\{method="GET",route="\/\{lang\}\/packages\/:number",status_code="404"\} 1$/m);
    assert.match(body, /^http_request_duration_seconds_bucket\{method="GET",route="\/\{lang\}\/packages\/:number",status_code="200",le="0\.005"\} \d+$/m);
    assert.match(body, /^http_request_duration_seconds_bucket\{method="GET",route="\/\{lang\}\/packages\/:number",status_code="200",le="\+Inf"\} 2$/m);
    assert.match(body, /^http_request_duration_seconds_sum\{method="GET",route="\/\{lang\}\/packages\/:number",status_code="200"\} \d/m);
    assert.match(body, /route="\(no route\)",status_code="404"/);
    // Where the index builds ran (the starter library is small: inline, in the search thread).
    assert.match(body, /^index_builds_total\{where="inline"\} [1-9]\d*$/m);
    assert.match(body, /^index_builds_total\{where="fallback"\} 0$/m);
    assert.doesNotMatch(body, /no-such-page-abc|packages\/99/, 'addresses people typed never become series');
  });

  test('shows the queue: jobs waiting, attempts by outcome', async () => {
    await createMailer(t.jobs).send({ to: 'reader@centre.example', subject: 'Hello', body: 'Hello' });
    assert.match(await scrape(), /^jobs_waiting\{queue="mail",state="created"\} 1$/m);
    await runJobs(t);
    const body = await scrape();
    assert.doesNotMatch(body, /^jobs_waiting\{queue="mail",state="created"\}/m);
    assert.match(body, /^job_attempts_total\{queue="mail",outcome="done"\} 1$/m);
    assert.match(body, /^job_duration_seconds_count\{queue="mail"\} 1$/m);
  });

  test('shows the database and the process', async () => {
    const body = await scrape();
    if (engine === 'postgres') {
      assert.match(body, /^db_pool_connections\{state="max"\} \d+$/m);
      assert.match(body, /^db_pool_connections\{state="total"\} [1-9]\d*$/m);
      assert.match(body, /^db_pool_waiting_queries \d+$/m);
    } else {
      assert.match(body, /^sqlite_bytes\{file="database"\} [1-9]\d*$/m);
      assert.match(body, /^sqlite_bytes\{file="wal"\} \d+$/m);
    }
    assert.match(body, /^process_cpu_user_seconds_total \d/m);
    assert.match(body, /^nodejs_eventloop_lag_p99_seconds /m);
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  test('does not exist', async () => {
    const t = await testApp();
    try {
      const res = await t.get('/metrics');
      assert.equal(res.statusCode, 404);
      assert.equal((await t.get('/metrics', { authorization: 'Bearer anything-at-all-here' })).statusCode, 404);
    } finally {
      await t.close();
    }
  });

  test('a token too short stops start-up, without showing it', () => {
    assert.throws(
      () => loadConfig({ METRICS_TOKEN: 'short' }),
      (error: Error) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /METRICS_TOKEN must be at least 16 characters \(value not shown\)/);
        return true;
      },
    );
  });
});
