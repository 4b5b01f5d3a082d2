import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { localDay } from '../../src/ioc/period.ts';
import { startService, type RunningService } from '../../src/service/start-service.ts';
import { launchBrowser } from '../support/browser.ts';
import { startStaticServer } from '../support/static-server.ts';
import { addAccount, PASSWORD } from '../support/ioc.ts';
import { FIXTURE_HANDBOOK, FIXTURE_SITE, ROOT } from '../support/paths.ts';
import { addDays, seedLog } from '../support/seeded-log.ts';

/** Set IOC_SCREENSHOTS to a folder to keep a picture of each step. */
const SHOTS = process.env['IOC_SCREENSHOTS'];

let service: RunningService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let dataDir: string;
let handbookDir: string;
const dialogs: string[] = [];
/** Content-Security-Policy violations and script errors on any page the test opens. */
const violations: string[] = [];
/** The seeded week: it ended yesterday, so today's votes fall outside it. */
const FROM = addDays(localDay(new Date()), -8);
const TO = addDays(FROM, 6);

beforeAll(async () => {
  // The real service over the fixture site, with a handbook folder of its own (the test drafts into it).
  dataDir = await mkdtemp(path.join(tmpdir(), 'handbook-ioc-e2e-'));
  handbookDir = path.join(dataDir, 'handbook');
  await cp(FIXTURE_HANDBOOK, handbookDir, { recursive: true });
  const config = loadConfig(
    {
      HANDBOOK_MODEL: 'off',
      HANDBOOK_LOG_LEVEL: 'silent',
      HANDBOOK_DIR: handbookDir,
      HANDBOOK_SITE_DIR: FIXTURE_SITE,
      HANDBOOK_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
    },
    ROOT,
  );
  [service, browser] = await Promise.all([startService(config, () => {}), launchBrowser()]);
  seedLog(service.state().log, FROM);
  await addAccount(dataDir);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.on('page', (p) => {
    p.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    p.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
  });
  page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await service?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const at = (p: string) => new URL(p, service.url).href;
const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `ioc-${name}.png`), fullPage: true });
};
const measure = (name: string) => page.locator(`tr[data-measure="${name}"] td`).innerText();

describe('the IOC dashboard in a browser', () => {
  it('is refused without a session: the page goes to sign-in, the API answers 401', async () => {
    await page.goto(at('/ioc/'));
    expect(new URL(page.url()).pathname).toBe('/ioc/sign-in');
    await page.getByRole('heading', { name: /Đăng nhập bảng theo dõi/ }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/ioc/figures')).status);
    expect(status).toBe(401);
    await shot('sign-in');
  });

  it('signs in and shows the seeded figures and the chart for the chosen week', async () => {
    await page.getByLabel(/Tên đăng nhập/).fill('lan.nguyen');
    await page.getByLabel(/Mật khẩu/).fill(PASSWORD);
    await page.getByRole('button', { name: /Đăng nhập/ }).click();
    await page.getByRole('heading', { name: /Bảng theo dõi của Tổ IOC/ }).waitFor();

    await page.getByLabel(/Từ ngày/).fill(FROM);
    await page.getByLabel(/Đến ngày/).fill(TO);
    await page.getByRole('button', { name: /^Xem/ }).click();
    await page.waitForURL((u) => u.searchParams.get('from') === FROM);

    expect(await measure('questions')).toBe('10');
    expect(await measure('answered')).toBe('4 (40.0%)');
    expect(await measure('no_confident_answer')).toBe('3 (30.0%)');
    expect(await measure('no_match')).toBe('3 (30.0%)');
    expect(await measure('median_ms')).toBe('40 ms');
    expect(await measure('p95_ms')).toBe('90 ms');
    const bars = await page.locator('svg.chart g.chart-day').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-questions'))));
    expect(bars).toEqual([4, 3, 0, 0, 3, 0, 0]);
    // The bars have height: the chart is drawn, not just present.
    expect(
      await page
        .locator('svg.chart rect.chart-answered')
        .first()
        .evaluate((r) => (r as SVGRectElement).getBBox().height),
    ).toBeGreaterThan(10);

    const groups = page.locator('#unanswered tr.ioc-group');
    expect(await groups.count()).toBe(4);
    expect(await groups.first().locator('td').first().innerText()).toBe('3');
    // Markup in questions and comments shows as text and never runs.
    expect(await page.locator('#unanswered').innerText()).toContain('<script>alert(1)</script>');
    expect(await page.locator('#unanswered').innerText()).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('#not-helpful').innerText()).toContain('<script>alert(3)</script>');
    expect(await page.locator('#unanswered img').count()).toBe(0);
    // The procedure the handbook does not cover that the passport questions named, with how often it was asked.
    const uncovered = page.locator('#uncovered tbody tr');
    expect(await uncovered.count()).toBe(1);
    expect(await uncovered.locator('td').allInnerTexts()).toEqual(
      expect.arrayContaining(['Cấp hộ chiếu phổ thông', '3', '1', 'Làm hộ chiếu cần những gì?']),
    );
    if (SHOTS) await page.locator('#uncovered').screenshot({ path: path.join(SHOTS, 'ioc-uncovered.png') });
    expect(dialogs).toEqual([]);
    await shot('dashboard');
  });

  it('drafts an entry from an unanswered group into the handbook folder', async () => {
    const group = page.locator('#unanswered tr.ioc-group').first();
    await group.getByLabel(/Câu hỏi của mục/).fill('Làm hộ chiếu cần giấy tờ gì?');
    await group.getByLabel(/Chủ đề/).selectOption('other');
    await group.getByRole('button', { name: /Soạn mục nháp/ }).click();
    await page.getByRole('heading', { name: /Đã soạn mục nháp/ }).waitFor();
    await shot('draft');
    const text = await readFile(path.join(handbookDir, 'vi/other/lam-ho-chieu.md'), 'utf8');
    expect(text).toContain('status: draft');
    expect(text).toContain('aliases:\n  - "Làm hộ chiếu cần gì?"\n  - "Làm hộ chiếu cần những gì?"\n');
  });

  it('counts an entry page’s "not helpful" vote and comment, a fruitless search and a commune', async () => {
    const reader = await context.newPage();
    try {
      await reader.goto(at('/civil-status/dang-ky-khai-sinh/'));
      const box = reader.getByRole('region', { name: 'Trang này có giúp ích không?' });
      await box.getByRole('button', { name: 'Không', exact: true }).click();
      await box.getByLabel(/Trang còn thiếu/).fill('Thiếu mẫu tờ khai <b>in đậm</b>');
      if (SHOTS) await reader.screenshot({ path: path.join(SHOTS, 'ioc-entry-page-question.png'), fullPage: true });
      await box.getByRole('button', { name: 'Gửi ý kiến' }).click();
      await box.getByText('Cảm ơn, ý kiến của bạn đã được gửi tới Tổ IOC.').waitFor();

      // The commune is picked once in the Ask box and remembered; the search box then names it too.
      await reader.goto(at('/'));
      await reader.getByLabel('Xã/phường của bạn (không bắt buộc)').selectOption('xa-tan-phu');
      if (SHOTS) await reader.screenshot({ path: path.join(SHOTS, 'ioc-ask-box-commune.png') });
      await reader.goto(at('/tim-kiem/'));
      expect(await reader.getByLabel('Xã/phường của bạn (không bắt buộc)').inputValue()).toBe('xa-tan-phu');
      const logged = reader.waitForResponse((r) => new URL(r.url()).pathname === '/api/search-log');
      await reader.getByLabel('Tìm trong sổ tay').fill('visa du lich');
      expect((await logged).status()).toBe(200);
    } finally {
      await reader.close();
    }

    await page.goto(at('/ioc/'));
    // The group drafted before now points to its draft instead of offering another.
    expect(await page.locator('#unanswered tr.ioc-group').first().innerText()).toContain('vi/other/lam-ho-chieu.md');
    const row = page.locator('#not-helpful tr[data-entry="vi:dang-ky-khai-sinh"]');
    expect(await row.locator('td').nth(2).innerText()).toBe('1');
    expect(await row.innerText()).toContain('Thiếu mẫu tờ khai <b>in đậm</b>');
    expect(await page.locator('#empty-searches').innerText()).toContain('visa du lich');
    expect(await page.locator('#communes tr[data-commune="xa-tan-phu"] td').nth(4).innerText()).toBe('1');
    await shot('feedback');
  });

  it('signs out, after which the dashboard is refused again', async () => {
    await page.getByRole('button', { name: /Đăng xuất/ }).click();
    await page.waitForURL((u) => u.pathname === '/ioc/sign-in');
    await page.goto(at('/ioc/'));
    expect(new URL(page.url()).pathname).toBe('/ioc/sign-in');
  });

  it('ran every page under the Content-Security-Policy without a violation', () => {
    expect(violations).toEqual([]);
  });
});

describe('the entry page question on a static host without the service', () => {
  it('says the vote could not be sent', async () => {
    const host = await startStaticServer(FIXTURE_SITE);
    const reader = await browser.newPage();
    try {
      await reader.goto(new URL('/civil-status/dang-ky-khai-tu/', host.url).href);
      const box = reader.getByRole('region', { name: 'Trang này có giúp ích không?' });
      await box.getByRole('button', { name: 'Có', exact: true }).click();
      await box.getByText('Chưa gửi được ý kiến: không kết nối được máy chủ sổ tay; kiểm tra mạng rồi thử lại.').waitFor();
      expect(await box.getByRole('button', { name: 'Có', exact: true }).isEnabled()).toBe(true);
    } finally {
      await reader.close();
      await host.close();
    }
  });
});
