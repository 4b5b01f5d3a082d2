import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { UI } from '../../src/site/ui-strings.ts';
import { launchBrowser } from '../support/browser.ts';
import { startFixtureService } from '../support/service.ts';

let service: Awaited<ReturnType<typeof startFixtureService>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [service, browser] = await Promise.all([startFixtureService(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await service?.cleanup();
});
beforeEach(async () => {
  page = await browser.newPage();
  await page.goto(new URL('/', service.url).href);
});
afterEach(async () => {
  await page.close();
});

async function ask(question: string) {
  const box = page.getByRole('region', { name: 'Hỏi sổ tay' });
  await box.getByRole('textbox').fill(question);
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/ask'),
    box.getByRole('button', { name: 'Hỏi' }).click(),
  ]);
  const region = page.locator('#ask-result');
  await region.locator('.ask-result-heading').waitFor();
  return region;
}

describe('asking on a Vietnamese page', () => {
  it('answers an English question from the English entry, labelled as English', async () => {
    const region = await ask('What do I need to register a death?');
    expect(await region.locator('.ask-result-heading').innerText()).toBe(UI.vi.askAnswerHeading);
    const link = region.locator('.ask-answer h4 a');
    expect(await link.getAttribute('href')).toBe('/en/civil-status/death-registration/');
    expect(await link.getAttribute('lang')).toBe('en');
    expect(await region.locator('.ask-answer .ask-entry-lang').innerText()).toContain(UI.vi.askEntryLang.en);
    expect(await region.locator('.ask-source').innerText()).toBe(UI.vi.askFromServer);
  });

  it('tells the officer the handbook has no entry on a procedure it does not cover', async () => {
    const region = await ask('đăng ký xe máy cho con đi học');
    expect(await region.locator('.ask-uncovered').innerText()).toBe(UI.vi.askUncovered('Đăng ký xe'));
    expect(await region.locator('.ask-answer').count()).toBe(0);
  });

  it('says the handbook has nothing on an unrelated question, and lists no entries', async () => {
    const region = await ask('asdf qwerty zxcv');
    expect(await region.getAttribute('data-status')).toBe('no_match');
    expect(await region.locator('.ask-result-heading').innerText()).toBe(UI.vi.askNoMatch);
    expect(await region.locator('.ask-results li').count()).toBe(0);
  });
});
