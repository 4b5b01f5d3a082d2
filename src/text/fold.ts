/**
 * Vietnamese-aware text folding, shared by the site's search index and the
 * question retriever so that both treat "đăng ký", "dang ky" and "ĐĂNG KÝ" alike.
 */

const COMBINING_MARKS = /\p{M}+/gu;

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

/** True when the text has `đ` or `Đ`, the one letter Pagefind does not fold. */
export function hasDStroke(text: string): boolean {
  return /[đĐ]/.test(text);
}

/**
 * Words (letter/digit runs) of a text, in order, normalized but keeping marks.
 * Vietnamese writes one syllable per word, so these are syllables.
 */
export function words(text: string): string[] {
  return normalize(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}
