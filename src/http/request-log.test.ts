import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { langOfUrl } from './lang.ts';
import { lazyChildLogger } from './request-log.ts';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    stream,
    lines: () =>
      text
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe("a request's lazy logger", () => {
  const app = (level: string) => {
    const out = capture();
    const fastify = Fastify({
      logger: { level, stream: out.stream },
      childLoggerFactory: lazyChildLogger,
      disableRequestLogging: true,
      genReqId: () => 'req-7',
    });
    // As app.ts does: failures are logged by the error handler, through the request's logger.
    fastify.setErrorHandler((error, request, reply) => {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send('failed');
    });
    fastify.get('/ok', (request) => {
      request.log.info({ step: 1 }, 'quiet');
      return 'ok';
    });
    fastify.get('/fails', (request) => {
      request.log.warn({ step: 2 }, 'about to fail');
      throw new Error('broken');
    });
    fastify.get('/child', (request) => {
      request.log.child({ part: 'x' }).error('from a child');
      return 'ok';
    });
    return { fastify, out };
  };

  test('writes nothing below the level, and errors with the request id as pino would', async () => {
    const { fastify, out } = app('warn');
    assert.equal((await fastify.inject('/ok')).statusCode, 200);
    assert.deepEqual(out.lines(), []);
    assert.equal((await fastify.inject('/fails')).statusCode, 500);
    const lines = out.lines();
    assert.ok(lines.some((l) => l.msg === 'about to fail' && l.reqId === 'req-7' && l.step === 2 && l.level === 40));
    assert.ok(
      lines.some(
        (l) => l.reqId === 'req-7' && l.level === 50 && l.msg === 'request failed' && (l.err as { message?: string } | undefined)?.message === 'broken',
      ),
    );
    await fastify.close();
  });

  test('logs at enabled levels with the request id, and its children keep it', async () => {
    const { fastify, out } = app('info');
    await fastify.inject('/ok');
    await fastify.inject('/child');
    const lines = out.lines();
    assert.ok(lines.some((l) => l.msg === 'quiet' && l.reqId === 'req-7' && l.step === 1));
    assert.ok(lines.some((l) => l.msg === 'from a child' && l.reqId === 'req-7' && l.part === 'x'));
    await fastify.close();
  });
});

test('the language of an address is its first segment, if it is a language', () => {
  assert.equal(langOfUrl('/fr/library?q=x'), 'fr');
  assert.equal(langOfUrl('/ar'), 'ar');
  assert.equal(langOfUrl('/en?x=1'), 'en');
  assert.equal(langOfUrl('/en#top'), 'en');
  assert.equal(langOfUrl('/xx/library'), null);
  assert.equal(langOfUrl('/english'), null);
  assert.equal(langOfUrl('/'), null);
  assert.equal(langOfUrl(''), null);
});
