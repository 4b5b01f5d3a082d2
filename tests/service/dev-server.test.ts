import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASK_INDEX_DIR,
  browserIndexFiles,
  readBrowserEntries,
  readBrowserGlossary,
  readBrowserKeywordIndex,
} from '../../src/browser/browser-index.ts';
import { FIXTURE_HANDBOOK, ROOT } from '../support/paths.ts';

let work: string;
let child: ChildProcess;
let base: string;
let output = '';
const ENTRY = 'vi/civil-status/dang-ky-khai-tu.md';

/** A port free right now on 127.0.0.1 (the Astro dev server needs a number, not 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls until `check` holds (bounded); the time taken is reported, never asserted: machines are shared. */
async function until(what: string, check: () => Promise<boolean>, limitMs = 45_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if (await check().catch(() => false)) return Math.round(performance.now() - started);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen within ${limitMs} ms; the dev server printed:\n${output.slice(-3000)}`);
}

const page = () => fetch(`${base}/civil-status/dang-ky-khai-tu/`).then((r) => r.text());
const ask = (question: string) =>
  fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) }).then(
    (r) => r.json() as Promise<{ status: string; answer?: { id: string } }>,
  );

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'handbook-dev-'));
  await cp(FIXTURE_HANDBOOK, path.join(work, 'handbook'), { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['scripts/dev.ts'], {
    cwd: ROOT,
    // A clean environment: Astro's dev server behaves differently inside a test runner (VITEST, NODE_ENV=test).
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      HANDBOOK_DIR: path.join(work, 'handbook'),
      HANDBOOK_DATA_DIR: path.join(work, 'data'),
      PORT: String(port),
      HOST: '127.0.0.1',
      HANDBOOK_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (d: Buffer) => (output += d.toString()));
  await until('the dev server start', async () => (await page()).includes('Đăng ký khai tử'), 90_000);
}, 120_000);

afterAll(async () => {
  child?.kill('SIGTERM');
  await new Promise((r) => child?.once('exit', r));
  await rm(work, { recursive: true, force: true });
});

describe('npm run dev, for editors', () => {
  it('shows a saved edit on the entry page and answers from it in /api/ask', async () => {
    const file = path.join(work, 'handbook', ENTRY);
    const before = await readFile(file, 'utf8');
    expect((await ask('khai tử lưu động ở thôn bản xa xôi')).answer?.id).not.toBe('dang-ky-khai-tu');
    await writeFile(file, before.replace('aliases:\n', 'aliases:\n  - Khai tử lưu động ở thôn bản xa xôi được không?\n'));
    const pageMs = await until('the edit on the page', async () => (await page()).includes('Khai tử lưu động ở thôn bản xa xôi'));
    const askMs = await until(
      'the edit in /api/ask',
      async () => (await ask('khai tử lưu động ở thôn bản xa xôi')).answer?.id === 'dang-ky-khai-tu',
    );
    console.log(`npm run dev: edit visible on the page after ${pageMs} ms, askable after ${askMs} ms`);
  });

  it('serves the browser question index under the names the built site uses, so search and offline Ask work', async () => {
    const files = browserIndexFiles();
    const get = async (name: string) => {
      const res = await fetch(`${base}/${ASK_INDEX_DIR}/${name}`);
      expect(res.status, name).toBe(200);
      return new Uint8Array(await res.arrayBuffer());
    };
    const entries = readBrowserEntries(await get(files.entries));
    expect(entries.map((e) => e.id)).toContain('dang-ky-khai-tu');
    expect(Array.isArray(readBrowserGlossary(await get(files.glossary)))).toBe(true);
    for (const lang of ['vi', 'en'] as const) {
      expect(readBrowserKeywordIndex(await get(files.keyword[lang])).n).toBe(entries.filter((e) => e.lang === lang).length);
    }
  });

  it('keeps the last good version serving after a broken edit, and shows file:line on the page', async () => {
    const file = path.join(work, 'handbook', ENTRY);
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace('topic: civil-status', 'topic: civil'));
    await until('the message on the page', async () => (await page()).includes('class="dev-problems"'));
    const html = await page();
    expect(html).toMatch(/handbook\/vi\/civil-status\/dang-ky-khai-tu\.md:\d+: topic: write one of: civil-status/);
    expect(html).toContain('Đăng ký khai tử');
    expect(output).toMatch(/dang-ky-khai-tu\.md:\d+: topic: write one of/);
    expect((await ask('lam giay chung tu can gi')).answer?.id).toBe('dang-ky-khai-tu');

    await writeFile(file, good);
    await until('the message to go once fixed', async () => !(await page()).includes('class="dev-problems"'));
  });
});
