import type { Lang } from '../content/topics.ts';
import { foldWord, words } from '../text/fold.ts';
import type { GlossaryMatch } from './glossary-expansion.ts';

/**
 * A question that is nothing but a glossary term ("giấy khai sinh", "xin sổ đỏ", "thủ tục sang tên đất") asks about
 * the term's main procedure: the first entry the glossary links to the term. Keyword scores cannot tell: the entry
 * that repeats the term most ("mất giấy khai sinh", "làm lại giấy khai sinh") outranks the procedure itself, and
 * the judge of wordings has too few words to go on. The glossary's order is the IOC team's word on it
 * (docs/writing-entries.md, "Aliases, search phrases and the glossary").
 */

/** Words that ask for a thing without saying which ("xin", "làm", "thủ tục"), folded, as phrases. */
const REQUEST_PHRASES: Record<Lang, readonly string[][]> = {
  vi: [['xin'], ['lam'], ['cap'], ['thu', 'tuc']],
  en: [['how'], ['to'], ['get'], ['apply'], ['for'], ['a'], ['an'], ['the']],
};

/**
 * The glossary match a question consists of, besides request words: one phrase, of a term that links to entries
 * and is covered by the handbook. Undefined for any other question.
 */
export function bareTerm(question: string, matches: readonly GlossaryMatch[], lang: Lang): GlossaryMatch | undefined {
  const [match, ...others] = matches;
  if (!match || others.length > 0 || match.entries.length === 0 || match.notCovered) return undefined;
  const rest = words(question).map(foldWord);
  const phrase = words(match.matched).map(foldWord);
  const at = rest.findIndex((_, i) => phrase.every((w, j) => rest[i + j] === w));
  if (at < 0) return undefined;
  rest.splice(at, phrase.length);
  for (let i = 0; i < rest.length;) {
    const request = REQUEST_PHRASES[lang].find((p) => p.every((w, j) => rest[i + j] === w));
    if (!request) return undefined;
    i += request.length;
  }
  return match;
}

/** How far down the keyword ranking the main entry may be and still come first: the keywords must find it close. */
export const MAIN_ENTRY_WITHIN = 3;

/**
 * Puts the hit `isMain` picks first when it is among the first {@link MAIN_ENTRY_WITHIN} hits; the hits it passes
 * move down one place. Each place keeps its score, so the hits stay in score order for everything downstream. True
 * when the main entry is first now.
 */
export function mainEntryFirst<H extends { score: number }>(hits: H[], isMain: (hit: H) => boolean): boolean {
  const at = hits.slice(0, MAIN_ENTRY_WITHIN).findIndex(isMain);
  if (at < 0) return false;
  const places = hits.slice(0, at + 1).map((h) => h.score);
  hits.unshift(...hits.splice(at, 1));
  for (let i = 0; i <= at; i++) hits[i] = { ...hits[i]!, score: places[i]! };
  return true;
}
