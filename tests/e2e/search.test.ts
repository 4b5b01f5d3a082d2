import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { startFixtureService } from '../support/service.ts';

const ENTRY_VI = '/civil-status/dang-ky-khai-tu/';
const ENTRY_EN = '/en/civil-status/death-registration/';

let service: Awaited<ReturnType<typeof startFixtureService>>;
let browser: Browser;

beforeAll(async () => {
  [service, browser] = await Promise.all([startFixtureService(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await service?.cleanup();
});

/** Opens the home page in a fresh tab, types a query into the search box and waits for its results. */
async function searchFromHome(query: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(new URL('/', service.url).href);
  await page.getByRole('region', { name: 'Tìm kiếm' }).getByRole('searchbox').fill(query);
  await page.waitForFunction((q) => document.getElementById('search-status')?.dataset['query'] === q, query);
  return page;
}

/** The first result: its title and link. */
async function firstResult(page: Page) {
  const link = page.locator('#search-results li > a').first();
  return { title: (await link.innerText()).trim(), href: await link.getAttribute('href') };
}

/** Titles and links of all results, for a readable failure message. */
async function allResults(page: Page) {
  return page
    .locator('#search-results li > a')
    .evaluateAll((links) => links.map((a) => `${a.textContent?.trim()} → ${a.getAttribute('href')}`));
}

describe('searching the handbook from the home page', () => {
  for (const query of ['dang ky khai tu', 'đăng ký khai tử', 'Dang Ky Khai Tu']) {
    it(`puts the death-registration entry first for "${query}"`, async () => {
      const page = await searchFromHome(query);
      try {
        const first = await firstResult(page);
        expect(first, `results for "${query}": ${(await allResults(page)).join(' | ')}`).toEqual({
          title: 'Đăng ký khai tử cần những giấy tờ gì?',
          href: ENTRY_VI,
        });
      } finally {
        await page.close();
      }
    });
  }

  it('finds an entry by the words of its search phrases, which its page does not show', async () => {
    const page = await searchFromHome('cu qua doi');
    try {
      expect(await firstResult(page), (await allResults(page)).join(' | ')).toEqual({
        title: 'Đăng ký khai tử cần những giấy tờ gì?',
        href: ENTRY_VI,
      });
      await page.goto(new URL(ENTRY_VI, service.url).href);
      await expect(page.locator('main').innerText()).resolves.not.toContain('qua đời');
    } finally {
      await page.close();
    }
  });

  it('leads from a result to the entry, its legal basis and review date, and its English version and back', async () => {
    const page = await searchFromHome('dang ky khai tu');
    try {
      await page.locator('#search-results li > a').first().click();
      await page.waitForURL(`**${ENTRY_VI}`);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Đăng ký khai tử cần những giấy tờ gì?');
      expect(await page.getByRole('region', { name: 'Căn cứ pháp lý' }).innerText()).toContain('Luật Hộ tịch 2014');
      expect(await page.locator('.review').innerText()).toMatch(/Rà soát ngày\s+15\/10\/2026/);

      await page.getByRole('link', { name: /^English version/ }).click();
      await page.waitForURL(`**${ENTRY_EN}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('What documents are needed to register a death?');
      expect(await page.getByRole('region', { name: 'Legal basis' }).innerText()).toContain('Law on Civil Status 2014');
      expect(await page.locator('.review').innerText()).toMatch(/Reviewed on\s+15 October 2026/);

      const back = page.getByRole('link', { name: /^Bản tiếng Việt/ });
      expect(await back.getAttribute('href')).toBe(ENTRY_VI);
      expect(await back.innerText()).toBe('Bản tiếng Việt: Đăng ký khai tử cần những giấy tờ gì?');
    } finally {
      await page.close();
    }
  });
});
