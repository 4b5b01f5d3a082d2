import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Document } from '@langchain/core/documents';
import { SyntheticEmbeddings } from '@langchain/core/utils/testing';
import { describe, expect, it } from 'vitest';
import { HnswVectorStore } from '../../src/indexing/hnsw-vector-store.ts';

const embeddings = new SyntheticEmbeddings({ vectorSize: 16 });
const texts = ['đăng ký khai tử', 'đăng ký khai sinh', 'chứng thực bản sao', 'giấy phép xây dựng', 'chữ ký số', 'lệ phí hộ tịch'];

describe('the hnswlib vector store', () => {
  it('returns cosine similarity, not hnswlib distance, best first', async () => {
    const store = new HnswVectorStore(embeddings, 16);
    await store.addDocuments(texts.map((t, i) => new Document({ pageContent: t, metadata: { i } })));
    const [best, second] = await store.similaritySearchWithScore('đăng ký khai tử', 2);
    expect(best![0].pageContent).toBe('đăng ký khai tử');
    expect(best![1]).toBeCloseTo(1, 5);
    expect(second![1]).toBeLessThan(best![1]);
  });

  it('gives the same top-k after save and load', async () => {
    const store = new HnswVectorStore(embeddings, 16);
    await store.addDocuments(texts.map((t, i) => new Document({ pageContent: t, metadata: { i, lang: i % 2 ? 'en' : 'vi' } })));
    const dir = await mkdtemp(path.join(tmpdir(), 'hnsw-'));
    await store.save(dir);
    const loaded = await HnswVectorStore.load(dir, embeddings);
    for (const q of texts) {
      const a = await store.similaritySearchWithScore(q, 3);
      const b = await loaded.similaritySearchWithScore(q, 3);
      expect(b.map(([d, s]) => [d.pageContent, s])).toEqual(a.map(([d, s]) => [d.pageContent, s]));
    }
    const vi = await loaded.similaritySearchVectorWithScore(await embeddings.embedQuery('x'), 6, (m) => m['lang'] === 'vi');
    expect(vi.map(([d]) => d.metadata['lang'])).toEqual(['vi', 'vi', 'vi']);
  });

  it('refuses a damaged passage file and says to rebuild', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hnsw-'));
    await writeFile(path.join(dir, 'passages.json'), '{not json');
    await expect(HnswVectorStore.load(dir, embeddings)).rejects.toThrow(
      `cannot read ${path.join(dir, 'passages.json')}; rebuild the index with npm run index`,
    );
  });
});
