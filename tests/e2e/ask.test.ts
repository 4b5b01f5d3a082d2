import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AskResponse } from '../../src/server/ask-handbook.ts';
import { launchBrowser } from '../support/browser.ts';
import { startFixtureService } from '../support/service.ts';

const DEATH_ENTRY = '/civil-status/dang-ky-khai-tu/';

let service: Awaited<ReturnType<typeof startFixtureService>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // HANDBOOK_MODEL=off (the fixture default): the service answers from keywords alone.
  [service, browser] = await Promise.all([startFixtureService(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await service?.cleanup();
});

beforeEach(async () => {
  page = await browser.newPage();
});

afterEach(async () => {
  await page.close();
});

const open = (path: string) => page.goto(new URL(path, service.url).href);
const askBox = (name = 'Hỏi sổ tay') => page.getByRole('region', { name });
const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim());

/** Types a question into an Ask box, submits it with `submit` (the button by default) and returns the API's reply. */
async function ask(
  box: Locator,
  question: string,
  submit = () => box.getByRole('button', { name: /^(Hỏi|Ask)$/ }).click(),
): Promise<AskResponse> {
  await box.getByRole('textbox').fill(question);
  const [response] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/api/ask'), submit()]);
  return (await response.json()) as AskResponse;
}

describe('the Ask box', () => {
  it('answers "lam giay chung tu can gi" with a cited link to the death-registration entry', async () => {
    await open('/');
    const box = askBox();
    await ask(box, 'lam giay chung tu can gi');

    const heading = box.getByRole('heading', { name: 'Câu trả lời từ sổ tay' });
    await heading.waitFor();
    const answer = box.getByRole('article');
    const link = answer.getByRole('link', { name: 'Đăng ký khai tử cần những giấy tờ gì?' });
    expect(await link.getAttribute('href')).toBe(DEATH_ENTRY);
    expect(await answer.innerText()).toContain('Trích từ Sổ tay hành chính công, chủ đề Hộ tịch.');
    expect(await focusedText()).toBe('Câu trả lời từ sổ tay');
  });

  it('records that an answer helped and thanks the reader', async () => {
    await open('/');
    const box = askBox();
    const reply = await ask(box, 'lam giay chung tu can gi');
    const helpful = box.getByRole('button', { name: 'Có ích', exact: true });
    const notHelpful = box.getByRole('button', { name: 'Không có ích' });

    await helpful.click();
    await box.getByText('Cảm ơn, ý kiến của bạn đã được ghi nhận.').waitFor();
    expect(await helpful.isDisabled()).toBe(true);
    expect(await notHelpful.isDisabled()).toBe(true);
    expect(service.state().log.feedbackFor(reply.questionId!)).toEqual([{ helpful: true }]);
  });

  it('says when the handbook has no confident answer and that the question was recorded', async () => {
    await open('/');
    const box = askBox();
    // Certifying a signature is near the fixture's copy-certification entry, which does not answer it.
    const reply = await ask(box, 'Chứng thực chữ ký cần giấy tờ gì?');

    await box.getByRole('heading', { name: 'Sổ tay chưa có câu trả lời chắc chắn' }).waitFor();
    expect(reply.status).toBe('no_confident_answer');
    expect(await box.getByRole('article').count()).toBe(0);
    expect(await box.getByText('Câu hỏi đã được ghi lại để Tổ IOC bổ sung vào sổ tay.').isVisible()).toBe(true);
    expect(await focusedText()).toBe('Sổ tay chưa có câu trả lời chắc chắn');
  });

  it('tells the reader that it searches by keywords only when no model is loaded', async () => {
    await open('/');
    const box = askBox();
    await ask(box, 'lam giay chung tu can gi');

    await box.getByRole('heading', { name: 'Câu trả lời từ sổ tay' }).waitFor();
    expect(await box.getByText('Đang tìm theo từ khóa (chưa có mô hình ngữ nghĩa).').isVisible()).toBe(true);
  });

  it('answers in English on the English home page', async () => {
    await open('/en/');
    const box = askBox('Ask the handbook');
    await ask(box, 'What do I need to register a death?');

    await box.getByRole('heading', { name: 'Answer from the handbook' }).waitFor();
    const link = box.getByRole('article').getByRole('link', { name: 'What documents are needed to register a death?' });
    expect(await link.getAttribute('href')).toBe('/en/civil-status/death-registration/');
    expect(await box.getByText('Keyword search only (no semantic model loaded).').isVisible()).toBe(true);
  });

  it('also works from the compact box at the foot of an entry page', async () => {
    await open('/civil-status/dang-ky-khai-sinh/');
    expect(await page.getByRole('region', { name: 'Hỏi sổ tay' }).count()).toBe(1);
    const box = askBox();
    await ask(box, 'lam giay chung tu can gi');

    await box.getByRole('heading', { name: 'Câu trả lời từ sổ tay' }).waitFor();
    expect(await box.getByRole('article').getByRole('link').first().getAttribute('href')).toBe(DEATH_ENTRY);
    expect(await focusedText()).toBe('Câu trả lời từ sổ tay');
  });

  it('can be reached with Tab and submitted with Enter', async () => {
    await open('/');
    const input = askBox().getByRole('textbox', { name: 'Câu hỏi của bạn' });
    for (let i = 0; i < 15 && !(await input.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.type('lam giay chung tu can gi');
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/ask'),
      page.keyboard.press('Enter'),
    ]);
    expect(response.status()).toBe(200);
    await askBox().getByRole('heading', { name: 'Câu trả lời từ sổ tay' }).waitFor();
    expect(await focusedText()).toBe('Câu trả lời từ sổ tay');
  });

  it("shows the API's message when it refuses a question", async () => {
    await open('/');
    const box = askBox();
    const reply = (await ask(box, '  ab  ')) as unknown as { error: { message: string } };

    const error = box.getByText(/^Chưa hỏi được sổ tay:/);
    await error.waitFor();
    expect(await error.innerText()).toBe(`Chưa hỏi được sổ tay: ${reply.error.message}`);
    expect(reply.error.message).toMatch(/at least 3 characters/);
  });

  it('answers from the engine in the browser when the server cannot be reached, and says so', async () => {
    await open('/');
    await page.route('**/api/ask', (route) => route.abort('internetdisconnected'));
    const box = askBox();
    await box.getByRole('textbox').fill('lam giay chung tu can gi');
    await box.getByRole('button', { name: 'Hỏi' }).click();

    await box.getByText('Không kết nối được máy chủ: trả lời bằng bộ tìm kiếm trong trình duyệt (theo từ khóa).').waitFor();
    expect(await box.locator('.ask-answer a').first().getAttribute('href')).toBe(DEATH_ENTRY);
    expect(await box.getByRole('button', { name: 'Hỏi' }).isEnabled()).toBe(true);
  });

  it('says so when neither the server nor the browser engine can answer', async () => {
    await open('/');
    await page.route('**/api/ask', (route) => route.abort('internetdisconnected'));
    await page.route('**/ask-index/**', (route) => route.abort('internetdisconnected'));
    const box = askBox();
    await box.getByRole('textbox').fill('lam giay chung tu can gi');
    await box.getByRole('button', { name: 'Hỏi' }).click();

    await box.getByText('Chưa hỏi được sổ tay: không kết nối được máy chủ sổ tay; kiểm tra mạng rồi thử lại.').waitFor();
    expect(await box.getByRole('button', { name: 'Hỏi' }).isEnabled()).toBe(true);
  });

  it('shows that it is busy while the answer is on its way', async () => {
    await open('/');
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/ask', async (route) => {
      await held;
      await route.continue();
    });
    const box = askBox();
    const button = box.getByRole('button', { name: 'Hỏi' });
    await box.getByRole('textbox').fill('lam giay chung tu can gi');
    await button.click();

    await box.getByText('Đang tìm câu trả lời…').waitFor();
    expect(await button.isDisabled()).toBe(true);
    expect(await box.locator('[aria-live="polite"]').getAttribute('aria-busy')).toBe('true');

    release();
    await box.getByRole('heading', { name: 'Câu trả lời từ sổ tay' }).waitFor();
    expect(await button.isEnabled()).toBe(true);
    expect(await box.locator('[aria-live="polite"]').getAttribute('aria-busy')).toBeNull();
  });
});
