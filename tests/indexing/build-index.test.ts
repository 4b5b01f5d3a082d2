import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/indexing/build-index.ts';
import { chunksOf } from '../../src/indexing/handbook-documents.ts';
import { currentIndexDir, INDEXES_DIR } from '../../src/indexing/index-files.ts';
import { openSearch } from '../../src/retrieval/open-search.ts';
import { handbookEntries } from '../../src/service/question-index.ts';
import { countingTinyEmbedder, tempHandbook } from '../support/index-fixture.ts';

const QUESTIONS = ['dang ky khai tu', 'Làm giấy khai sinh cho con', 'chứng thực bản sao bao nhiêu tiền', 'không thanh toán online được'];

describe('building the question index', () => {
  it('writes an index that gives the same top results after it is saved and loaded again', async () => {
    const config = await tempHandbook();
    const embedder = await countingTinyEmbedder(config);
    const entries = await handbookEntries(config);
    const { dir, manifest } = await buildIndex({ dataDir: config.dataDir, entries, embedder });
    expect(manifest.model).toEqual({ id: 'tiny-random-bert', dtype: 'fp32', dimensions: 32 });
    expect(manifest.counts).toMatchObject({ entries: 5, embedded: manifest.counts.passages, reused: 0 });

    const first = await openSearch(dir, config.retrieval, embedder);
    const again = await openSearch(dir, config.retrieval, embedder);
    expect(first.search.mode).toBe('hybrid');
    for (const question of QUESTIONS) {
      const a = await first.search.search({ question, lang: 'vi', k: 5 });
      const b = await again.search.search({ question, lang: 'vi', k: 5 });
      expect(b.results.map((r) => [r.entry.id, r.score])).toEqual(a.results.map((r) => [r.entry.id, r.score]));
    }
  });

  it('embeds again only the entries whose content changed', async () => {
    const config = await tempHandbook();
    const entries = await handbookEntries(config);
    await buildIndex({ dataDir: config.dataDir, entries, embedder: await countingTinyEmbedder(config) });

    const file = path.join(config.handbookDir, 'vi/certification/chung-thuc-ban-sao.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('tối đa 200.000 đồng/bản', 'tối đa 200.000 đồng một bản'));
    const changed = await handbookEntries(config);
    const embedder = await countingTinyEmbedder(config);
    const { manifest } = await buildIndex({ dataDir: config.dataDir, entries: changed, embedder });

    const edited = changed.findIndex((e) => e.id === 'chung-thuc-ban-sao');
    const editedTexts = chunksOf(changed[edited]!, edited).map((c) => c.text);
    expect(embedder.embedded.sort()).toEqual(editedTexts.sort());
    expect(manifest.counts).toMatchObject({ embedded: editedTexts.length, reused: manifest.counts.passages - editedTexts.length });
  });

  it('keeps the previous index serving when a rebuild fails', async () => {
    const config = await tempHandbook();
    const entries = await handbookEntries(config);
    const { dir } = await buildIndex({ dataDir: config.dataDir, entries, embedder: await countingTinyEmbedder(config) });

    const broken = await countingTinyEmbedder(config);
    broken.embeddings.embedDocuments = () => Promise.reject(new Error('the model crashed'));
    const changed = entries.map((e) => ({ ...e, hash: `${e.hash}-changed` }));
    await expect(buildIndex({ dataDir: config.dataDir, entries: changed, embedder: broken })).rejects.toThrow('the model crashed');

    expect(await currentIndexDir(config.dataDir)).toBe(dir);
    expect((await readdir(path.join(config.dataDir, INDEXES_DIR))).filter((n) => n.startsWith('.building'))).toEqual([]);
    const { search } = await openSearch(dir, config.retrieval, await countingTinyEmbedder(config));
    expect((await search.search({ question: 'dang ky khai tu', lang: 'vi', k: 3 })).results[0]?.entry.id).toBe('dang-ky-khai-tu');
  });

  it('builds a keyword-only index when no model is available', async () => {
    const config = await tempHandbook();
    const { dir, manifest } = await buildIndex({ dataDir: config.dataDir, entries: await handbookEntries(config), embedder: undefined });
    expect(manifest.model).toBeNull();
    const { search } = await openSearch(dir, config.retrieval, undefined);
    expect(search.mode).toBe('lexical');
  });
});

describe('a rebuild killed half way', () => {
  it('leaves the previous index serving, and the next build clears what it left behind', async () => {
    const { spawn } = await import('node:child_process');
    const config = await tempHandbook();
    const entries = await handbookEntries(config);
    const { dir } = await buildIndex({ dataDir: config.dataDir, entries, embedder: await countingTinyEmbedder(config) });

    const child = spawn(process.execPath, ['tests/support/stalled-index-build.ts', config.handbookDir, config.dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('EMBEDDING') && resolve());
      child.on('exit', (code) => reject(new Error(`the build ended by itself (${code}) instead of stalling`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const indexes = path.join(config.dataDir, INDEXES_DIR);
    expect((await readdir(indexes)).some((n) => n.startsWith('.building'))).toBe(true);
    expect(await currentIndexDir(config.dataDir)).toBe(dir);
    const { search } = await openSearch(dir, config.retrieval, await countingTinyEmbedder(config));
    expect((await search.search({ question: 'dang ky khai tu', lang: 'vi', k: 3 })).results[0]?.entry.id).toBe('dang-ky-khai-tu');

    const next = await buildIndex({ dataDir: config.dataDir, entries, embedder: await countingTinyEmbedder(config) });
    expect((await readdir(indexes)).sort()).toEqual([path.basename(dir), path.basename(next.dir)].sort());
  });
});
