import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI } from '../../src/site/ui-strings.ts';
import { launchBrowser, launchProfile } from '../support/browser.ts';
import { REAL_SITE } from '../support/paths.ts';
import { startStaticServer } from '../support/static-server.ts';

const DEATH_ENTRY = '/civil-status/dang-ky-khai-tu/';

let host: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;

beforeAll(async () => {
  // The real handbook's site on a plain static host: no /api, as on a CDN.
  [host, browser] = await Promise.all([startStaticServer(REAL_SITE), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

const at = (p: string) => new URL(p, host.url).href;

/** A fresh browser profile whose page has been opened once, so the service worker has installed and controls it. */
async function installed(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(at('/'));
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first load is not controlled (no clients.claim, so versions never mix); the next one is.
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return { context, page };
}

async function askOn(page: Page, question: string) {
  const box = page.getByRole('region', { name: 'Hỏi sổ tay' });
  await box.getByRole('textbox').fill(question);
  await box.getByRole('button', { name: 'Hỏi' }).click();
  const heading = page.locator('#ask-result .ask-result-heading');
  await heading.waitFor();
  return {
    heading: await heading.innerText(),
    answerHref: await page.locator('#ask-result .ask-answer a').first().getAttribute('href'),
    source: await page.locator('#ask-result .ask-source').innerText(),
  };
}

describe('the handbook on a static host without the API', () => {
  it('passes Chromium’s installability checks with its manifest, icons and service worker', async () => {
    // Installing needs a real profile: an incognito context is refused ("in-incognito").
    const profile = await mkdtemp(path.join(tmpdir(), 'handbook-profile-'));
    const context = await launchProfile(profile);
    try {
      const page = await context.newPage();
      await page.goto(at('/'));
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
      expect(installabilityErrors).toEqual([]);
      const manifest = JSON.parse(await readFile(path.join(REAL_SITE, 'manifest.webmanifest'), 'utf8')) as {
        name: string;
        icons: { sizes: string }[];
      };
      expect(manifest.name).toBe('Sổ tay hành chính công');
      expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('answers in the browser when there is no server, and says so in one line', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(at('/'));
      const answer = await askOn(page, 'lam giay chung tu can gi');
      expect(answer).toEqual({ heading: UI.vi.askAnswerHeading, answerHref: DEATH_ENTRY, source: UI.vi.askFromBrowser });
    } finally {
      await context.close();
    }
  });

  it('opens, searches and answers with the network off', async () => {
    const { context, page } = await installed();
    try {
      await context.setOffline(true);
      await page.reload();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(UI.vi.siteName);

      await page.goto(at('/tim-kiem/?q=dang%20ky%20khai%20tu'));
      const first = page.locator('#search-results li a').first();
      await first.waitFor();
      expect(await first.getAttribute('href')).toBe(DEATH_ENTRY);

      await page.goto(at('/'));
      expect(await askOn(page, 'lam giay chung tu can gi')).toMatchObject({ answerHref: DEATH_ENTRY, source: UI.vi.askFromBrowser });

      await page.goto(at('/trang-khong-co/'));
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(UI.vi.offlineTitle);
    } finally {
      await context.close();
    }
  });

  it('offers a new version of the handbook when one is published, and switches to it on reload', async () => {
    const { context, page } = await installed();
    try {
      const prompt = page.locator('[data-update-prompt]');
      expect(await prompt.isHidden()).toBe(true);
      // A new build changes the service worker's precache list; play that by serving a changed sw.js.
      host.override.set('/sw.js', `${await readFile(path.join(REAL_SITE, 'sw.js'), 'utf8')}\n// a newer build\n`);
      await page.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())?.update();
      });
      await prompt.waitFor({ state: 'visible' });
      expect(await prompt.innerText()).toContain(UI.vi.updateReady);
      await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: UI.vi.updateReload }).click()]);
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
    } finally {
      host.override.clear();
      await context.close();
    }
  });
});
