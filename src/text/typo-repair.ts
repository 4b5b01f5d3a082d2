import { foldWord, words } from './fold.ts';

/**
 * Chat shorthand for common words, folded ("cần mang j" = "cần mang gì", "được ko" = "được không"): only forms
 * that stand for one word whatever the topic ("bn" is "bao nhiêu" or "bạn", so it is not here), so none can turn a
 * question into another one.
 */
const SHORTHAND: Record<string, string> = {
  j: 'gi',
  ko: 'khong',
  hok: 'khong',
  khg: 'khong',
  dc: 'duoc',
  ntn: 'nhu the nao',
  vs: 'voi',
  cty: 'cong ty',
};

/**
 * Folded spellings a mistyped word may have meant, most likely first: Telex leftovers from a Vietnamese keyboard that did not convert ("chuwngs" → "chung", "thuwcj" → "thuc", "ddaat" → "dat", "dangw"
 * → "dang") and a doubled last letter ("dịchh" → "dich"). The caller keeps the first one its vocabulary knows.
 */
export function repairCandidates(word: string): string[] {
  const folded = foldWord(word);
  const out = new Set<string>();
  // w marks the vowel before it, wherever it is typed ("chuwngs", "dangw"); with no vowel before, it is ư ("nhw").
  const telex = folded
    .replace(/dd/g, 'd')
    .replace(/([aeo])\1/g, '$1')
    .replace(/([aeiouy][a-z]*?)w/g, '$1')
    .replace(/w/g, 'u');
  // Tone keys typed after the syllable (s f r x j), as Telex writes them.
  for (const base of [telex, folded]) {
    if (/^[a-z]{2,}[sfrxj]$/.test(base)) out.add(base.slice(0, -1));
    out.add(base);
  }
  if (/(.)\1$/.test(folded)) out.add(folded.slice(0, -1));
  // A repair is folded like any word ("kys" → "ky" → "ki").
  const repairs = new Set([...out].map(foldWord));
  repairs.delete(folded);
  return [...repairs];
}

/**
 * The question with its chat shorthand written out and each word the vocabulary does not know replaced by a repair
 * it does know; unchanged when no word needed either. `known` answers for folded words: shorthand is written out
 * only into words the vocabulary knows, so English "vs" stays "vs" in the English half.
 */
export function repairQuestion(question: string, known: (folded: string) => boolean): string {
  let changed = false;
  const repaired = words(question).map((w) => {
    const shorthand = SHORTHAND[foldWord(w)];
    if (shorthand?.split(' ').every(known)) {
      changed = true;
      return shorthand;
    }
    if (known(foldWord(w)) || /\d/.test(w)) return w;
    const fix = repairCandidates(w).find(known);
    if (!fix) return w;
    changed = true;
    return fix;
  });
  return changed ? repaired.join(' ') : question;
}
