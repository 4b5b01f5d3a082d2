import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserIndexFiles, readBrowserEntries, readBrowserGlossary, readBrowserKeywordIndex } from '../../src/browser/browser-index.ts';
import { loadConfig } from '../../src/config.ts';
import { readEvalDataset } from '../../src/evaluation/eval-dataset.ts';
import { buildIndex } from '../../src/indexing/build-index.ts';
import { answerBody } from '../../src/retrieval/answer-response.ts';
import { HandbookSearch } from '../../src/retrieval/handbook-search.ts';
import { openSearch } from '../../src/retrieval/open-search.ts';
import { handbookEntries, handbookGlossary } from '../../src/service/question-index.ts';
import { REAL_HANDBOOK, REAL_SITE, ROOT } from '../support/paths.ts';

const config = loadConfig({ HANDBOOK_DIR: REAL_HANDBOOK, HANDBOOK_MODEL: 'off' }, ROOT);
let dataDir: string;
let server: HandbookSearch;
let browser: HandbookSearch;

beforeAll(async () => {
  // The server's index, built as `npm run index` builds it…
  dataDir = await mkdtemp(path.join(tmpdir(), 'handbook-equal-'));
  const { dir } = await buildIndex({ dataDir, entries: await handbookEntries(config), glossary: await handbookGlossary(config) });
  server = (await openSearch(dir, config.retrieval, undefined)).search;
  // …and the browser's, as the site build wrote it and the Web Worker reads it.
  const files = browserIndexFiles();
  const read = (name: string) => readFile(path.join(REAL_SITE, 'ask-index', name));
  browser = new HandbookSearch(readBrowserEntries(await read(files.entries)), config.retrieval, undefined, {
    glossary: readBrowserGlossary(await read(files.glossary)),
    keyword: { vi: readBrowserKeywordIndex(await read(files.keyword.vi)), en: readBrowserKeywordIndex(await read(files.keyword.en)) },
  });
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the browser engine and the server in keyword mode', () => {
  it('give the same answer, entries and confidence to every dev officer question', async () => {
    const data = await readEvalDataset(path.join(ROOT, 'eval/officer-questions.json'));
    const dev = data.queries.filter((q) => q.split === 'dev');
    expect(dev.length).toBeGreaterThan(200);
    for (const q of dev) {
      const fromServer = answerBody(await server.search({ question: q.query, k: 5 }));
      const fromBrowser = answerBody(await browser.search({ question: q.query, k: 5 }));
      expect(fromBrowser, q.query).toEqual(fromServer);
    }
  });
});
