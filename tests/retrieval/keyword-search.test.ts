import { beforeAll, describe, expect, it } from 'vitest';
import { loadHandbook } from '../../src/content/load-handbook.ts';
import { toStoredEntry } from '../../src/indexing/handbook-documents.ts';
import type { FusionSettings } from '../../src/retrieval/fusion.ts';
import { HandbookSearch, type SearchRequest } from '../../src/retrieval/handbook-search.ts';
import { GlossaryExpander, type GlossaryItem } from '../../src/retrieval/glossary-expansion.ts';
import { decodeKeywordIndex, encodeKeywordIndex } from '../../src/retrieval/keyword-index-file.ts';
import { buildKeywordIndex, KeywordIndex, type KeywordDoc } from '../../src/retrieval/keyword-index.ts';
import { KeywordSearch } from '../../src/retrieval/keyword-search.ts';
import { isExactTerm, lexicalTerms } from '../../src/retrieval/lexical-terms.ts';
import { FIXTURE_HANDBOOK } from '../support/paths.ts';

const FUSION: FusionSettings = { denseWeight: 0.5, denseFloor: 0.7, denseConfidenceWeight: 0 };

type LexicalDoc = KeywordDoc & { id: string };

/** A keyword engine over `docs`, answering with their ids. */
class LexicalIndex {
  readonly engine: KeywordSearch;
  readonly docs: LexicalDoc[];
  constructor(docs: LexicalDoc[], lang: 'vi' | 'en', glossary: GlossaryItem[] = []) {
    this.docs = docs;
    this.engine = new KeywordSearch(new KeywordIndex(buildKeywordIndex(docs, lang)), new GlossaryExpander(glossary, lang));
  }
  get size() {
    return this.engine.index.size;
  }
  search(query: string, k: number, filter?: (id: string) => boolean) {
    return this.engine
      .search(query, k, filter ? (d) => filter(this.docs[d]!.id) : undefined)
      .hits.map((h) => ({ ...h, id: this.docs[h.doc]!.id }));
  }
  coverage(query: string, id: string) {
    return this.search(query, 10).find((h) => h.id === id)?.coverage ?? 0;
  }
}

describe('lexicalTerms', () => {
  it('makes folded words and pairs, and exact spellings of words and pairs, of Vietnamese', () => {
    expect(lexicalTerms('Đăng ký', 'vi')).toEqual(['dang', '=đăng', 'ki', '=ký', 'dang_ki', '=đăng_ký']);
  });

  it('makes no exact terms for words typed without diacritics', () => {
    expect(lexicalTerms('dang ky khai tu', 'vi')).toEqual(['dang', 'ki', 'dang_ki', 'khai', 'ki_khai', 'tu', 'khai_tu']);
  });

  it('makes the same terms for NFD, NFC and upper-case input', () => {
    const nfc = lexicalTerms('Đăng ký khai tử', 'vi');
    expect(lexicalTerms('Đăng ký khai tử'.normalize('NFD'), 'vi')).toEqual(nfc);
    expect(lexicalTerms('ĐĂNG KÝ KHAI TỬ', 'vi')).toEqual(nfc);
  });

  it('stems English words and makes no word pairs', () => {
    expect(lexicalTerms('Registering deaths', 'en')).toEqual(['regist', 'death']);
    expect(lexicalTerms('registration of a death', 'en').some((t) => t.includes('_'))).toBe(false);
  });

  it('marks exact-spelling terms so they never collide with folded ones', () => {
    expect(lexicalTerms('tử', 'vi').map((t) => [t, isExactTerm(t)])).toEqual([
      ['tu', false],
      ['=tử', true],
    ]);
  });
});

describe('LexicalIndex', () => {
  it('ranks an entry spelled with the query’s exact diacritics above one that only matches folded', () => {
    const docs: LexicalDoc[] = [
      { id: 'ban-table', question: 'Mua bàn làm việc cho bộ phận một cửa', aliases: [], tags: [], body: 'Chọn bàn đủ rộng.' },
      { id: 'ban-sell', question: 'Bán tài sản công đã thanh lý', aliases: [], tags: [], body: 'Bán theo quy định.' },
    ];
    const index = new LexicalIndex(docs, 'vi');
    expect(index.search('bán', 5).map((h) => h.id)).toEqual(['ban-sell', 'ban-table']);
    expect(index.search('bàn', 5).map((h) => h.id)).toEqual(['ban-table', 'ban-sell']);
    expect(
      index
        .search('ban', 5)
        .map((h) => h.id)
        .sort(),
    ).toEqual(['ban-sell', 'ban-table']);
  });

  it('ranks a match in the question above the same words only in the answer', () => {
    const docs: LexicalDoc[] = [
      { id: 'in-body', question: 'Thủ tục hành chính chung', aliases: [], tags: [], body: 'Hướng dẫn chứng thực chữ ký cho người dân.' },
      { id: 'in-question', question: 'Chứng thực chữ ký', aliases: [], tags: [], body: 'Hướng dẫn thủ tục hành chính cho người dân.' },
    ];
    expect(new LexicalIndex(docs, 'vi').search('chứng thực chữ ký', 5).map((h) => h.id)).toEqual(['in-question', 'in-body']);
  });

  it('ranks a match in an alias above the same words only in the answer', () => {
    const docs: LexicalDoc[] = [
      { id: 'in-body', question: 'Thủ tục hành chính chung', aliases: [], tags: [], body: 'Hướng dẫn chứng thực chữ ký cho người dân.' },
      { id: 'in-alias', question: 'Thủ tục hành chính riêng', aliases: ['Chứng thực chữ ký'], tags: [], body: 'Hướng dẫn cho người dân.' },
    ];
    expect(new LexicalIndex(docs, 'vi').search('chứng thực chữ ký', 5).map((h) => h.id)).toEqual(['in-alias', 'in-body']);
  });

  it('measures coverage as the IDF-weighted share of the query the entry holds', () => {
    const docs: LexicalDoc[] = [
      { id: 'a', question: 'Chứng thực chữ ký', aliases: [], tags: [], body: 'Nộp giấy tờ.' },
      { id: 'b', question: 'Đăng ký thường trú', aliases: [], tags: [], body: 'Nộp hồ sơ.' },
    ];
    const index = new LexicalIndex(docs, 'vi');
    expect(index.size).toBe(2);
    expect(index.coverage('chứng thực chữ ký', 'a')).toBeCloseTo(1, 6);
    const partial = index.coverage('chứng thực giá vàng', 'a');
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(0.5);
    expect(index.coverage('giá vàng', 'a')).toBe(0);
  });

  it('finds the official term from the words people use, through the glossary, below the words typed', () => {
    const docs: LexicalDoc[] = [
      { id: 'gcn', question: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', aliases: [], tags: [], body: 'Nộp giấy tờ tại xã.' },
      { id: 'other', question: 'Đăng ký thường trú', aliases: [], tags: [], body: 'Nộp giấy tờ tại công an xã.' },
    ];
    const glossary: GlossaryItem[] = [
      { term: 'Giấy chứng nhận quyền sử dụng đất', lang: 'vi', says: ['sổ đỏ', 'sổ hồng'], entries: ['gcn'] },
    ];
    expect(new LexicalIndex(docs, 'vi').search('làm sổ đỏ', 5).map((h) => h.id)).not.toContain('gcn');
    const hits = new LexicalIndex(docs, 'vi', glossary).search('lam so do', 5);
    expect(hits[0]?.id).toBe('gcn');
    // Coverage is measured on the official wording, so the entry counts as holding the question's words.
    expect(hits[0]?.coverage).toBeGreaterThan(0.6);
  });

  it('reads back the same index it wrote, byte for byte the same rankings', () => {
    const docs: LexicalDoc[] = [
      { id: 'a', question: 'Chứng thực chữ ký', aliases: ['ký xác nhận'], tags: ['chứng thực'], body: 'Nộp giấy tờ tùy thân.' },
      { id: 'b', question: 'Chứng thực bản sao', aliases: ['photo công chứng'], tags: ['bản sao'], body: 'Nộp bản chính.' },
    ];
    const data = buildKeywordIndex(docs, 'vi');
    const again = decodeKeywordIndex(encodeKeywordIndex(data));
    expect(again.vocabulary).toEqual(data.vocabulary);
    expect([...again.impacts]).toEqual([...data.impacts]);
    expect([...again.docs]).toEqual([...data.docs]);
    expect(() => decodeKeywordIndex(encodeKeywordIndex(data).subarray(0, 40))).toThrow(/keyword index/);
  });

  it('stores entry numbers in two bytes for a handbook of fewer than 65,536 entries, and still reads four-byte files', () => {
    const docs: LexicalDoc[] = Array.from({ length: 40 }, (_, i) => ({
      id: String(i),
      question: `Thủ tục số ${i} về chứng thực và hộ tịch`,
      aliases: [`hỏi ${i}`],
      tags: ['chứng thực'],
      body: `Nội dung ${i} nộp giấy tờ tại xã.`,
    }));
    const data = buildKeywordIndex(docs, 'vi');
    const two = encodeKeywordIndex(data);
    const four = encodeKeywordIndex(data, { docWidth: 4 });
    // Half of every entry number's four bytes is saved, give or take the padding and the header's width field.
    expect(four.byteLength - two.byteLength).toBeGreaterThan(data.docs.length * 2 - 24);
    for (const bytes of [two, four]) {
      const read = decodeKeywordIndex(bytes);
      expect(read.docs).toBeInstanceOf(bytes === two ? Uint16Array : Uint32Array);
      expect([...read.docs]).toEqual([...data.docs]);
      expect([...read.impacts]).toEqual([...data.impacts]);
      expect([...read.fields]).toEqual([...data.fields]);
    }
  });

  it('counts as known a question of known words whose joining pair no entry has ("tục sổ" of "thủ tục sổ đỏ")', () => {
    const docs: LexicalDoc[] = [
      { id: 'gcn', question: 'Thủ tục cấp sổ đỏ lần đầu', aliases: [], tags: [], body: 'Nộp hồ sơ tại xã.' },
      { id: 'other', question: 'Thủ tục đăng ký thường trú', aliases: [], tags: [], body: 'Nộp hồ sơ tại công an xã.' },
    ];
    const engine = new LexicalIndex(docs, 'vi').engine;
    expect(engine.search('thủ tục sổ đỏ', 5).known).toBeCloseTo(1, 6);
    // A pair that is not between two known pairs still counts against the question: "giá vàng" is not in the handbook.
    expect(engine.search('giá vàng thủ tục', 5).known).toBeLessThan(0.5);
  });

  it('counts the words of an abbreviation the glossary knows as known, by their official wording ("GPXD")', () => {
    const docs: LexicalDoc[] = [
      { id: 'gpxd', question: 'Cấp giấy phép xây dựng nhà ở', aliases: [], tags: [], body: 'Nộp hồ sơ tại xã.' },
      { id: 'other', question: 'Đăng ký thường trú', aliases: [], tags: [], body: 'Nộp hồ sơ tại công an xã.' },
    ];
    const glossary: GlossaryItem[] = [{ term: 'giấy phép xây dựng', lang: 'vi', says: ['GPXD'], entries: ['gpxd'] }];
    expect(new LexicalIndex(docs, 'vi').engine.search('GPXD', 5).known).toBe(0);
    expect(new LexicalIndex(docs, 'vi', glossary).engine.search('GPXD', 5).known).toBeCloseTo(1, 6);
  });

  it('keeps only the ids the filter accepts', () => {
    const docs: LexicalDoc[] = [
      { id: 'a', question: 'Chứng thực chữ ký', aliases: [], tags: [], body: 'Nộp giấy tờ.' },
      { id: 'b', question: 'Chứng thực bản sao', aliases: [], tags: [], body: 'Nộp bản chính.' },
    ];
    expect(new LexicalIndex(docs, 'vi').search('chứng thực', 5, (id) => id === 'b').map((h) => h.id)).toEqual(['b']);
  });
});

describe('HandbookSearch over the fixture handbook (lexical)', () => {
  let search: HandbookSearch;
  const ask = (question: string, more: Partial<SearchRequest> = {}) => search.search({ question, lang: 'vi', k: 5, ...more });

  beforeAll(async () => {
    const { entries } = await loadHandbook({ dir: FIXTURE_HANDBOOK });
    search = new HandbookSearch(entries.map(toStoredEntry), FUSION);
  });

  it('searches by words alone when no model is given', () => {
    expect(search.mode).toBe('lexical');
  });

  it.each(['dang ky khai tu', 'đăng ký khai tử', 'Dang Ky Khai Tu', 'lam giay chung tu can gi', 'Làm giấy chứng tử cần những gì?'])(
    'answers %j with the death registration entry',
    async (question) => {
      const outcome = await ask(question);
      expect(outcome.status).toBe('answered');
      expect(outcome.mode).toBe('lexical');
      expect(outcome.results[0]?.entry.key).toBe('vi:dang-ky-khai-tu');
    },
  );

  it('answers an NFD question like its NFC form', async () => {
    const nfc = await ask('Làm giấy chứng tử cần những gì?');
    const nfd = await ask('Làm giấy chứng tử cần những gì?'.normalize('NFD'));
    expect(nfd.results.map((r) => [r.entry.key, r.score])).toEqual(nfc.results.map((r) => [r.entry.key, r.score]));
  });

  it('tells birth registration from death registration', async () => {
    const outcome = await ask('đăng ký khai sinh');
    expect(outcome.results.map((r) => r.entry.id)).toEqual(['dang-ky-khai-sinh', 'dang-ky-khai-tu']);
  });

  // bestSection counts every occurrence of a question term, so "Cần làm gì", which repeats
  // the folded syllable "tu" (tư, từ, tử) four times, ties with "Phí và thời hạn", which holds
  // six of the question's distinct terms, and wins the tie by coming first.
  it('cites the section holding the most of the question’s words, not the one repeating one of them', async () => {
    const outcome = await ask('khai tử có mất lệ phí không', { keepAll: true });
    expect(outcome.results[0]?.entry.id).toBe('dang-ky-khai-tu');
    expect(outcome.results[0]?.passage).toEqual({ heading: 'Phí và thời hạn', text: 'Đăng ký khai tử đúng hạn được miễn lệ phí.' });
  });

  it.each(['Làm hộ chiếu cần gì?', 'giá vàng hôm nay', 'cấp đổi giấy phép lái xe'])(
    'does not answer %j, which the handbook does not cover',
    async (question) => {
      const outcome = await ask(question);
      expect(outcome.status).not.toBe('answered');
    },
  );

  it('says nothing is close, and lists nothing, for a question unrelated to any entry', async () => {
    const outcome = await ask('asdf qwerty zxcv');
    expect(outcome.status).toBe('no_match');
    expect(outcome.results).toEqual([]);
  });

  it('finds the English entry for an English question', async () => {
    const outcome = await ask('What do I need to register a death?', { lang: 'en' });
    expect(outcome.status).toBe('answered');
    expect(outcome.results.map((r) => [r.entry.key, r.entry.url])).toEqual([
      ['en:dang-ky-khai-tu', '/en/civil-status/death-registration/'],
    ]);
  });

  it('answers an English question asked as Vietnamese, or with no language, from the English half', async () => {
    for (const lang of ['vi', undefined] as const) {
      const outcome = await ask('What do I need to register a death?', { lang });
      expect(outcome.status).toBe('answered');
      expect(outcome.lang).toBe('en');
      expect(outcome.results[0]?.entry.key).toBe('en:dang-ky-khai-tu');
    }
  });

  it('stays in the asked language when that half answers', async () => {
    const outcome = await ask('đăng ký khai tử', { lang: 'vi' });
    expect(outcome.results.every((r) => r.entry.lang === 'vi')).toBe(true);
  });

  it('returns only entries of the requested topic', async () => {
    const all = await ask('lệ phí');
    expect(new Set(all.results.map((r) => r.entry.topic))).toEqual(new Set(['certification', 'fees-payments', 'civil-status']));

    const fees = await ask('lệ phí', { topic: 'fees-payments' });
    expect(fees.results.map((r) => r.entry.id)).toEqual(['thu-phi-khi-mat-ket-noi']);

    const certification = await ask('đăng ký khai tử', { topic: 'certification' });
    expect(certification.results.map((r) => r.entry.id)).not.toContain('dang-ky-khai-tu');
    expect(certification.status).not.toBe('answered');
  });

  it('returns at most k entries', async () => {
    expect((await ask('đăng ký', { k: 1 })).results).toHaveLength(1);
  });

  it('never returns the draft entry, even for its own question', async () => {
    const outcome = await ask('Mục đang soạn, chưa công bố', { k: 10 });
    expect(outcome.results.map((r) => r.entry.id)).not.toContain('ban-nhap');
    expect(outcome.status).not.toBe('answered');
    expect(search.entries.map((e) => e.id)).not.toContain('ban-nhap');
  });
});
