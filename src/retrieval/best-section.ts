import type { Lang } from '../content/topics.ts';
import type { StoredEntry } from '../indexing/handbook-documents.ts';
import { foldWord, words } from '../text/fold.ts';
import { DEFAULT_TERM_OPTIONS, EXACT, stemWord } from './lexical-terms.ts';

type Section = StoredEntry['sections'][number];

/**
 * The answer section holding the most distinct question terms (`questionTerms`, the question's
 * `lexicalTerms` in the entry's language: folded words, exact spellings, word pairs), so "tử" does not count
 * where only "tư" stands; the first on a tie.
 *
 * Every answer cites one, for five entries per question, so it must not tokenize whole sections into term
 * lists: each section word costs one folded lookup, and a spelling or a word pair is only checked where its
 * folded words are both question words. The count is the same as intersecting the full term lists
 * (tests/retrieval/best-section.test.ts checks that on the whole handbook).
 */
export function bestSection(entry: StoredEntry, questionTerms: ReadonlySet<string>): Section | undefined {
  let best = entry.sections[0];
  let bestCount = -1;
  for (const s of entry.sections) {
    const count = questionTermsIn(`${s.heading}\n${s.text}`, questionTerms, entry.lang);
    if (count > bestCount) {
      best = s;
      bestCount = count;
    }
  }
  return best;
}

/** How many distinct terms of `terms` (a question's `lexicalTerms`) `text` holds. */
export function questionTermsIn(text: string, terms: ReadonlySet<string>, lang: Lang): number {
  const options = DEFAULT_TERM_OPTIONS[lang];
  const found = new Set<string>();
  let previous: string | undefined;
  let previousExact = '';
  for (const word of words(text)) {
    const base = lang === 'en' && options.stem ? stemWord(word) : word;
    const folded = foldWord(base);
    // Every term of a word or a pair holds the word's folded form: a word that is not a question word adds nothing.
    if (!terms.has(folded)) {
      previous = undefined;
      continue;
    }
    found.add(folded);
    if (options.exact && folded !== base && terms.has(EXACT + base)) found.add(EXACT + base);
    if (options.bigrams && previous !== undefined) {
      const pair = `${previous}_${folded}`;
      if (terms.has(pair)) found.add(pair);
      const exactPair = `${EXACT}${previousExact}_${base}`;
      if (options.exact && exactPair !== EXACT + pair && terms.has(exactPair)) found.add(exactPair);
    }
    previous = folded;
    previousExact = base;
  }
  return found.size;
}
