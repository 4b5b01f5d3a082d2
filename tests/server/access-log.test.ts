import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/logger.ts';
import { createTestApp, injectAsk, openFixtureState, type FixtureState } from '../support/app.ts';
import { ROOT } from '../support/paths.ts';

const SECRET = 'Làm giấy chứng tử cho ông Nguyễn Văn Bímật cần gì';

describe('the access log', () => {
  let fixture: FixtureState;
  beforeAll(async () => {
    fixture = await openFixtureState();
  });
  afterAll(() => fixture?.cleanup());

  it('writes one JSON line per request, with the answer mode and never the question', async () => {
    let text = '';
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
    const app = await createTestApp(fixture, {}, createLogger({ level: 'info', destination: capture }));
    await injectAsk(app, { question: SECRET });
    await app.inject({
      method: 'POST',
      url: `/api/ask?question=${encodeURIComponent(SECRET)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `question=${encodeURIComponent(SECRET)}`,
    });
    await injectAsk(app, { question: SECRET, k: 99 });
    await app.inject('/api/health');
    await app.close();

    expect(text).not.toContain('Bímật');
    expect(text).not.toContain(encodeURIComponent('Bímật'));
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const access = lines.filter((l) => l['msg'] === 'request completed');
    expect(access.map((l) => [l['method'], l['url'], l['statusCode'], l['mode']])).toEqual([
      ['POST', '/api/ask', 200, 'lexical'],
      ['POST', '/api/ask', 200, 'lexical'],
      ['POST', '/api/ask', 400, undefined],
      ['GET', '/api/health', 200, undefined],
    ]);
    expect(access[0]).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      reqId: expect.any(String) as unknown,
      method: 'POST',
      url: '/api/ask',
      route: '/api/ask',
      statusCode: 200,
      responseTime: expect.any(Number) as unknown,
      ip: '127.0.0.1',
      mode: 'lexical',
      msg: 'request completed',
    });
  });

  it('writes errors to stderr with their stack, and the rest to stdout', () => {
    const script = `
      import { createLogger } from './src/server/logger.ts';
      const log = createLogger({ level: 'info' });
      log.info({ statusCode: 200 }, 'request completed');
      log.error({ err: new Error('the disk is full') }, 'question log: could not record a question');
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const out = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    const err = run.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>);
    expect(out.map((l) => l['msg'])).toEqual(['request completed']);
    expect(err.map((l) => [l['level'], l['msg']])).toEqual([['error', 'question log: could not record a question']]);
    expect(err[0]!['err']['stack']).toMatch(/^Error: the disk is full\n\s+at /);
  });
});
