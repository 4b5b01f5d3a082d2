import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASK_INDEX_DIR, browserIndexFiles, readBrowserEntries } from '../../src/browser/browser-index.ts';
import { readEvalDataset, relevantIds } from '../../src/evaluation/eval-dataset.ts';
import { launchBrowser } from '../support/browser.ts';
import { REAL_SITE, ROOT } from '../support/paths.ts';
import { startStaticServer } from '../support/static-server.ts';

let host: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [host, browser] = await Promise.all([startStaticServer(REAL_SITE), launchBrowser()]);
  page = await browser.newPage();
  await page.goto(new URL('/tim-kiem/', host.url).href);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/** Types a query into the real search box and returns the links of the results shown, best first. */
async function search(query: string): Promise<{ hrefs: string[]; excerpts: string[] }> {
  const input = page.getByLabel('Tìm trong sổ tay');
  await input.fill('');
  await input.fill(query);
  await page.waitForFunction((q) => document.getElementById('search-status')?.dataset['query'] === q, query);
  const hrefs = await page.locator('#search-results li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const excerpts = await page.locator('#search-results .search-excerpt').allInnerTexts();
  return { hrefs, excerpts };
}

describe('the search box on the real handbook', () => {
  it('puts the sổ đỏ entry first for "so do" and "sổ đỏ", with excerpts from the entry’s own text', async () => {
    for (const query of ['so do', 'sổ đỏ']) {
      const { hrefs, excerpts } = await search(query);
      expect(hrefs[0], query).toBe('/land/cap-giay-chung-nhan-quyen-su-dung-dat-lan-dau/');
      // No hidden index text (folded copies of the words) ever reaches what a reader sees.
      for (const e of excerpts) expect(e).not.toMatch(/\b(khong|giay|chung nhan|dang ky)\b/);
    }
  });

  it('puts registering a birth first for "giấy khai sinh", not the re-registration entry that repeats the words', async () => {
    for (const query of ['giấy khai sinh', 'giay khai sinh']) {
      expect((await search(query)).hrefs[0], query).toBe('/civil-status/dang-ky-khai-sinh/');
    }
    expect((await search('mất giấy khai sinh')).hrefs[0]).toBe('/civil-status/dang-ky-lai-khai-sinh/');
  });

  it('finds the right entry in the top 3 for at least 90% of the dev search queries', async () => {
    const data = await readEvalDataset(`${ROOT}/eval/search-queries.json`);
    const dev = data.queries.filter((q) => q.split === 'dev');
    const entryUrls = readBrowserEntries(await readFile(path.join(REAL_SITE, ASK_INDEX_DIR, browserIndexFiles().entries)));
    const urlOf = new Map(entryUrls.filter((e) => e.lang === 'vi').map((e) => [e.id, e.url]));
    const misses: string[] = [];
    for (const q of dev) {
      const wanted = [...relevantIds(q)].map((id) => urlOf.get(id));
      const { hrefs } = await search(q.query);
      if (!hrefs.slice(0, 3).some((h) => wanted.includes(h))) misses.push(`${q.query} → ${hrefs.slice(0, 3).join(', ')}`);
    }
    const top3 = 1 - misses.length / dev.length;
    expect(top3, `missed:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(0.9);
  });
});
