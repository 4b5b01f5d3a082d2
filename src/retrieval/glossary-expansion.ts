import type { Lang } from '../content/topics.ts';
import { foldDiacritics, foldWord, words } from '../text/fold.ts';

/** What the expansion needs of a glossary term (the shape of `handbook/glossary.yaml` items). */
export interface GlossaryItem {
  term: string;
  lang: Lang;
  says: string[];
  entries: string[];
  /** The handbook does not cover it: a question naming it gets no answer from another entry. */
  notCovered?: boolean | undefined;
}

/** One glossary phrase found in a question. */
export interface GlossaryMatch {
  /** The words of the question that matched, as typed. */
  matched: string;
  /** The official term of the matched item. */
  term: string;
  /** The other names of the item, the official one first: what the question is expanded with. */
  expansions: string[];
  /** Entry ids linked to the item. */
  entries: string[];
  /** The item is a procedure the handbook does not cover. */
  notCovered: boolean;
}

interface Phrase {
  folded: string[];
  item: number;
}

/**
 * Finds glossary phrases in questions, in both directions: an everyday word ("sổ đỏ", "so do") brings in the
 * official term, and the official term brings in the everyday words. Matching is on folded words, so diacritics
 * and case do not matter; the longest phrase at a position wins, and phrases do not overlap.
 */
export class GlossaryExpander {
  private readonly items: GlossaryItem[];
  /** Phrases by their first folded word, longest first. */
  private readonly byFirst = new Map<string, Phrase[]>();
  /** Every folded word of the phrases. */
  private readonly vocabulary = new Set<string>();

  constructor(items: GlossaryItem[], lang: Lang) {
    this.items = items.filter((t) => t.lang === lang);
    this.items.forEach((t, item) => {
      for (const name of [t.term, ...t.says]) {
        const folded = words(name).map(foldWord);
        if (folded.length === 0) continue;
        for (const w of folded) this.vocabulary.add(w);
        const list = this.byFirst.get(folded[0]!) ?? [];
        list.push({ folded, item });
        this.byFirst.set(folded[0]!, list);
      }
    });
    for (const list of this.byFirst.values()) list.sort((a, b) => b.folded.length - a.folded.length);
  }

  /** Whether a folded word is one of the glossary's: a word the handbook knows, never to be taken for a typo. */
  knows(folded: string): boolean {
    return this.vocabulary.has(folded);
  }

  /** The glossary phrases of a question, in order. */
  match(question: string): GlossaryMatch[] {
    const typed = words(question);
    const folded = typed.map(foldWord);
    const found: GlossaryMatch[] = [];
    const seenItems = new Set<number>();
    for (let i = 0; i < folded.length;) {
      const phrase = this.byFirst.get(folded[i]!)?.find((p) => p.folded.every((w, j) => folded[i + j] === w));
      if (!phrase) {
        i++;
        continue;
      }
      if (!seenItems.has(phrase.item)) {
        seenItems.add(phrase.item);
        const t = this.items[phrase.item]!;
        const matchedFolded = phrase.folded.join(' ');
        const expansions = [t.term, ...t.says].filter((name) => words(name).map(foldWord).join(' ') !== matchedFolded);
        found.push({
          matched: typed.slice(i, i + phrase.folded.length).join(' '),
          term: t.term,
          expansions,
          entries: t.entries,
          notCovered: t.notCovered === true,
        });
      }
      i += phrase.folded.length;
    }
    return found;
  }

  /** The question with each everyday phrase replaced by its official term: how an entry would word it. */
  static officialWording(question: string, matches: GlossaryMatch[]): string {
    let text = question.normalize('NFC');
    for (const m of matches) {
      if (foldDiacritics(m.matched) === foldDiacritics(m.term)) continue;
      const at = foldDiacritics(text).indexOf(foldDiacritics(m.matched));
      // Folding keeps one character per character for NFC Vietnamese letters, so positions carry over.
      if (at >= 0) text = `${text.slice(0, at)}${m.term}${text.slice(at + m.matched.length)}`;
    }
    return text;
  }
}
