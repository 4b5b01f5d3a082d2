import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QuestionLog } from '../../src/server/question-log.ts';
import { PAGE_VOTES_PER_MINUTE } from '../../src/server/routes/page-feedback.ts';
import { createTestApp, injectAsk, openFixtureState, type FixtureState } from '../support/app.ts';

let fixture: FixtureState;
let app: FastifyInstance;
let log: QuestionLog;
/** The log's clock, moved by the tests. */
let now = new Date('2026-11-02T03:00:00Z');

beforeAll(async () => {
  fixture = await openFixtureState();
});
afterAll(() => fixture?.cleanup());
afterEach(async () => {
  await app?.close();
  log?.close();
});

/** An app whose question log runs on the test's clock, in a file of its own. */
async function freshApp(file: string) {
  now = new Date('2026-11-02T03:00:00Z');
  log = new QuestionLog(path.join(fixture.dataDir, file), { now: () => now });
  app = await createTestApp(fixture, {}, undefined, { ...fixture.state, log });
}

const vote = (body: unknown, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/feedback', payload: body as object, remoteAddress });

async function askedToken(question = 'dang ky khai tu'): Promise<{ id: number; token: string }> {
  const body = (await injectAsk(app, { question })).json<{ questionId: number; feedbackToken: string }>();
  return { id: body.questionId, token: body.feedbackToken };
}

describe('POST /api/feedback with the answer’s feedbackToken', () => {
  it('gives every answer its own unguessable token, stored only as a hash', async () => {
    await freshApp('tokens.sqlite');
    const a = await askedToken();
    const b = await askedToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = log.select<{ token: string }>('SELECT feedback_token AS token FROM questions WHERE id = ?', a.id)[0]!.token;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(a.token);
  });

  it('keeps one vote per answer: the same vote replayed counts once, and a second vote replaces the first', async () => {
    await freshApp('one-vote.sqlite');
    const { id, token } = await askedToken();
    expect((await vote({ feedbackToken: token, helpful: true })).json()).toEqual({ ok: true, replaced: false });
    expect((await vote({ feedbackToken: token, helpful: true })).json()).toEqual({ ok: true, replaced: true });
    expect(log.feedbackFor(id)).toEqual([{ helpful: true }]);
    expect((await vote({ feedbackToken: token, helpful: false, comment: 'Thiếu mẫu tờ khai' })).json()).toEqual({
      ok: true,
      replaced: true,
    });
    expect(log.feedbackFor(id)).toEqual([{ helpful: false, comment: 'Thiếu mẫu tờ khai' }]);
    expect(log.select<{ n: number }>('SELECT COUNT(*) AS n FROM feedback')[0]!.n).toBe(1);
  });

  it('accepts a vote up to 24 hours after the answer, and refuses it after that with 410', async () => {
    await freshApp('expiry.sqlite');
    const { token } = await askedToken();
    now = new Date(now.getTime() + 24 * 3_600_000 - 1000);
    expect((await vote({ feedbackToken: token, helpful: true })).statusCode).toBe(200);
    now = new Date(now.getTime() + 1000);
    const late = await vote({ feedbackToken: token, helpful: false });
    expect(late.statusCode).toBe(410);
    expect(late.json()).toEqual({
      error: {
        code: 'feedback_expired',
        message: 'this answer is more than 24 hours old and can no longer be rated; ask the question again to rate the new answer',
      },
    });
  });

  it('refuses a forged token, and a real token with one character changed', async () => {
    await freshApp('forged.sqlite');
    const { token } = await askedToken();
    const changed = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const feedbackToken of ['A'.repeat(43), changed]) {
      const res = await vote({ feedbackToken, helpful: false });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error: {
          code: 'not_found',
          message: 'no answer has this feedbackToken; send the feedbackToken that /api/ask returned with the answer, unchanged',
        },
      });
    }
    expect(log.select<{ n: number }>('SELECT COUNT(*) AS n FROM feedback')[0]!.n).toBe(0);
  });

  it('tells an old client sending questionId to send the feedbackToken, and records nothing', async () => {
    await freshApp('old-client.sqlite');
    const { id } = await askedToken();
    const res = await vote({ questionId: id, helpful: false });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'invalid_request',
        message:
          'questionId is no longer accepted: send the feedbackToken that /api/ask returned with the answer, e.g. {"feedbackToken": "…", "helpful": true} (reload the page to get the current Ask box)',
      },
    });
    expect(log.feedbackFor(id)).toEqual([]);
  });

  it('takes a comment of at most 500 characters', async () => {
    await freshApp('comment.sqlite');
    const { token } = await askedToken();
    const res = await vote({ feedbackToken: token, helpful: false, comment: 'x'.repeat(501) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'invalid_request', message: 'comment: shorten the comment to at most 500 characters' } });
    expect((await vote({ feedbackToken: token, helpful: false, comment: 'x'.repeat(500) })).statusCode).toBe(200);
  });
});

describe('POST /api/ask with a commune', () => {
  it('stores the commune chosen from handbook/communes.yaml with the question, and nothing about the person', async () => {
    await freshApp('commune.sqlite');
    const { questionId } = (await injectAsk(app, { question: 'dang ky khai tu', commune: 'xa-an-binh' })).json<{ questionId: number }>();
    expect(log.select('SELECT commune FROM questions WHERE id = ?', questionId)).toEqual([{ commune: 'xa-an-binh' }]);
    const columns = log.select<{ name: string }>('PRAGMA table_info(questions)').map((c) => c.name);
    expect(columns).not.toEqual(expect.arrayContaining(['ip']));
  });

  it('rejects a commune that is not in the list, naming the file', async () => {
    await freshApp('bad-commune.sqlite');
    const res = await injectAsk(app, { question: 'dang ky khai tu', commune: 'xa-khong-co' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'invalid_request',
        message: 'commune: write the id of a commune or ward from handbook/communes.yaml, e.g. "phuong-bac-son", or leave commune out',
      },
    });
  });

  it('takes the Ask form’s empty choice as no commune', async () => {
    await freshApp('form-commune.sqlite');
    const res = await app.inject({
      method: 'POST',
      url: '/api/ask',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'question=dang+ky+khai+tu&commune=',
    });
    expect(res.statusCode).toBe(200);
    expect(log.select('SELECT commune FROM questions')).toEqual([{ commune: null }]);
  });
});

describe('POST /api/page-feedback', () => {
  const pageVote = (body: object, remoteAddress = '127.0.0.1') =>
    app.inject({ method: 'POST', url: '/api/page-feedback', payload: body, remoteAddress });

  it('stores a vote and its comment against the entry', async () => {
    await freshApp('page-votes.sqlite');
    expect((await pageVote({ entryId: 'dang-ky-khai-tu', lang: 'vi', helpful: false, comment: 'Chưa nói lệ phí' })).json()).toEqual({
      ok: true,
    });
    expect(log.select('SELECT entry_id AS entryId, lang, helpful, comment FROM page_feedback')).toEqual([
      { entryId: 'dang-ky-khai-tu', lang: 'vi', helpful: 0, comment: 'Chưa nói lệ phí' },
    ]);
  });

  it('refuses an entry the handbook does not serve', async () => {
    await freshApp('page-unknown.sqlite');
    const res = await pageVote({ entryId: 'ban-nhap', lang: 'vi', helpful: true });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'not_found', message: 'no vi entry has the id "ban-nhap"; send the id of the entry page the vote is about' },
    });
  });

  it(`takes ${PAGE_VOTES_PER_MINUTE} votes a minute from one client, then 429 in the reader's language`, async () => {
    await freshApp('page-limit.sqlite');
    for (let i = 0; i < PAGE_VOTES_PER_MINUTE; i++)
      expect((await pageVote({ entryId: 'dang-ky-khai-tu', lang: 'vi', helpful: true }, '10.2.0.1')).statusCode).toBe(200);
    const res = await pageVote({ entryId: 'dang-ky-khai-tu', lang: 'en', helpful: true }, '10.2.0.1');
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(/^more than 10 votes in a minute; wait \d+ seconds and send it again$/) as unknown,
      },
    });
    expect((await pageVote({ entryId: 'dang-ky-khai-tu', lang: 'vi', helpful: true }, '10.2.0.2')).statusCode).toBe(200);
  });
});

describe('POST /api/search-log', () => {
  it('stores the query, its result count, language and commune', async () => {
    await freshApp('searches.sqlite');
    const res = await app.inject({
      method: 'POST',
      url: '/api/search-log',
      payload: { query: ' Hộ chiếu ', results: 0, lang: 'vi', commune: 'xa-tan-phu' },
    });
    expect(res.json()).toEqual({ ok: true });
    expect(log.select('SELECT query, normalized, results, lang, commune FROM searches')).toEqual([
      { query: 'Hộ chiếu', normalized: 'ho chieu', results: 0, lang: 'vi', commune: 'xa-tan-phu' },
    ]);
  });

  it('rejects a body it cannot store, naming each field', async () => {
    await freshApp('searches-bad.sqlite');
    const res = await app.inject({ method: 'POST', url: '/api/search-log', payload: { query: '', results: -1, lang: 'fr' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'invalid_request',
        message:
          'query: write the query that was searched; results: write results as a whole number from 0 to 1000; lang: write "vi" or "en"',
      },
    });
  });
});
