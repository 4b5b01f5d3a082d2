import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, openFixtureState, type FixtureState } from '../support/app.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// The Ask box without JavaScript: the browser posts the form itself and shows whatever comes back.
describe('the Ask form posted without JavaScript', () => {
  let fixture: FixtureState;
  beforeAll(async () => {
    fixture = await openFixtureState();
  });
  afterAll(() => fixture?.cleanup());

  const post = async (body: string, headers: Record<string, string> = {}) => {
    const app = await createTestApp(fixture);
    const res = await app.inject({ method: 'POST', url: '/api/ask', headers: { ...FORM, ...headers }, payload: body });
    await app.close();
    return res;
  };

  it('gets an HTML page with the answer and its link, in Vietnamese', async () => {
    const res = await post(`question=${encodeURIComponent('lam giay chung tu can gi')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<html lang="vi">');
    expect(res.body).toContain('<h1>Câu trả lời từ sổ tay</h1>');
    expect(res.body).toContain('<a href="/civil-status/dang-ky-khai-tu/" lang="vi">Đăng ký khai tử cần những giấy tờ gì?</a>');
    expect(res.body).toContain('Trích từ Sổ tay hành chính công, chủ đề Hộ tịch.');
    // The form again, holding the question.
    expect(res.body).toContain('<form class="ask-form" action="/api/ask" method="post">');
    expect(res.body).toContain('value="lam giay chung tu can gi"');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers in English when the form was on an English page', async () => {
    const res = await post(`question=${encodeURIComponent('What do I need to register a death?')}`, {
      referer: 'http://localhost:80/en/civil-status/death-registration/',
      host: 'localhost:80',
    });
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('<h1>Answer from the handbook</h1>');
    expect(res.body).toContain('href="/en/civil-status/death-registration/"');
  });

  it('names a procedure the handbook does not cover instead of answering from an entry that shares its words', async () => {
    const res = await post(`question=${encodeURIComponent('đăng ký xe máy cho con đi học')}`);
    expect(res.body).toContain('<p class="ask-uncovered">Sổ tay chưa có mục về thủ tục “Đăng ký xe”.</p>');
    expect(res.body).not.toContain('<h1>Câu trả lời từ sổ tay</h1>');
  });

  it('escapes whatever the question holds', async () => {
    const question = '<script>alert(1)</script> "đăng ký khai tử" <img src=x onerror=alert(2)>';
    const res = await post(`question=${encodeURIComponent(question)}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#34;đăng ký khai tử&#34; &#60;img src=x onerror=alert(2)&#62;');
  });

  it('says what is wrong with the question on a page, not as raw JSON', async () => {
    const res = await post('question=ab');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<p class="ask-error">Chưa hỏi được sổ tay: question: write a question of at least 3 characters</p>');
  });

  it('leaves JSON clients as they were', async () => {
    const app = await createTestApp(fixture);
    const res = await app.inject({ method: 'POST', url: '/api/ask', payload: { question: 'lam giay chung tu can gi' } });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject({ answer: { id: 'dang-ky-khai-tu' } });
    await app.close();
  });
});
