import { describe, expect, it } from 'vitest';
import { foldWord } from '../../src/text/fold.ts';
import { repairCandidates, repairQuestion } from '../../src/text/typo-repair.ts';

/** Entries per folded word and word pair, as an index of a few civil-status entries would count them. */
const counts = new Map(
  Object.entries({
    dang: 40,
    ki: 60,
    khai: 30,
    tu: 20,
    sinh: 25,
    can: 50,
    mang: 10,
    gi: 45,
    duoc: 40,
    khong: 60,
    chung: 30,
    thuc: 25,
    nhu: 10,
    the: 30,
    nao: 30,
    ket: 12,
    hon: 12,
    da: 15,
    xay: 8,
    dung: 9,
    nha: 9,
    xin: 6,
    phep: 7,
    trong: 20,
    he: 10,
    dang_ki: 35,
    ki_khai: 12,
    khai_tu: 15,
    khai_sinh: 20,
    ki_ket: 6,
    ket_hon: 10,
    da_ki: 2,
    xay_dung: 8,
    dung_nha: 4,
    xin_phep: 5,
    phep_xay: 4,
    trong_he: 3,
  }),
);
const entriesWith = (w: string) => counts.get(w) ?? 0;

describe('repairCandidates', () => {
  it('drops a Telex w typed after the whole syllable, as after the vowel', () => {
    expect(repairCandidates('dangw')).toContain('dang');
    expect(repairCandidates('chuwngs')).toContain('chung');
  });

  it('reads a w with no vowel before it as ư', () => {
    expect(repairCandidates('nhw')).toContain('nhu');
  });
});

describe('repairQuestion', () => {
  it('repairs Telex leftovers into words the vocabulary knows', () => {
    expect(repairQuestion('dangw kys khai tu', entriesWith)).toBe('dang ki khai tu');
  });

  it('writes out chat shorthand for everyday words', () => {
    expect(repairQuestion('chứng thực cần mang j', entriesWith)).toBe('chứng thực cần mang gi');
    expect(repairQuestion('khai tử dc ko', entriesWith)).toBe('khai tử duoc khong');
    expect(repairQuestion('chung thuc ntn', entriesWith)).toBe('chung thuc nhu the nao');
  });

  it('leaves shorthand alone where the vocabulary lacks what it stands for, as in the English half', () => {
    const english = new Set(['birth', 'death', 'registration'].map(foldWord));
    expect(repairQuestion('birth vs death registration', (w) => (english.has(w) ? 1 : 0))).toBe('birth vs death registration');
  });

  it('repairs a slip of one letter that its neighbours confirm, choosing the commoner word pair', () => {
    // "dag" could be "dang" (đăng ký) or "da" (đã ký): the handbook says "đăng ký" far more often.
    expect(repairQuestion('đăg ký kết hôn', entriesWith)).toBe('dang ký kết hôn');
    expect(repairQuestion('xây dựgn nhà', entriesWith)).toBe('xây dung nhà');
    expect(repairQuestion('xinphep xây dựng', entriesWith)).toBe('xin phep xây dựng');
  });

  it('does not turn a word the handbook lacks into one it has when its neighbours do not confirm it', () => {
    // "hẻm" is one letter from "he", and "trong hệ" is a known pair, but "hệ 3" is not.
    expect(repairQuestion('nhà trong hẻm 3 mét', entriesWith)).toBe('nhà trong hẻm 3 mét');
  });

  it('never takes a well-formed syllable for a slip, though its neighbours would confirm a repair', () => {
    // "chào" is one letter from "cho", and "cho bạn" is a known pair: a greeting must not become a question.
    const withCho = (w: string) => ({ cho: 30, ban: 20, cho_ban: 5 })[w] ?? 0;
    expect(repairQuestion('chào bạn', withCho)).toBe('chào bạn');
  });

  it('returns the question unchanged when every word is known', () => {
    expect(repairQuestion('Đăng ký khai tử cần mang gì?', entriesWith)).toBe('Đăng ký khai tử cần mang gì?');
  });
});
