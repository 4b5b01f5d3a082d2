import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { startFixtureService } from '../support/service.ts';

let service: Awaited<ReturnType<typeof startFixtureService>>;
let browser: Browser;

beforeAll(async () => {
  [service, browser] = await Promise.all([startFixtureService(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await service?.cleanup();
});

describe('the Ask box in a browser without JavaScript', () => {
  it('posts the form and shows the answer as a page, with its link', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(new URL('/', service.url).href);
      const box = page.getByRole('region', { name: 'Hỏi sổ tay' });
      await box.getByRole('textbox').fill('lam giay chung tu can gi');
      await Promise.all([page.waitForURL('**/api/ask'), box.getByRole('button', { name: 'Hỏi' }).click()]);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Câu trả lời từ sổ tay');
      const link = page.getByRole('article').getByRole('link', { name: 'Đăng ký khai tử cần những giấy tờ gì?' });
      expect(await link.getAttribute('href')).toBe('/civil-status/dang-ky-khai-tu/');
      await link.click();
      await page.waitForURL('**/civil-status/dang-ky-khai-tu/');
    } finally {
      await context.close();
    }
  });

  it('answers in English from the English pages', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(new URL('/en/', service.url).href);
      const box = page.getByRole('region', { name: 'Ask the handbook' });
      await box.getByRole('textbox').fill('What do I need to register a death?');
      await Promise.all([page.waitForURL('**/api/ask'), box.getByRole('button', { name: 'Ask' }).click()]);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Answer from the handbook');
    } finally {
      await context.close();
    }
  });
});
