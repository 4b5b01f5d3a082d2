import { describe, expect, it } from 'vitest';
import { entryWordings, judgeByWording, judgeFirstTwo } from '../../src/retrieval/wording-judge.ts';

// Two sibling entries that share most of their words: only "lại" and "mất" tell them apart.
const birth = [
  'Đăng ký khai sinh cho trẻ cần chuẩn bị gì?',
  'Làm giấy khai sinh cho con ở đâu?',
  'khai sinh cho bé mới sinh',
  'đăng ký khai sinh cần giấy chứng sinh',
  'khai sinh cho con cần mang gì',
];
const reRegistration = [
  'Mất giấy khai sinh thì đăng ký lại khai sinh thế nào?',
  'Điều kiện đăng ký lại khai sinh',
  'mất bản chính giấy khai sinh',
  'làm lại giấy khai sinh bị mất',
  'xã không còn sổ gốc khai sinh',
];

describe('the wording judge', () => {
  it('reads a question about a lost certificate as asked of re-registration, and one about a newborn as asked of registration', () => {
    expect(judgeByWording('bị mất giấy khai sinh thì làm lại ở đâu', birth, reRegistration)).toBeLessThan(0.5);
    expect(judgeByWording('làm khai sinh cho bé mới sinh', birth, reRegistration)).toBeGreaterThan(0.5);
  });

  it('gives the same probability every time', () => {
    const question = 'giấy khai sinh làm ở đâu';
    expect(judgeByWording(question, birth, reRegistration)).toBe(judgeByWording(question, birth, reRegistration));
  });

  it('says nothing of a question none of whose words either entry uses', () => {
    expect(judgeByWording('giá vàng hôm nay', birth, reRegistration)).toBeUndefined();
  });

  it('has no prior for the entry with more wordings', () => {
    // The same wordings three times over: the judge should read a question as before, not lean to the longer list.
    const many = [...reRegistration, ...reRegistration, ...reRegistration];
    const once = judgeByWording('giấy khai sinh', birth, reRegistration)!;
    expect(judgeByWording('giấy khai sinh', birth, many)).toBeCloseTo(once, 2);
  });

  it('says nothing when an entry has too few wordings to learn from', () => {
    expect(judgeByWording('mất giấy khai sinh', ['Đăng ký khai sinh'], reRegistration)).toBeUndefined();
  });

  /** Hits for registration (doc 0, first) and re-registration (doc 1), judged on `question`; the order after. */
  function judgeHits(question: string) {
    const hits = [
      { doc: 0, score: 9 },
      { doc: 1, score: 8 },
      { doc: 2, score: 1 },
    ];
    const wordings = [birth, reRegistration, []];
    const verdict = judgeFirstTwo(question, hits, (h) => wordings[h.doc]!);
    return { verdict, hits };
  }

  it('puts the second hit first when the question clearly reads like it, the scores staying in their places', () => {
    expect(judgeHits('mất giấy khai sinh làm lại')).toEqual({
      verdict: 'overrules',
      hits: [
        { doc: 1, score: 9 },
        { doc: 0, score: 8 },
        { doc: 2, score: 1 },
      ],
    });
  });

  it('keeps the keyword order when the question reads like the first hit', () => {
    const { verdict, hits } = judgeHits('khai sinh cho con mới sinh');
    expect(verdict).toBe('agrees');
    expect(hits.map((h) => h.doc)).toEqual([0, 1, 2]);
  });

  it('keeps silent on a question of one or two words, which is about both siblings alike', () => {
    const { verdict, hits } = judgeHits('mất khai');
    expect(verdict).toBe('silent');
    expect(hits.map((h) => h.doc)).toEqual([0, 1, 2]);
  });

  it("reads an entry's question, aliases, search phrases and tags", () => {
    expect(entryWordings({ title: 'Q?', aliases: ['A'], searchPhrases: ['P'], tags: ['t1', 't2'] })).toEqual(['Q?', 'A', 'P', 't1 t2']);
  });
});
