import type { Lang } from '../content/topics.ts';
import { words } from './fold.ts';

const VIETNAMESE_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýđ]/i;
const ENGLISH_WORDS = new Set(
  'the a an to of do does how what when where who which why is are can i we my our for in on with need needs should must if'.split(' '),
);

/**
 * Guesses the language of a question when the caller did not say: Vietnamese
 * letters mean Vietnamese; otherwise English when common English function
 * words make up a fair share of the words; otherwise Vietnamese typed without
 * diacritics ("lam giay chung tu can gi"), the usual case at a commune desk.
 */
export function detectLang(text: string): Lang {
  if (VIETNAMESE_LETTERS.test(text.normalize('NFC'))) return 'vi';
  const ws = words(text);
  if (ws.length === 0) return 'vi';
  const english = ws.filter((w) => ENGLISH_WORDS.has(w)).length;
  return english / ws.length >= 0.2 ? 'en' : 'vi';
}
