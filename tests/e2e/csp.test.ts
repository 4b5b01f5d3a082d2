import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { startFixtureService } from '../support/service.ts';

const ENTRY = '/civil-status/dang-ky-khai-tu/';

let service: Awaited<ReturnType<typeof startFixtureService>>;
let browser: Browser;

beforeAll(async () => {
  [service, browser] = await Promise.all([startFixtureService(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await service?.cleanup();
});

/** A fresh profile whose pages report every CSP violation, from the console and from the DOM event. */
async function watchedPage(): Promise<{ context: BrowserContext; page: Page; violations: string[] }> {
  const context = await browser.newContext();
  const violations: string[] = [];
  await context.exposeBinding('reportViolation', (_, text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportViolation: (t: string) => void }).reportViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`,
      );
    });
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
  return { context, page, violations };
}

const at = (p: string) => new URL(p, service.url).href;

describe('the site under its Content-Security-Policy', () => {
  it('searches, asks and shows entries without a single CSP violation', async () => {
    const { context, page, violations } = await watchedPage();
    try {
      const home = await page.goto(at('/'));
      expect(home?.headers()['content-security-policy']).toContain("script-src 'self'");

      // Search: the search page's engine runs in a module worker from /_astro/.
      await page.goto(at('/tim-kiem/'));
      await page.getByLabel('Tìm trong sổ tay').fill('dang ky khai tu');
      await page.waitForFunction(() => document.getElementById('search-status')?.dataset['query'] === 'dang ky khai tu');
      expect(await page.locator('#search-results li > a').first().getAttribute('href')).toBe(ENTRY);

      // Ask: the box posts to /api/ask and renders the answer.
      await page.goto(at('/'));
      const box = page.getByRole('region', { name: 'Hỏi sổ tay' });
      await box.getByRole('textbox').fill('lam giay chung tu can gi');
      await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/api/ask'),
        box.getByRole('button', { name: 'Hỏi' }).click(),
      ]);
      await box.getByRole('heading', { name: 'Câu trả lời từ sổ tay' }).waitFor();
      expect(await box.getByRole('article').getByRole('link').first().getAttribute('href')).toBe(ENTRY);

      // An entry, the English home page and the 404 page, with their styles applied.
      for (const p of [ENTRY, '/en/', '/khong-co-trang-nay/']) {
        await page.goto(at(p));
        await page.waitForLoadState('networkidle');
        const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).display !== 'inline');
        expect(styled, `${p} is styled`).toBe(true);
      }
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('stops an inline script, as one that slipped into an entry would be', async () => {
    const { context, page, violations } = await watchedPage();
    try {
      await page.goto(at(ENTRY));
      const ran = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.head.append(script);
        return (window as unknown as { injected?: boolean }).injected === true;
      });
      expect(ran).toBe(false);
      await expect.poll(() => violations.some((v) => v.includes('script-src'))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
