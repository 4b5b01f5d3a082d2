import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/logger.ts';
import { createTestApp, injectAsk, openFixtureState, type FixtureState } from '../support/app.ts';
import { rawGet, rawRequest } from '../support/raw-http.ts';

/** Over a real socket: these requests never reach a handler through inject. */
describe('requests the server cannot make sense of', () => {
  let fixture: FixtureState;
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    fixture = await openFixtureState();
    app = await createTestApp(fixture, { HANDBOOK_HEADERS_TIMEOUT: '0.5', HANDBOOK_REQUEST_TIMEOUT: '1' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app?.close();
    await fixture?.cleanup();
  });

  it.each(['//x:99999', '//[', '//%', 'http://[/api/ask', '/%', '/api/%zz', '//x:99999/api/health'])(
    'answers the request target %s without crashing, and keeps serving',
    async (target) => {
      for (const method of ['GET', 'POST', 'HEAD']) {
        const res = await rawGet(port, target, method);
        expect(res.status, res.raw).toBeGreaterThanOrEqual(200);
        expect(res.status, res.raw).toBeLessThan(500);
      }
      expect((await rawGet(port, '/api/health')).status).toBe(200);
    },
  );

  it('says what is wrong with a malformed percent-encoding, as JSON', async () => {
    const res = await rawGet(port, '/api/%zz');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      error: {
        code: 'bad_request',
        message: '"/api/%zz" is not a valid address; send a path such as /api/ask, with each "%" followed by two hex digits',
      },
    });
  });

  it('answers a bad Content-Length with a JSON 400', async () => {
    const res = await rawRequest(
      port,
      'POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}',
    );
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual({
      error: {
        code: 'bad_request',
        message: 'the request could not be read (HPE_INVALID_CONTENT_LENGTH); send a well-formed HTTP/1.1 request',
      },
    });
  });

  it('answers headers over 16 KB with a JSON 431', async () => {
    const res = await rawRequest(port, `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toEqual({
      error: {
        code: 'headers_too_large',
        message: 'the request headers are larger than 16 KB; send fewer or shorter headers (cookies for this address, for example)',
      },
    });
  });

  it('answers a client too slow to send its headers with a JSON 408', async () => {
    const started = Date.now();
    const res = await rawRequest(port, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 5000);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body)).toEqual({
      error: {
        code: 'request_timeout',
        message: 'the request took too long to arrive (HANDBOOK_HEADERS_TIMEOUT / HANDBOOK_REQUEST_TIMEOUT); send it again in one go',
      },
    });
  });
});

describe('an error inside a handler', () => {
  let fixture: FixtureState;
  beforeAll(async () => {
    fixture = await openFixtureState();
  });
  afterAll(() => fixture?.cleanup());

  it('becomes a JSON 500 and an error line with its stack, and the service keeps answering', async () => {
    let lines = '';
    const capture = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines += chunk.toString();
        done();
      },
    });
    // The same search, except that answering throws as the old URL parsing did.
    const search: typeof fixture.state.search = Object.create(fixture.state.search);
    search.search = () => Promise.reject(new TypeError('Invalid URL'));
    const broken = { ...fixture.state, search };
    const app = await createTestApp(fixture, {}, createLogger({ level: 'info', destination: capture }), broken);
    const res = await injectAsk(app, { question: 'dang ky khai tu' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: {
        code: 'internal_error',
        message: 'the request could not be completed because of a server error; try again, and tell the IOC team if it persists',
      },
    });
    const errorLine = lines
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>)
      .find((l) => l['level'] === 'error' && l['msg'] === 'POST /api/ask failed');
    expect(errorLine?.['err']?.['stack']).toMatch(/^TypeError: Invalid URL\n\s+at /);
    expect((await app.inject('/api/health')).statusCode).toBe(200);
    await app.close();
  });
});
