import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHandbook } from '../../src/content/load-handbook.ts';
import { FIXTURE_HANDBOOK, FIXTURE_SITE, ROOT } from '../support/paths.ts';

const page = (url: string) => readFileSync(path.join(FIXTURE_SITE, url, 'index.html'), 'utf8');

describe('the site built from the fixture handbook', () => {
  it('has a page for every published entry and none for drafts', async () => {
    const { entries } = await loadHandbook({ dir: FIXTURE_HANDBOOK, includeDrafts: true });
    for (const e of entries) {
      expect(existsSync(path.join(FIXTURE_SITE, e.url, 'index.html')), e.url).toBe(e.data.status === 'published');
    }
  });

  it('links each entry to its translation and back', () => {
    expect(page('/civil-status/dang-ky-khai-tu/')).toContain('href="/en/civil-status/death-registration/"');
    expect(page('/en/civil-status/death-registration/')).toContain('href="/civil-status/dang-ky-khai-tu/"');
    expect(page('/civil-status/dang-ky-khai-sinh/')).not.toContain('/en/civil-status/');
  });

  it('shows the legal basis, review date and owner on the entry page', () => {
    const html = page('/civil-status/dang-ky-khai-tu/');
    expect(html).toContain('Luật Hộ tịch 2014');
    expect(html).toMatch(/<time datetime="2026-10-15">15\/10\/2026<\/time>/);
    expect(html).toContain('Tổ IOC tỉnh');
  });

  it('lists topics with their counts on the home page', () => {
    const html = page('/');
    expect(html).toMatch(/href="\/civil-status\/"[^>]*>Hộ tịch<\/a>\s*<span class="count"[^>]*>2 câu hỏi<\/span>/);
  });

  it('writes the browser question index and the service worker that keeps the site offline', () => {
    for (const file of [
      'ask-index/entries.json.gz',
      'ask-index/keyword-vi.bin.gz',
      'ask-index/keyword-en.bin.gz',
      'ask-index/glossary.json.gz',
      'sw.js',
      'manifest.webmanifest',
      'offline/index.html',
    ]) {
      expect(existsSync(path.join(FIXTURE_SITE, file)), file).toBe(true);
    }
    // Nothing hidden for a search engine is left in the pages: search ranks with the handbook's own index.
    expect(page('/civil-status/dang-ky-khai-tu/')).not.toMatch(/data-pagefind|data-fold/);
  });
});

describe('building a handbook with a bad entry', () => {
  it('fails and names the file, the line, the field and what to write', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bad-site-'));
    await cp(FIXTURE_HANDBOOK, path.join(dir, 'handbook'), { recursive: true });
    const file = path.join(dir, 'handbook/vi/certification/chung-thuc-ban-sao.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('topic: certification', 'topic: chung-thuc'));
    const build = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      cwd: ROOT,
      env: { ...process.env, HANDBOOK_DIR: path.join(dir, 'handbook'), HANDBOOK_SITE_DIR: path.join(dir, 'site') },
      encoding: 'utf8',
    });
    expect(build.status).not.toBe(0);
    expect(build.stdout + build.stderr).toContain(
      `handbook/vi/certification/chung-thuc-ban-sao.md:6: topic: write one of: civil-status, certification, business-households, land, construction, fees-payments, accounts-systems, digital-signatures, connectivity-incidents, reception-results, social-affairs, other (got "chung-thuc")`,
    );
  });
});
