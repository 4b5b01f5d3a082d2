import { stemmer } from 'stemmer';
import type { Lang } from '../content/topics.ts';
import { foldWord, words } from '../text/fold.ts';

/** Prefix that marks a term spelled with its exact diacritics, so it never collides with a folded term. */
export const EXACT = '=';

/** Text without marks or đ: no letter outside ASCII. */
const ASCII = /^\p{ASCII}*$/u;

/**
 * Terms the lexical index stores for a text, and that a query is turned into.
 *
 * - every word folded (tone marks, vowel marks and đ removed, a lone y after a
 *   consonant written i): "dang", "ki", so typing without diacritics, or "kí"
 *   for "ký", finds the entry;
 * - the exact spelling too when it differs ("=đăng"), so a query typed with
 *   diacritics scores higher on entries spelled the same way;
 * - folded bigrams of neighbouring words ("dang_ki"): Vietnamese meaning lives
 *   in syllable pairs (đăng ký, khai tử), which single syllables miss.
 *
 * English words are stemmed (Porter) before folding: "registering" and
 * "registration" meet.
 * @example lexicalTerms('Đăng ký', 'vi') // ['dang', '=đăng', 'ki', '=ký', 'dang_ki', '=đăng_ký']
 */
export function lexicalTerms(text: string, lang: Lang, options: TermOptions = DEFAULT_TERM_OPTIONS[lang]): string[] {
  const terms: string[] = [];
  let previous: string | undefined;
  let previousExact: string | undefined;
  let previousMarked = false;
  for (const word of words(text)) {
    const base = lang === 'en' && options.stem ? stemWord(word) : word;
    const folded = foldWord(base);
    // Only a word written with marks (or đ) has an exact spelling of its own: "ky" is "ki" folded, not exact.
    const marked = !ASCII.test(base);
    terms.push(folded);
    if (options.exact && marked) terms.push(EXACT + base);
    if (options.bigrams && previous !== undefined) {
      terms.push(`${previous}_${folded}`);
      if (options.exact && (marked || previousMarked)) terms.push(`${EXACT}${previousExact}_${base}`);
    }
    previous = folded;
    previousExact = base;
    previousMarked = marked;
  }
  return terms;
}

/** Stemmed English words already seen: the Porter stemmer is the costly step of an English text's terms. */
const stems = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/** The Porter stem of an English word that {@link words} produced, remembered. */
export function stemWord(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/** Which kinds of terms {@link lexicalTerms} makes. */
export interface TermOptions {
  /** Folded word pairs. */
  bigrams: boolean;
  /** Exact-spelling terms beside folded ones. */
  exact: boolean;
  /** Porter stemming of English words. */
  stem: boolean;
}

/**
 * Chosen on ../shared/eval: word pairs lift Vietnamese hit@1 from 0.18 to 0.34
 * (first 150 UIT-ViCoV19QA queries) but lower English (StackFAQ 0.518 → 0.453);
 * stemming lifts English 0.518 → 0.582.
 */
export const DEFAULT_TERM_OPTIONS: Record<Lang, TermOptions> = {
  vi: { bigrams: true, exact: true, stem: false },
  en: { bigrams: false, exact: true, stem: true },
};

/** True for the exact-spelling terms made by {@link lexicalTerms}. */
export const isExactTerm = (term: string) => term.startsWith(EXACT);
