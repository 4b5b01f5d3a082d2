import { foldWord, INITIAL_CONSONANT, words } from './fold.ts';

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
 * Folded spellings a mistyped word may have meant, most likely first: Telex leftovers from a Vietnamese keyboard
 * that did not convert ("chuwngs" → "chung", "thuwcj" → "thuc", "ddaat" → "dat", "dangw" → "dang") and a doubled
 * last letter ("dịchh" → "dich"). The caller keeps the first one its vocabulary knows.
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
 * A well-formed Vietnamese syllable, folded: an initial consonant, one to three vowels, a final consonant or glide.
 * Such a word was typed as meant ("chào", "hẻm"), even when the handbook lacks it; only a word no syllable can be
 * ("đăg", "dựgn", "xinphep") is a slip.
 */
const SYLLABLE = new RegExp(`^(?:${INITIAL_CONSONANT})?[aeiouy]{1,3}(?:ng|nh|ch|[cmnptiyou])?$`);

/**
 * Spellings one slip away from a folded word: a letter dropped, added, changed or two swapped ("dag" → "dang",
 * "dugn" → "dung"), and a missing space ("xinphep" → "xin phep").
 */
function oneSlipAway(folded: string): string[] {
  const out = new Set<string>();
  // Folded Vietnamese has no f, j, w or z.
  const letters = 'abcdeghiklmnopqrstuvxy';
  for (let i = 0; i <= folded.length; i++) {
    const [head, tail] = [folded.slice(0, i), folded.slice(i)];
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of letters) {
      if (tail) out.add(head + c + tail.slice(1));
      out.add(head + c + tail);
    }
    if (head.length >= 2 && tail.length >= 2) out.add(`${head} ${tail}`);
  }
  out.delete(folded);
  return [...out];
}

/**
 * The question with its chat shorthand written out and each word the vocabulary does not know replaced by a repair
 * it does know; unchanged when no word needed either. `entriesWith` tells in how many entries a folded word, or a
 * folded word pair joined by "_" (the index's pair terms), occurs: 0 for one the vocabulary lacks. Shorthand is
 * written out only into words the vocabulary knows, so English "vs" stays "vs" in the English half. A word one slip
 * away from known words is repaired only when the repair makes known word pairs with every neighbour the word has
 * ("đăg ký" → "dang ky", "xây dựgn nhà" → "xay dung nha"), the commonest such pairs when several do; a word that
 * is a well-formed syllable ("chào", "hẻm") is never taken for a slip, though the handbook lacks it.
 */
export function repairQuestion(question: string, entriesWith: (folded: string) => number): string {
  const known = (folded: string) => entriesWith(folded) > 0;
  let changed = false;
  const typed = words(question);
  const repaired: string[] = [];
  typed.forEach((w, i) => {
    const folded = foldWord(w);
    const shorthand = SHORTHAND[folded];
    if (shorthand?.split(' ').every(known)) {
      changed = true;
      repaired.push(shorthand);
      return;
    }
    if (known(folded) || /\d/.test(w)) {
      repaired.push(w);
      return;
    }
    const fix = repairCandidates(w).find(known) ?? slipRepair(folded, repaired.at(-1), typed[i + 1], entriesWith);
    if (fix) changed = true;
    repaired.push(fix ?? w);
  });
  return changed ? repaired.join(' ') : question;
}

/**
 * The repair of {@link oneSlipAway} that its neighbours confirm best (see {@link repairQuestion}): every pair it
 * makes with them is known, and the rarest of those pairs is commoner than any other repair's; none on a tie.
 */
function slipRepair(
  folded: string,
  before: string | undefined,
  after: string | undefined,
  entriesWith: (folded: string) => number,
): string | undefined {
  // Two syllables run together are at most about ten letters; a longer word, or one with a letter Vietnamese does
  // not write, is from another language ("registration", "wifi"), not a slip.
  if (!/^[a-eg-ik-vxy]{3,10}$/.test(folded) || SYLLABLE.test(folded)) return undefined;
  if (before === undefined && after === undefined) return undefined;
  const left = before === undefined ? [] : [foldWord(before.split(' ').at(-1)!)];
  const right = after === undefined ? [] : [foldWord(after)];
  // A neighbour the vocabulary lacks makes no known pair: nothing could confirm a repair (an English question in
  // the Vietnamese half), so none of the few hundred spellings is tried.
  if (![...left, ...right].every((word) => entriesWith(word) > 0)) return undefined;
  const support = (repair: string) => {
    const parts = repair.split(' ');
    // Most of the few hundred spellings are no word at all: one lookup each settles them.
    if (!parts.every((word) => entriesWith(word) > 0)) return 0;
    const chain = [...left, ...parts, ...right];
    return Math.min(...chain.slice(1).map((b, j) => entriesWith(`${chain[j]!}_${b}`)));
  };
  let best: string | undefined;
  let bestSupport = 0;
  let tied = false;
  for (const repair of oneSlipAway(folded)) {
    const n = support(repair);
    if (n > bestSupport) [best, bestSupport, tied] = [repair, n, false];
    else if (n === bestSupport && n > 0) tied = true;
  }
  return tied ? undefined : best;
}
