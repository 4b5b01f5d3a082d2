import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startFixtureService } from '../support/service.ts';

type Service = Awaited<ReturnType<typeof startFixtureService>>;

const TOPICS =
  'civil-status, certification, business-households, land, construction, fees-payments, accounts-systems, digital-signatures, connectivity-incidents, reception-results, social-affairs, other';

describe('the question API', () => {
  let service: Service;
  const api = (p: string) => new URL(`api/${p}`, service.url).href;
  const ask = (body: unknown, headers?: Record<string, string>) => postJson(api('ask'), body, headers);

  beforeAll(async () => {
    service = await startFixtureService();
  });
  afterAll(async () => {
    await service?.cleanup();
  });

  describe('POST /api/ask', () => {
    it('answers a question typed without diacritics with the death registration entry', async () => {
      const { status, body } = await ask({ question: 'dang ky khai tu' });
      expect(status).toBe(200);
      expect(body).toMatchObject({
        status: 'answered',
        answer: {
          id: 'dang-ky-khai-tu',
          title: 'Đăng ký khai tử cần những giấy tờ gì?',
          url: '/civil-status/dang-ky-khai-tu/',
          confidence: expect.any(Number),
        },
        mode: 'lexical',
        lang: 'vi',
        notice: 'keyword search only: the model is switched off (HANDBOOK_MODEL=off)',
      });
      expect(typeof body['tookMs']).toBe('number');
      expect(typeof body['questionId']).toBe('number');
      const results = body['results'] as Record<string, unknown>[];
      expect(results[0]).toEqual({
        id: 'dang-ky-khai-tu',
        lang: 'vi',
        title: 'Đăng ký khai tử cần những giấy tờ gì?',
        url: '/civil-status/dang-ky-khai-tu/',
        topic: 'civil-status',
        excerpt: expect.stringContaining('tờ khai đăng ký khai tử') as unknown,
        score: 1,
      });
      for (const r of results) expect(Object.keys(r).sort()).toEqual(['excerpt', 'id', 'lang', 'score', 'title', 'topic', 'url']);
    });

    it('logs the question with its outcome', async () => {
      const { body } = await ask({ question: 'Làm giấy chứng tử cần những gì?' });
      const db = new DatabaseSync(path.join(service.config.dataDir, 'questions.sqlite'), { readOnly: true });
      try {
        const row = db
          .prepare('SELECT question, normalized, lang, status, top_ids, mode FROM questions WHERE id = ?')
          .get(body['questionId'] as number);
        expect({ ...row, top_ids: JSON.parse(String(row?.['top_ids']))[0] }).toEqual({
          question: 'Làm giấy chứng tử cần những gì?',
          normalized: 'lam giay chung tu can nhung gi',
          lang: 'vi',
          status: 'answered',
          top_ids: 'dang-ky-khai-tu',
          mode: 'lexical',
        });
      } finally {
        db.close();
      }
    });

    it('says nothing in the handbook is close to a question it does not cover, lists no entries, and logs it as unanswered', async () => {
      const { status, body } = await ask({ question: 'Giá vàng hôm nay' });
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'no_match', mode: 'lexical', lang: 'vi', results: [] });
      expect(body).not.toHaveProperty('answer');
      expect(service.state().log.unanswered()).toContainEqual(
        expect.objectContaining({ normalized: 'gia vang hom nay', example: 'Giá vàng hôm nay', times: 1 }),
      );
    });

    it('names the procedure a question asks about when the glossary marks it as not covered, does not answer it, and logs it', async () => {
      const { body } = await ask({ question: 'đăng ký xe máy cho con đi học' });
      expect(body).toMatchObject({ uncovered: 'Đăng ký xe' });
      expect(body['status']).not.toBe('answered');
      expect(body).not.toHaveProperty('answer');
      const db = new DatabaseSync(path.join(service.config.dataDir, 'questions.sqlite'), { readOnly: true });
      try {
        const row = db.prepare('SELECT uncovered FROM questions WHERE id = ?').get(body['questionId'] as number);
        expect(row).toEqual({ uncovered: 'Đăng ký xe' });
      } finally {
        db.close();
      }
    });

    it('answers an English question from the English entry', async () => {
      const { body } = await ask({ question: 'What do I need to register a death?' });
      expect(body).toMatchObject({
        status: 'answered',
        lang: 'en',
        answer: { id: 'dang-ky-khai-tu', url: '/en/civil-status/death-registration/' },
      });
    });

    it('searches one topic when asked to', async () => {
      const { body } = await ask({ question: 'lệ phí', topic: 'fees-payments', k: 3 });
      expect((body['results'] as { id: string }[]).map((r) => r.id)).toEqual(['thu-phi-khi-mat-ket-noi']);
    });

    it('returns at most k results', async () => {
      const { body } = await ask({ question: 'đăng ký', k: 1 });
      expect(body['results']).toHaveLength(1);
    });

    it('rejects a body that is not sent as JSON', async () => {
      const res = await fetch(api('ask'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'dang ky khai tu' });
      expect(res.status).toBe(415);
      expect(await res.json()).toEqual({
        error: {
          code: 'unsupported_media_type',
          message: 'send the body as JSON with "Content-Type: application/json" (got "text/plain")',
        },
      });
    });

    it('rejects malformed JSON', async () => {
      expect(await ask('{"question": "dang ky')).toEqual({
        status: 400,
        body: {
          error: { code: 'invalid_json', message: 'the body is not valid JSON; send e.g. {"question": "Làm giấy chứng tử cần những gì?"}' },
        },
      });
    });

    it.each([
      ['a question that is too short', { question: ' ab ' }, 'question: write a question of at least 3 characters'],
      ['a question that is too long', { question: 'đ'.repeat(501) }, 'question: shorten the question to at most 500 characters'],
      [
        'a request without a question',
        {},
        'question: write the question as a string, e.g. {"question": "Làm giấy chứng tử cần những gì?"}',
      ],
      ['a language other than vi or en', { question: 'dang ky khai tu', lang: 'fr' }, 'lang: write "vi" or "en", or leave lang out'],
      ['k of 0', { question: 'dang ky khai tu', k: 0 }, 'k: write k as a whole number from 1 to 10'],
      ['k of 11', { question: 'dang ky khai tu', k: 11 }, 'k: write k as a whole number from 1 to 10'],
      ['a fractional k', { question: 'dang ky khai tu', k: 2.5 }, 'k: write k as a whole number from 1 to 10'],
      ['k as a string', { question: 'dang ky khai tu', k: '3' }, 'k: write k as a whole number from 1 to 10'],
      ['an unknown field', { question: 'dang ky khai tu', limit: 3 }, 'remove "limit": not a field of this request'],
      ['a topic that does not exist', { question: 'dang ky khai tu', topic: 'health' }, `topic: write one of: ${TOPICS}`],
      [
        'several bad fields',
        { question: 42, lang: 'fr' },
        'question: write the question as a string, e.g. {"question": "Làm giấy chứng tử cần những gì?"}; lang: write "vi" or "en", or leave lang out',
      ],
    ])('rejects %s', async (_, request, message) => {
      expect(await ask(request)).toEqual({ status: 400, body: { error: { code: 'invalid_request', message } } });
    });

    it('refuses GET, saying which method it accepts', async () => {
      const res = await fetch(api('ask'));
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(await res.json()).toEqual({ error: { code: 'method_not_allowed', message: '/api/ask accepts POST, not GET' } });
    });
  });

  it('answers an unknown API path with 404 and the paths that exist', async () => {
    const res = await fetch(api('x'));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'no API at /api/x; use /api/ask, /api/feedback or /api/health' },
    });
  });

  describe('GET /api/health', () => {
    it('reports keyword-only mode, why the model is unavailable, the index counts and which handbook is live', async () => {
      const res = await fetch(api('health'));
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toEqual({
        status: 'ok',
        mode: 'lexical',
        notice: 'keyword search only: the model is switched off (HANDBOOK_MODEL=off)',
        answerDecision: 'keywords',
        model: { state: 'unavailable', reason: 'the model is switched off (HANDBOOK_MODEL=off)' },
        index: { builtAt: expect.any(String) as unknown, model: null, entries: 5, passages: 21 },
        handbook: {
          version: expect.stringMatching(/^[0-9a-f]{12}$/) as unknown,
          site: { version: expect.stringMatching(/^[0-9a-f]{12}$/) as unknown, builtAt: expect.any(String) as unknown, entries: 5 },
        },
        questionLog: { ok: true, failures: 0, waiting: 0 },
      });
      expect(Number.isNaN(Date.parse(String((body['index'] as { builtAt: string }).builtAt)))).toBe(false);
    });
  });

  describe('POST /api/feedback', () => {
    it('stores whether an answer helped, by the feedbackToken that came with it', async () => {
      const { body: answer } = await ask({ question: 'chứng thực bản sao bao nhiêu tiền' });
      const questionId = answer['questionId'] as number;
      expect(answer['feedbackToken']).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await postJson(api('feedback'), { feedbackToken: answer['feedbackToken'], helpful: false })).toEqual({
        status: 200,
        body: { ok: true, replaced: false },
      });
      expect(service.state().log.feedbackFor(questionId)).toEqual([{ helpful: false }]);
      expect(service.state().log.unanswered()).toContainEqual(
        expect.objectContaining({ example: 'chứng thực bản sao bao nhiêu tiền', unhelpful: 1 }),
      );
    });

    it('rejects a token no answer has', async () => {
      expect(await postJson(api('feedback'), { feedbackToken: 'x'.repeat(43), helpful: true })).toEqual({
        status: 404,
        body: {
          error: {
            code: 'not_found',
            message: 'no answer has this feedbackToken; send the feedbackToken that /api/ask returned with the answer, unchanged',
          },
        },
      });
    });

    it('tells an old client that sends questionId to send the feedbackToken', async () => {
      expect(await postJson(api('feedback'), { questionId: 1, helpful: true })).toEqual({
        status: 400,
        body: {
          error: {
            code: 'invalid_request',
            message:
              'questionId is no longer accepted: send the feedbackToken that /api/ask returned with the answer, e.g. {"feedbackToken": "…", "helpful": true} (reload the page to get the current Ask box)',
          },
        },
      });
    });

    it('rejects feedback without a usable token and helpful flag', async () => {
      expect(await postJson(api('feedback'), { feedbackToken: 12, helpful: 'yes' })).toEqual({
        status: 400,
        body: {
          error: {
            code: 'invalid_request',
            message: 'feedbackToken: write the feedbackToken returned by /api/ask with the answer; helpful: write helpful as true or false',
          },
        },
      });
    });
  });

  describe('the site', () => {
    it('serves the home page with the site name', async () => {
      const res = await fetch(service.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('Sổ tay hành chính công');
    });

    it('serves an entry page at its URL', async () => {
      const res = await fetch(new URL('/civil-status/dang-ky-khai-tu/', service.url));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Đăng ký khai tử cần những giấy tờ gì?');
    });

    it('has no page for the draft entry', async () => {
      expect((await fetch(new URL('/fees-payments/ban-nhap/', service.url))).status).toBe(404);
    });

    it("answers an unknown page with the site's own 404 page", async () => {
      const res = await fetch(new URL('/khong-co-trang-nay/', service.url));
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('<h1>Không tìm thấy trang</h1>');
      // The site's layout: its header and the Ask box, not a bare page.
      expect(html).toContain('<a class="site-name" href="/">Sổ tay hành chính công</a>');
      expect(html).toContain('<h2 id="not-found-en">Page not found</h2>');
    });
  });
});

describe('the request body limit', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startFixtureService({ HANDBOOK_MAX_BODY: '300' });
  });
  afterAll(async () => {
    await service?.cleanup();
  });

  it('rejects a body over HANDBOOK_MAX_BODY bytes with 413', async () => {
    const body = JSON.stringify({ question: 'x'.repeat(400) });
    expect(await postJson(new URL('api/ask', service.url).href, body)).toEqual({
      status: 413,
      body: { error: { code: 'payload_too_large', message: `the body is ${Buffer.byteLength(body)} bytes; send at most 300 bytes` } },
    });
  });

  it('rejects an over-long body sent without a declared length', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ question: 'x'.repeat(400) }));
    const res = await fetch(new URL('api/ask', service.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: { code: 'payload_too_large', message: 'the body is over 300 bytes; send at most 300 bytes' },
    });
  });

  it('still accepts a body within the limit', async () => {
    expect((await postJson(new URL('api/ask', service.url).href, { question: 'dang ky khai tu' })).status).toBe(200);
  });
});
