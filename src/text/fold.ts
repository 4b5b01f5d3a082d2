/**
 * Vietnamese-aware text folding, shared by the site's search index and the
 * question retriever so that both treat "đăng ký", "dang ky" and "ĐĂNG KÝ" alike.
 */

const COMBINING_MARKS = /\p{M}+/gu;

/** The initial consonants of a Vietnamese syllable, folded, longest first (a regular-expression alternation). */
export const INITIAL_CONSONANT = 'ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx]';

/** Unicode NFC plus lower case: the form every stored and compared text takes. */
export function normalize(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi');
}

/**
 * Removes tone marks and vowel marks and maps đ/Đ to d, after normalizing.
 * `đ` is a letter of its own in Unicode, not d plus a mark, so decomposition
 * alone leaves it in place; it needs its own mapping.
 * @example foldDiacritics('Đăng ký khai tử') // 'dang ky khai tu'
 */
export function foldDiacritics(text: string): string {
  return normalize(text).normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd');
}

/** Folded forms of words already seen: a language has a few thousand syllables, and indexing folds each many times. */
const foldedWords = new Map<string, string>();
const FOLD_CACHE_LIMIT = 200_000;

/**
 * A folded syllable whose only vowel is a y after a consonant: Vietnamese writes that sound i or y alike ("chữ kí"
 * and "chữ ký", "lí do" and "lý do", "quí" and "quý"), so folded words write it i. A y after another vowel ("ay",
 * "uy") or on its own ("y tế") is a different sound and stays.
 */
const LONE_Y = new RegExp(`^(?:${INITIAL_CONSONANT})y$`);

/**
 * {@link foldDiacritics} of one word that {@link words} produced (already normalized), with the i/y spelling
 * variant made one ({@link LONE_Y}), remembered. Search terms, the glossary and the wording judge fold words with it,
 * so "ki so" finds "ký số".
 * @example foldWord('ký') // 'ki'
 */
export function foldWord(word: string): string {
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    folded = word.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd');
    if (LONE_Y.test(folded)) folded = `${folded.slice(0, -1)}i`;
    if (foldedWords.size >= FOLD_CACHE_LIMIT) foldedWords.clear();
    foldedWords.set(word, folded);
  }
  return folded;
}

/**
 * Words (letter/digit runs) of a text, in order, normalized but keeping marks.
 * Vietnamese writes one syllable per word, so these are syllables.
 */
export function words(text: string): string[] {
  return normalize(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}
