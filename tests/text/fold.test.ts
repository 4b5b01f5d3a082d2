import { describe, expect, it } from 'vitest';
import { detectLang } from '../../src/text/detect-lang.ts';
import { foldDiacritics, foldWord, normalize, words } from '../../src/text/fold.ts';
import { repairCandidates } from '../../src/text/typo-repair.ts';

describe('foldDiacritics', () => {
  it('folds a Vietnamese phrase to plain lowercase ASCII', () => {
    expect(foldDiacritics('Đăng ký khai tử')).toBe('dang ky khai tu');
  });

  it('maps đ and Đ to d, which decomposition alone leaves in place', () => {
    expect('đ'.normalize('NFD')).toBe('đ');
    expect(foldDiacritics('đồng Đô ĐĐ')).toBe('dong do dd');
  });

  it('strips every tone mark and vowel mark of the Vietnamese alphabet', () => {
    const lower = 'aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ';
    const folded = 'aaaaaa aaaaaa aaaaaa eeeeee eeeeee iiiiii oooooo oooooo oooooo uuuuuu uuuuuu yyyyyy';
    expect(foldDiacritics(lower)).toBe(folded);
    expect(foldDiacritics(lower.toUpperCase())).toBe(folded);
  });

  it('gives the same result for NFD input as for NFC input', () => {
    const text = 'Làm giấy chứng tử cần những gì? Đăng ký hộ tịch';
    expect(text.normalize('NFD')).not.toBe(text.normalize('NFC'));
    expect(foldDiacritics(text.normalize('NFD'))).toBe(foldDiacritics(text.normalize('NFC')));
    expect(foldDiacritics(text.normalize('NFD'))).toBe('lam giay chung tu can nhung gi? dang ky ho tich');
  });

  it('lowercases and keeps digits and punctuation', () => {
    expect(foldDiacritics('Nghị định 123/2015/NĐ-CP')).toBe('nghi dinh 123/2015/nd-cp');
  });
});

describe('foldWord', () => {
  it('writes a lone y after a consonant as i, so the two spellings of one sound meet', () => {
    expect(['ký', 'kí', 'ky', 'ki'].map(foldWord)).toEqual(['ki', 'ki', 'ki', 'ki']);
    expect(['lý', 'lí', 'quý', 'quí', 'mỹ', 'mĩ'].map(foldWord)).toEqual(['li', 'li', 'qui', 'qui', 'mi', 'mi']);
  });

  it('keeps y after another vowel and y on its own, which are other sounds', () => {
    expect(['tay', 'thủy', 'huy', 'y', 'yêu', 'tuyến'].map(foldWord)).toEqual(['tay', 'thuy', 'huy', 'y', 'yeu', 'tuyen']);
  });

  it('repairs a Telex leftover into the same folded word', () => {
    expect(repairCandidates('kys')).toContain('ki');
  });
});

describe('normalize', () => {
  it('returns NFC lower case, keeping the marks', () => {
    expect(normalize('ĐĂNG KÝ'.normalize('NFD'))).toBe('đăng ký'.normalize('NFC'));
  });
});

describe('words', () => {
  it('splits Vietnamese text into its syllables, normalized with marks kept', () => {
    expect(words('Làm giấy chứng tử cần những gì?')).toEqual(['làm', 'giấy', 'chứng', 'tử', 'cần', 'những', 'gì']);
  });

  it('splits at punctuation and keeps numbers', () => {
    expect(words('Lệ phí 2.000 đồng/trang; tối đa 200.000 đồng.')).toEqual([
      'lệ',
      'phí',
      '2',
      '000',
      'đồng',
      'trang',
      'tối',
      'đa',
      '200',
      '000',
      'đồng',
    ]);
  });

  it('returns the same NFC words for NFD input', () => {
    const nfd = words('Chứng thực bản sao'.normalize('NFD'));
    expect(nfd).toEqual(['chứng', 'thực', 'bản', 'sao']);
    expect(nfd.every((w) => w === w.normalize('NFC'))).toBe(true);
  });

  it('returns no words for text without letters or digits', () => {
    expect(words(' ?!… ')).toEqual([]);
  });
});

describe('detectLang', () => {
  it('recognizes Vietnamese written with diacritics', () => {
    expect(detectLang('Làm giấy chứng tử cần những gì?')).toBe('vi');
    expect(detectLang('Giấy tờ')).toBe('vi');
  });

  it('recognizes Vietnamese written with diacritics in NFD', () => {
    expect(detectLang('Chứng thực bản sao'.normalize('NFD'))).toBe('vi');
  });

  it('takes text without diacritics or English words for Vietnamese typed without marks', () => {
    expect(detectLang('lam giay chung tu can gi')).toBe('vi');
    expect(detectLang('dang ky khai tu')).toBe('vi');
  });

  it('recognizes English by its common words', () => {
    expect(detectLang('What do I need to register a death?')).toBe('en');
    expect(detectLang('How to register a death')).toBe('en');
  });

  it('falls back to Vietnamese for text without words', () => {
    expect(detectLang('')).toBe('vi');
    expect(detectLang('???')).toBe('vi');
  });
});
