import { describe, expect, it } from 'vitest';
import { GlossaryExpander, type GlossaryItem } from '../../src/retrieval/glossary-expansion.ts';
import { bareTerm, MAIN_ENTRY_WITHIN, mainEntryFirst } from '../../src/retrieval/main-entry.ts';

const GLOSSARY: GlossaryItem[] = [
  { term: 'Giấy khai sinh', lang: 'vi', says: ['giấy KS'], entries: ['dang-ky-khai-sinh', 'dang-ky-lai-khai-sinh'] },
  { term: 'Giấy chứng nhận quyền sử dụng đất', lang: 'vi', says: ['sổ đỏ'], entries: ['cap-lan-dau', 'cap-lai'] },
  { term: 'Ủy ban nhân dân', lang: 'vi', says: ['UBND'], entries: [] },
  { term: 'Giấy phép kinh doanh karaoke', lang: 'vi', says: ['giấy phép karaoke'], entries: [], notCovered: true },
  { term: 'birth registration certificate', lang: 'en', says: ['birth certificate'], entries: ['dang-ky-khai-sinh'] },
];

const bare = (question: string, lang: 'vi' | 'en' = 'vi') =>
  bareTerm(question, new GlossaryExpander(GLOSSARY, lang).match(question), lang)?.term;

describe('bareTerm', () => {
  it('finds the term a question consists of, as typed or without diacritics', () => {
    expect(bare('giấy khai sinh')).toBe('Giấy khai sinh');
    expect(bare('GIAY KHAI SINH')).toBe('Giấy khai sinh');
    expect(bare('so do')).toBe('Giấy chứng nhận quyền sử dụng đất');
  });

  it('allows the words that only ask for it: xin, làm, cấp, thủ tục; how to get a … in English', () => {
    expect(bare('xin giấy khai sinh')).toBe('Giấy khai sinh');
    expect(bare('thủ tục sổ đỏ')).toBe('Giấy chứng nhận quyền sử dụng đất');
    expect(bare('how to get a birth certificate', 'en')).toBe('birth registration certificate');
  });

  it('leaves alone a question with any other word, which may say which sibling it means', () => {
    expect(bare('mất giấy khai sinh')).toBeUndefined();
    expect(bare('giấy khai sinh bị sai tên')).toBeUndefined();
    expect(bare('thu phí sổ đỏ')).toBeUndefined();
  });

  it('leaves alone two terms, a term with no entries, and a procedure the handbook does not cover', () => {
    expect(bare('giấy khai sinh sổ đỏ')).toBeUndefined();
    expect(bare('UBND')).toBeUndefined();
    expect(bare('xin giấy phép karaoke')).toBeUndefined();
  });
});

describe('mainEntryFirst', () => {
  const hits = () => [
    { id: 'lai', score: 9 },
    { id: 'other', score: 8 },
    { id: 'main', score: 7 },
    { id: 'far', score: 6 },
  ];

  it('moves the main entry first, the others down a place, each place keeping its score', () => {
    const list = hits();
    expect(mainEntryFirst(list, (h) => h.id === 'main')).toBe(true);
    expect(list).toEqual([
      { id: 'main', score: 9 },
      { id: 'lai', score: 8 },
      { id: 'other', score: 7 },
      { id: 'far', score: 6 },
    ]);
  });

  it(`leaves the order alone when the main entry is not among the first ${MAIN_ENTRY_WITHIN}`, () => {
    const list = hits();
    expect(mainEntryFirst(list, (h) => h.id === 'far')).toBe(false);
    expect(list).toEqual(hits());
    expect(mainEntryFirst(list, (h) => h.id === 'missing')).toBe(false);
  });

  it('says so when the main entry is first already', () => {
    const list = hits();
    expect(mainEntryFirst(list, (h) => h.id === 'lai')).toBe(true);
    expect(list).toEqual(hits());
  });
});
