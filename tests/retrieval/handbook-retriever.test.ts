import { describe, expect, it } from 'vitest';
import { toStoredEntry } from '../../src/indexing/handbook-documents.ts';
import { loadHandbook } from '../../src/content/load-handbook.ts';
import { HandbookRetriever } from '../../src/retrieval/handbook-retriever.ts';
import { HandbookSearch } from '../../src/retrieval/handbook-search.ts';
import { FIXTURE_HANDBOOK } from '../support/paths.ts';

const fusion = { denseWeight: 0.5, denseFloor: 0.7, threshold: 0.5, denseConfidenceWeight: 0 };
const search = new HandbookSearch((await loadHandbook({ dir: FIXTURE_HANDBOOK })).entries.map(toStoredEntry), fusion);

describe('the LangChain retriever', () => {
  it('returns one cited Document per entry through invoke(), best first', async () => {
    const docs = await new HandbookRetriever({ search, k: 3 }).invoke('Làm giấy chứng tử cần những gì?');
    expect(docs.length).toBeGreaterThan(1);
    expect(new Set(docs.map((d) => d.metadata.id)).size).toBe(docs.length);
    expect(docs[0]!.metadata).toMatchObject({
      id: 'dang-ky-khai-tu',
      title: 'Đăng ký khai tử cần những giấy tờ gì?',
      url: '/civil-status/dang-ky-khai-tu/',
      topic: 'civil-status',
      lang: 'vi',
      answered: true,
    });
    expect(docs[0]!.metadata.score).toBeGreaterThanOrEqual(docs[1]!.metadata.score);
    expect(docs[0]!.pageContent.length).toBeGreaterThan(0);
  });

  it('finds an entry by the everyday words of its search phrases', async () => {
    const [doc] = await new HandbookRetriever({ search }).invoke('cụ trong xóm qua đời');
    expect(doc!.metadata).toMatchObject({ id: 'dang-ky-khai-tu', lang: 'vi' });
  });

  it('never answers a question naming a procedure the glossary marks as not covered, but still lists the closest entries', async () => {
    const question = 'Đăng ký khai tử ở nước ngoài cần những giấy tờ gì?';
    const notCovered = {
      term: 'Ghi chú khai tử ở nước ngoài',
      lang: 'vi' as const,
      says: ['khai tử ở nước ngoài'],
      entries: [],
      notCovered: true,
    };
    const entries = (await loadHandbook({ dir: FIXTURE_HANDBOOK })).entries.map(toStoredEntry);
    const withTerm = new HandbookSearch(entries, fusion, undefined, { glossary: [notCovered] });
    const withoutTerm = new HandbookSearch(entries, fusion, undefined, { glossary: [{ ...notCovered, notCovered: false }] });
    expect((await withoutTerm.search({ question, k: 3 })).status).toBe('answered');
    const outcome = await withTerm.search({ question, k: 3 });
    expect(outcome.status).toBe('no_confident_answer');
    expect(outcome.results[0]?.entry.id).toBe('dang-ky-khai-tu');
  });

  it('searches the English handbook for an English question', async () => {
    const [doc] = await new HandbookRetriever({ search }).invoke('What do I need to register a death?');
    expect(doc!.metadata).toMatchObject({ id: 'dang-ky-khai-tu', lang: 'en', url: '/en/civil-status/death-registration/' });
  });

  it('takes unaccented Vietnamese full of English-looking words for Vietnamese', async () => {
    const [doc] = await new HandbookRetriever({ search }).invoke('dang ky khai tu can giay to gi');
    expect(doc!.metadata).toMatchObject({ id: 'dang-ky-khai-tu', lang: 'vi' });
  });
});
