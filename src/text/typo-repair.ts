import { foldWord, words } from './fold.ts';

/**
 * Folded spellings a mistyped word may have meant, most likely first: Telex leftovers from a Vietnamese keyboard
 * that did not convert ("chuwngs" → "chung", "thuwcj" → "thuc", "ddaat" → "dat") and a doubled last letter
 * ("dịchh" → "dich"). The caller keeps the first one its vocabulary knows.
 */
export function repairCandidates(word: string): string[] {
  const folded = foldWord(word);
  const out = new Set<string>();
  const telex = folded
    .replace(/dd/g, 'd')
    .replace(/([aeo])\1/g, '$1')
    .replace(/([uoa])w/g, '$1')
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
 * The question with each word the vocabulary does not know replaced by a repair it does know; unchanged when no
 * word needed one. `known` answers for folded words.
 */
export function repairQuestion(question: string, known: (folded: string) => boolean): string {
  let changed = false;
  const repaired = words(question).map((w) => {
    if (known(foldWord(w)) || /\d/.test(w)) return w;
    const fix = repairCandidates(w).find(known);
    if (!fix) return w;
    changed = true;
    return fix;
  });
  return changed ? repaired.join(' ') : question;
}
