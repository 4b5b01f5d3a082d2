import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, injectAsk, openFixtureState, type FixtureState } from '../support/app.ts';

const QUESTION = { question: 'dang ky khai tu' };

// Every test makes its own app, so no test spends another's budget.
describe('question budgets', () => {
  let fixture: FixtureState;
  beforeAll(async () => {
    fixture = await openFixtureState();
  });
  afterAll(() => fixture?.cleanup());

  it('answers HANDBOOK_RATE_LIMIT questions a minute from one client, then 429 in Vietnamese with the seconds left', async () => {
    const app = await createTestApp(fixture, { HANDBOOK_RATE_LIMIT: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await injectAsk(app, QUESTION)).statusCode);
    expect(statuses).toEqual([200, 200, 200]);
    const res = await injectAsk(app, QUESTION);
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('60');
    expect(res.json()).toEqual({ error: { code: 'rate_limited', message: 'đã hỏi quá 3 câu trong một phút; chờ 60 giây rồi hỏi lại' } });
    await app.close();
  });

  it('says the same in English when the body asks in English, or Accept-Language prefers English', async () => {
    const app = await createTestApp(fixture, { HANDBOOK_RATE_LIMIT: '1' });
    await injectAsk(app, QUESTION);
    const english = { error: { code: 'rate_limited', message: 'more than 1 questions in a minute; wait 60 seconds and ask again' } };
    expect((await injectAsk(app, { ...QUESTION, lang: 'en' })).json()).toEqual(english);
    expect((await injectAsk(app, QUESTION, { 'accept-language': 'en-US,en;q=0.9,vi;q=0.5' })).json()).toEqual(english);
    expect((await injectAsk(app, QUESTION, { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8' })).json()).toMatchObject({
      error: { message: 'đã hỏi quá 1 câu trong một phút; chờ 60 giây rồi hỏi lại' },
    });
    await app.close();
  });

  it('gives in Retry-After the real time left in the window, not always 60', async () => {
    const app = await createTestApp(fixture, { HANDBOOK_RATE_LIMIT: '1' });
    await injectAsk(app, QUESTION);
    await new Promise((r) => setTimeout(r, 2100));
    const res = await injectAsk(app, QUESTION);
    expect(res.statusCode).toBe(429);
    const seconds = Number(res.headers['retry-after']);
    expect(seconds).toBeGreaterThanOrEqual(57);
    expect(seconds).toBeLessThanOrEqual(58);
    expect(res.json()).toMatchObject({ error: { message: `đã hỏi quá 1 câu trong một phút; chờ ${seconds} giây rồi hỏi lại` } });
    await app.close();
  });

  it('keeps separate budgets for separate client addresses', async () => {
    const app = await createTestApp(fixture, { HANDBOOK_RATE_LIMIT: '1' });
    expect((await injectAsk(app, QUESTION, {}, '10.0.0.1')).statusCode).toBe(200);
    expect((await injectAsk(app, QUESTION, {}, '10.0.0.1')).statusCode).toBe(429);
    expect((await injectAsk(app, QUESTION, {}, '10.0.0.2')).statusCode).toBe(200);
    await app.close();
  });

  it('behind a trusted proxy, gives each X-Forwarded-For client its own budget', async () => {
    const app = await createTestApp(fixture, { HANDBOOK_RATE_LIMIT: '1', HANDBOOK_TRUST_PROXY: '127.0.0.1' });
    const from = (client: string) => injectAsk(app, QUESTION, { 'x-forwarded-for': client }, '127.0.0.1');
    expect((await from('192.168.1.10')).statusCode).toBe(200);
    expect((await from('192.168.1.10')).statusCode).toBe(429);
    expect((await from('192.168.1.11')).statusCode).toBe(200);
    await app.close();
  });

  it('with a hop count, trusts that many proxies', async () => {
    const app = await createTestApp(fixture, { HANDBOOK_RATE_LIMIT: '1', HANDBOOK_TRUST_PROXY: '1' });
    const from = (client: string) => injectAsk(app, QUESTION, { 'x-forwarded-for': client }, '10.9.9.9');
    expect((await from('192.168.1.10')).statusCode).toBe(200);
    expect((await from('192.168.1.11')).statusCode).toBe(200);
    expect((await from('192.168.1.10')).statusCode).toBe(429);
    await app.close();
  });

  it('from an untrusted peer, ignores a spoofed X-Forwarded-For', async () => {
    const app = await createTestApp(fixture, { HANDBOOK_RATE_LIMIT: '1' });
    const spoofed = (client: string) => injectAsk(app, QUESTION, { 'x-forwarded-for': client }, '10.0.0.7');
    expect((await spoofed('1.1.1.1')).statusCode).toBe(200);
    expect((await spoofed('2.2.2.2')).statusCode).toBe(429);
    await app.close();
  });

  it('also ignores X-Forwarded-For from a peer that is not the trusted proxy', async () => {
    const app = await createTestApp(fixture, { HANDBOOK_RATE_LIMIT: '1', HANDBOOK_TRUST_PROXY: '10.0.0.1' });
    const spoofed = (client: string) => injectAsk(app, QUESTION, { 'x-forwarded-for': client }, '10.0.0.7');
    expect((await spoofed('1.1.1.1')).statusCode).toBe(200);
    expect((await spoofed('2.2.2.2')).statusCode).toBe(429);
    await app.close();
  });

  it('stops everyone at HANDBOOK_RATE_LIMIT_GLOBAL questions a minute, whatever their addresses', async () => {
    const app = await createTestApp(fixture, { HANDBOOK_RATE_LIMIT: '10', HANDBOOK_RATE_LIMIT_GLOBAL: '2' });
    expect((await injectAsk(app, QUESTION, {}, '10.0.0.1')).statusCode).toBe(200);
    expect((await injectAsk(app, QUESTION, {}, '10.0.0.2')).statusCode).toBe(200);
    const res = await injectAsk(app, QUESTION, {}, '10.0.0.3');
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('60');
    expect(res.json()).toEqual({
      error: { code: 'rate_limited', message: 'máy chủ sổ tay đang nhận quá 2 câu hỏi mỗi phút từ mọi người; chờ 60 giây rồi hỏi lại' },
    });
    await app.close();
  });
});
