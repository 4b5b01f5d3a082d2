import { describe, expect, it } from 'vitest';
import { foldWord } from '../../src/text/fold.ts';
import { repairCandidates, repairQuestion } from '../../src/text/typo-repair.ts';

const vocabulary = new Set(['dang', 'ki', 'khai', 'tu', 'can', 'mang', 'gi', 'duoc', 'khong', 'chung', 'thuc', 'nhu', 'the', 'nao']);
const known = (w: string) => vocabulary.has(w);

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
    expect(repairQuestion('dangw kys khai tu', known)).toBe('dang ki khai tu');
  });

  it('writes out chat shorthand for everyday words', () => {
    expect(repairQuestion('chứng thực cần mang j', known)).toBe('chứng thực cần mang gi');
    expect(repairQuestion('khai tử dc ko', known)).toBe('khai tử duoc khong');
    expect(repairQuestion('chung thuc ntn', known)).toBe('chung thuc nhu the nao');
  });

  it('leaves shorthand alone where the vocabulary lacks what it stands for, as in the English half', () => {
    const english = new Set(['birth', 'death', 'registration'].map(foldWord));
    expect(repairQuestion('birth vs death registration', (w) => english.has(w))).toBe('birth vs death registration');
  });

  it('returns the question unchanged when every word is known', () => {
    expect(repairQuestion('Đăng ký khai tử cần mang gì?', known)).toBe('Đăng ký khai tử cần mang gì?');
  });
});
