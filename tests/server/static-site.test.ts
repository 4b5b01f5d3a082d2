import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, openFixtureState, type FixtureState } from '../support/app.ts';
import { rawGet } from '../support/raw-http.ts';

const ENTRY = '/civil-status/dang-ky-khai-tu/';
const NOT_FOUND_HEADING = '<h1>Không tìm thấy trang</h1>';

describe('the site and its headers', () => {
  let fixture: FixtureState;
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    fixture = await openFixtureState();
    app = await createTestApp(fixture);
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app?.close();
    await fixture?.cleanup();
  });

  describe('HEAD', () => {
    it('answers HEAD /api/health with 200 and no body', async () => {
      const res = await app.inject({ method: 'HEAD', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toBe('');
    });

    it.each(['/', ENTRY, '/en/'])('answers HEAD %s like GET, without the body', async (url) => {
      const res = await app.inject({ method: 'HEAD', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toBe('');
    });
  });

  describe('methods other than GET and HEAD on the site', () => {
    it.each(['PUT', 'DELETE', 'POST', 'PATCH', 'OPTIONS'] as const)(
      'answers %s on a page with 405 JSON, never the page',
      async (method) => {
        for (const url of ['/', ENTRY]) {
          const res = await app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: '{}' });
          expect(res.statusCode).toBe(405);
          expect(res.headers['allow']).toBe('GET, HEAD');
          expect(res.json()).toEqual({
            error: { code: 'method_not_allowed', message: `the site's pages are read with GET or HEAD, not ${method}` },
          });
        }
      },
    );

    it.each(['PROPFIND', 'MKCOL', 'TRACE'])('never answers %s with the page', async (method) => {
      const res = await rawGet(port, ENTRY, method);
      expect([404, 405]).toContain(res.status);
      expect(res.body).not.toContain('Đăng ký khai tử cần những giấy tờ gì?');
    });

    it('answers a method an API path does not take with 405 and Allow', async () => {
      const res = await app.inject({ method: 'DELETE', url: '/api/health' });
      expect(res.statusCode).toBe(405);
      expect(res.headers['allow']).toBe('GET, HEAD');
      expect(res.json()).toEqual({ error: { code: 'method_not_allowed', message: '/api/health accepts GET, HEAD, not DELETE' } });
    });
  });

  describe('nothing outside the built site', () => {
    it.each([
      '/../package.json',
      '/../../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/%2E%2E/package.json',
      '/..%2fpackage.json',
      '/civil-status/..%2f..%2fpackage.json',
      '/%2e%2e%2f%2e%2e%2fpackage.json',
      '/civil-status/%2e%2e/%2e%2e/package.json',
      '/..\\package.json',
      '/data/questions.sqlite',
      '/data/current.json',
      '/node_modules/fastify/package.json',
      '/src/config.ts',
      '/.handbook-build.json',
      '/.git/config',
    ])('answers %s with the 404 page', async (target) => {
      const res = await rawGet(port, target);
      expect(res.status, res.raw.slice(0, 300)).toBe(404);
      expect(res.body).toContain(NOT_FOUND_HEADING);
      expect(res.body).not.toContain('"dependencies"');
    });

    it('serves the same file for an encoded slash inside the site only as a 404, never by walking out', async () => {
      const res = await rawGet(port, '/civil-status%2fdang-ky-khai-tu/');
      expect([200, 404]).toContain(res.status);
      expect(res.body).not.toContain('"dependencies"');
    });
  });

  describe('unknown addresses', () => {
    it("answers an unknown page with the site's 404 page and status 404", async () => {
      const res = await app.inject('/khong-co/trang-nay/');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain(NOT_FOUND_HEADING);
    });

    it('answers an unknown API with JSON 404', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/nothing' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error: { code: 'not_found', message: 'no API at /api/nothing; use /api/ask, /api/feedback or /api/health' },
      });
    });
  });

  describe('security headers', () => {
    it.each([
      ['a page', '/'],
      ['an entry', ENTRY],
      ['the API', '/api/health'],
      ['a missing page', '/khong-co/'],
      ['a missing API', '/api/x'],
    ])('sends them with %s', async (_, url) => {
      const res = await app.inject(url);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['x-frame-options']).toBe('DENY');
    });

    it('keeps API answers out of caches and lets hashed assets be cached for good', async () => {
      expect((await app.inject('/api/health')).headers['cache-control']).toBe('no-store');
      const home = (await app.inject('/')).body;
      const asset = /src="(\/_astro\/[^"]+\.js)"/.exec(home)?.[1];
      expect(asset).toBeDefined();
      expect((await app.inject(asset!)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });
  });

  describe('/api/health', () => {
    it('never shows a server path', async () => {
      const body = (await app.inject('/api/health')).body;
      expect(body).not.toMatch(/"\/|\s\/(?:tmp|srv|work|home|root)\//);
    });
  });
});
