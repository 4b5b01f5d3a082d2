import type { Lang } from '../content/topics.ts';
import type { StoredEntry } from '../indexing/handbook-documents.ts';
import type { HandbookSearch } from '../retrieval/handbook-search.ts';

/** What the audit reads of an entry: the ways it is asked. */
type AskedEntry = Pick<StoredEntry, 'id' | 'lang' | 'title' | 'aliases' | 'searchPhrases'>;

/** The fields an entry is asked by, as the entry file names them. */
export type WordingField = 'question' | 'aliases' | 'searchPhrases';

/** One way an entry is asked that Ask answers with another entry. */
export interface WordingConflict {
  id: string;
  lang: Lang;
  field: WordingField;
  /** Position in the field's list (0 for the question). */
  index: number;
  text: string;
  /** The entry Ask answers the wording with, and how sure it is. */
  answeredWith: string;
  confidence: number;
}

/**
 * Asks every entry's own question, aliases and search phrases, in the entry's language, as an officer would type
 * them, and returns those Ask answers with a different entry. Such a wording shares its words with the other entry
 * more than with its own, so officers' questions worded like it go astray too: move it to the entry it belongs to,
 * make it say what sets its own entry apart, or link the word that does to the entry in the glossary. A wording
 * Ask is only unsure of is not a conflict: "not sure" lists the closest entries, its own among them.
 */
export async function wordingConflicts(search: HandbookSearch, entries: readonly AskedEntry[]): Promise<WordingConflict[]> {
  const conflicts: WordingConflict[] = [];
  for (const entry of entries) {
    const wordings: [WordingField, number, string][] = [
      ['question', 0, entry.title],
      ...entry.aliases.map((text, i): [WordingField, number, string] => ['aliases', i, text]),
      ...entry.searchPhrases.map((text, i): [WordingField, number, string] => ['searchPhrases', i, text]),
    ];
    for (const [field, index, text] of wordings) {
      const outcome = await search.search({ question: text, lang: entry.lang, k: 1 });
      const answer = outcome.results[0]?.entry;
      if (outcome.status !== 'answered' || !answer || answer.id === entry.id) continue;
      conflicts.push({ id: entry.id, lang: entry.lang, field, index, text, answeredWith: answer.id, confidence: outcome.confidence });
    }
  }
  return conflicts;
}

/**
 * The line of `text` in an entry file's `source`, looking from its field's line `from` on (1-based); `from` when the
 * text is written otherwise (quoted with escapes, folded over lines).
 */
export function wordingLine(source: string, from: number, text: string): number {
  const lines = source.split('\n');
  for (let i = Math.max(0, from - 1); i < lines.length; i++) if (lines[i]!.includes(text)) return i + 1;
  return from;
}
