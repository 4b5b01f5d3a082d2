import { hasDStroke, words } from '../text/fold.ts';

/**
 * The đ→d forms of every word with `đ` in the given texts, space-separated and
 * de-duplicated. Pagefind folds tone marks but treats `đ` as its own letter, so
 * "dang ky" would not find "đăng ký"; indexing "dăng" beside "đăng" fixes that
 * while exact spelling still matches the original word.
 */
export function dStrokeVariants(texts: string[]): string {
  const out = new Set<string>();
  for (const text of texts) for (const w of words(text)) if (hasDStroke(w)) out.add(w.replace(/đ/g, 'd'));
  return [...out].join(' ');
}
