import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureService } from '../support/service.ts';

const SLOW_CLIENTS = 50;

describe('slow clients', () => {
  let service: Awaited<ReturnType<typeof startFixtureService>>;
  beforeAll(async () => {
    service = await startFixtureService({ HANDBOOK_HEADERS_TIMEOUT: '2', HANDBOOK_REQUEST_TIMEOUT: '3' });
  });
  afterAll(() => service?.cleanup());

  it('cannot starve others by sending headers a byte a second, and are cut off after the headers timeout', async () => {
    const port = Number(new URL(service.url).port);
    const closedAt: number[] = [];
    const replies: string[] = [];
    const started = Date.now();
    const sockets: Socket[] = Array.from({ length: SLOW_CLIENTS }, (_, i) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('data', (c: Buffer) => (replies[i] = (replies[i] ?? '') + c.toString()));
      socket.on('error', () => {});
      socket.on('close', () => closedAt.push(Date.now() - started));
      socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      return socket;
    });
    // One more header byte a second from every slow client, for at most 6 seconds.
    const drip = setInterval(() => {
      for (const s of sockets) if (!s.destroyed) s.write('a');
    }, 1000);
    try {
      const timings: number[] = [];
      for (let i = 0; i < 10; i++) {
        const t = performance.now();
        const res = await fetch(`${service.url}api/health`);
        expect(res.status).toBe(200);
        await res.json();
        timings.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(Math.max(...timings)).toBeLessThan(500);

      const deadline = Date.now() + 6000;
      while (closedAt.length < SLOW_CLIENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(closedAt).toHaveLength(SLOW_CLIENTS);
      // 2 s headers timeout, checked every second.
      expect(Math.max(...closedAt)).toBeLessThan(4500);
      expect(replies.filter((r) => r.startsWith('HTTP/1.1 408 '))).toHaveLength(SLOW_CLIENTS);
    } finally {
      clearInterval(drip);
      for (const s of sockets) s.destroy();
    }
  });
});
